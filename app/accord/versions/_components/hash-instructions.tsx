import { CodeBlock } from "@/components/code-block";
import { absoluteUrl } from "@/lib/site";
import { versionSnapshotPath } from "@/lib/paths";

/** How anyone can recompute a version's content hash without trusting this site's code. */
export function HashInstructions({ version }: { version: { number: number; contentHash: string } }) {
  return (
    <section aria-labelledby="check-hash-heading">
      <h2 id="check-hash-heading" className="section-heading">
        Check a content hash yourself
      </h2>
      <p className="mt-3">
        A version&apos;s content hash is the SHA-256 of its snapshot: the preamble (title, summary and body) and every principle (number, slug, title, summary
        and body), each body in its MDX source, written as canonical JSON. Canonical means object keys sorted, no whitespace between tokens, strings escaped as
        JavaScript&apos;s <code>JSON.stringify</code> escapes them, and UTF-8 bytes. Each version&apos;s snapshot link serves exactly those bytes, so hashing
        the download with <code>sha256sum</code> prints the hash shown above, and changing a single character of the text would change it. The same hash is
        recorded in the version&apos;s <code>accord.published</code> ledger entry and in every <code>accord.signed</code> entry for that version, which is what
        binds a signature to the words signed.
      </p>
      <div className="mt-4">
        <CodeBlock label="Recompute a content hash">{`curl -s ${absoluteUrl(versionSnapshotPath(version.number))} | sha256sum`}</CodeBlock>
      </div>
      <p className="mt-2 text-sm text-muted">
        For version {version.number} this prints <code className="break-all font-mono">{version.contentHash}</code> followed by a dash.
      </p>
    </section>
  );
}
