import Link from "next/link";
import { Breadcrumb } from "@/components/breadcrumb";
import { notFound } from "next/navigation";
import { OlderVersionBanner } from "./_components/older-version-banner";
import { VersionFacts } from "@/components/accord/version-facts";
import { linkClass } from "@/components/styles";
import { AccordText } from "@/components/signing/accord-text";
import { getAccordVersionSummaries, getPublishedAccordVersion } from "@/db/queries/accord-versions";
import { pageMetadata } from "@/lib/metadata";
import { accordVersionParamSchema } from "@/lib/validation/accord-version";
import { accordPath, snapshotFileName, versionDiffPath, versionPath, versionSnapshotPath, versionsPath } from "@/lib/paths";

/** None is prerendered by the build (it has no database): each renders on its first request and stays in the page cache until a publication. */
export function generateStaticParams(): { version: string }[] {
  return [];
}

type Props = { params: Promise<{ version: string }> };

export async function generateMetadata({ params }: Props) {
  const parsed = accordVersionParamSchema.safeParse((await params).version);
  if (!parsed.success) return {};
  return pageMetadata({
    title: `Accord version ${parsed.data}`,
    description: `The full text of version ${parsed.data} of the Tech Accord, exactly as published, with its content hash.`,
    path: versionPath(parsed.data),
  });
}

export default async function AccordVersionPage({ params }: Props) {
  const parsed = accordVersionParamSchema.safeParse((await params).version);
  if (!parsed.success) notFound();
  const [version, versions] = await Promise.all([getPublishedAccordVersion(parsed.data), getAccordVersionSummaries()]);
  if (!version) notFound();
  const latest = versions[0]?.number ?? version.number;
  const next = versions.filter((v) => v.number > version.number).at(-1)?.number;
  return (
    <div className="mx-auto max-w-4xl px-4 py-12 sm:px-6">
      <Breadcrumb
        trail={[
          { href: accordPath, label: "The accord" },
          { href: versionsPath, label: "Versions" },
        ]}
        current={`Version ${version.number}`}
      />
      {next !== undefined ? (
        <div className="mt-6">
          <OlderVersionBanner number={version.number} next={next} latest={latest} />
        </div>
      ) : null}
      <header className="mt-6 border-b border-ink-200 pb-6 dark:border-ink-800">
        <h1 className="font-serif text-4xl font-semibold tracking-tight">Version {version.number} of the accord</h1>
        <p className="mt-3 whitespace-pre-line text-lg text-ink-600 [overflow-wrap:anywhere] dark:text-ink-300">{version.changelog}</p>
        <div className="mt-5">
          <VersionFacts version={version} />
        </div>
        <ul className="mt-5 flex flex-wrap gap-x-5 gap-y-2 text-sm">
          <li>
            <Link href={versionDiffPath(version.number)} className={linkClass}>
              What changed in version {version.number}
            </Link>
          </li>
          <li>
            <a href={versionSnapshotPath(version.number)} download={snapshotFileName(version.number)} className={linkClass}>
              Snapshot (JSON) to check the hash
            </a>
          </li>
          <li>
            <Link href={versionsPath} className={linkClass}>
              All versions
            </Link>
          </li>
        </ul>
      </header>
      <div className="mt-10">
        <AccordText snapshot={version.snapshot} contentHash={version.contentHash} version={version.number} />
      </div>
    </div>
  );
}
