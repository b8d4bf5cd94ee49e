import Link from "next/link";
import { Breadcrumb } from "@/components/breadcrumb";
import { notFound } from "next/navigation";
import { VersionDiff } from "./_components/version-diff";
import { linkClass } from "@/components/styles";
import { formatTime } from "@/lib/format/date";
import { getAccordVersionDiff } from "@/db/queries/accord-versions";
import { pageMetadata } from "@/lib/metadata";
import { accordVersionParamSchema } from "@/lib/validation/accord-version";
import { accordPath, versionDiffPath, versionPath, versionsPath } from "@/lib/paths";

/** None is prerendered by the build (it has no database): each renders on its first request and stays in the page cache until a publication. */
export function generateStaticParams(): { version: string }[] {
  return [];
}

type Props = { params: Promise<{ version: string }> };

export async function generateMetadata({ params }: Props) {
  const parsed = accordVersionParamSchema.safeParse((await params).version);
  if (!parsed.success) return {};
  return pageMetadata({
    title: `What changed in accord version ${parsed.data}`,
    description: `Word-level changes in version ${parsed.data} of the Tech Accord compared with the version before it.`,
    path: versionDiffPath(parsed.data),
  });
}

export default async function AccordVersionDiffPage({ params }: Props) {
  const parsed = accordVersionParamSchema.safeParse((await params).version);
  if (!parsed.success) notFound();
  const found = await getAccordVersionDiff(parsed.data);
  if (!found) notFound();
  const { version, previous, diff } = found;
  return (
    <div className="mx-auto max-w-4xl px-4 py-12 sm:px-6">
      <Breadcrumb
        trail={[
          { href: accordPath, label: "The accord" },
          { href: versionsPath, label: "Versions" },
          { href: versionPath(version.number), label: `Version ${version.number}` },
        ]}
        current="What changed"
      />
      <h1 className="mt-3 font-serif text-4xl font-semibold tracking-tight">What changed in version {version.number}</h1>
      {previous && diff ? (
        <>
          <p className="mt-3 text-lg text-muted">
            Compared with{" "}
            <Link href={versionPath(previous.number)} className={linkClass}>
              version {previous.number}
            </Link>
            . Published <time dateTime={version.publishedAt}>{formatTime(new Date(version.publishedAt))}</time> with this changelog:
          </p>
          <blockquote className="mt-3 whitespace-pre-line border-l-4 border-ink-200 pl-4 [overflow-wrap:anywhere] dark:border-ink-700">
            {version.changelog}
          </blockquote>
          <p className="mt-4">
            <Link href={versionPath(version.number)} className={linkClass}>
              Read version {version.number} in full
            </Link>
          </p>
          <VersionDiff diff={diff} />
        </>
      ) : (
        <div className="mt-6 max-w-3xl space-y-4 text-lg">
          <p>
            Version {version.number} is the first version of the accord, so there is no earlier text to compare it with. It was published{" "}
            <time dateTime={version.publishedAt}>{formatTime(new Date(version.publishedAt))}</time>.
          </p>
          <p>
            <Link href={versionPath(version.number)} className={linkClass}>
              Read version {version.number} in full
            </Link>{" "}
            or see{" "}
            <Link href={versionsPath} className={linkClass}>
              all versions
            </Link>
            .
          </p>
        </div>
      )}
    </div>
  );
}
