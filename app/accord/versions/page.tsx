import { Breadcrumb } from "@/components/breadcrumb";
import { HashInstructions } from "./_components/hash-instructions";
import { VersionList } from "./_components/version-list";
import { getAccordVersionSummaries } from "@/db/queries/accord-versions";
import { pageMetadata } from "@/lib/metadata";
import { accordPath, versionsPath } from "@/lib/paths";

export const metadata = pageMetadata({
  title: "Versions of the accord",
  description: "Every published version of the Tech Accord with its date, changelog, SHA-256 content hash, signatories and word-level changes.",
  path: versionsPath,
});

export default async function AccordVersionsPage() {
  const versions = await getAccordVersionSummaries();
  return (
    <div className="mx-auto max-w-4xl px-4 py-12 sm:px-6">
      <Breadcrumb trail={[{ href: accordPath, label: "The accord" }]} current="Versions" />
      <h1 className="mt-3 font-serif text-4xl font-semibold tracking-tight">Versions of the accord</h1>
      <p className="mt-3 max-w-3xl text-lg text-muted">
        Every published change to the accord&apos;s principles is a new version, newest first. A signature is bound to one version&apos;s content hash, so each
        version stays readable here exactly as it was signed, with what changed from the one before.
      </p>
      <div className="mt-10">{versions.length > 0 ? <VersionList versions={versions} /> : <p>No version of the accord has been published yet.</p>}</div>
      {versions[0] ? (
        <div className="mt-12">
          <HashInstructions version={versions[0]} />
        </div>
      ) : null}
    </div>
  );
}
