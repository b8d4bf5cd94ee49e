import Link from "next/link";
import { CodeBlock } from "@/components/code-block";
import type { Signature } from "@/db/schema";
import { ledgerEntryPath, receiptPath } from "@/lib/paths";
import { formatTime } from "@/lib/format/date";

/**
 * What a signature binds: version, content hash, signer and time, with the public ledger entry
 * and its receipt. Shared by the signing pages and the dashboard so they never disagree.
 */
export function SignatureSummary({ signature, showHash = true }: { signature: Signature; showHash?: boolean }) {
  return (
    <div className="space-y-4">
      <dl className="grid grid-cols-1 gap-x-4 gap-y-1 text-sm sm:grid-cols-[10rem_minmax(0,1fr)] sm:gap-y-2">
        <dt className="text-muted">Accord version</dt>
        <dd className="font-medium">{signature.accordVersion}</dd>
        <dt className="text-muted">Signed</dt>
        <dd>
          <time dateTime={signature.signedAt.toISOString()}>{formatTime(signature.signedAt)}</time>
        </dd>
        <dt className="text-muted">Signer</dt>
        <dd className="break-words">
          {signature.signerName}, {signature.signerTitle}
        </dd>
        {signature.ledgerIndex !== null ? (
          <>
            <dt className="text-muted">Ledger entry</dt>
            <dd>
              <Link href={ledgerEntryPath(signature.ledgerIndex)} className="link-accent">
                Entry #{signature.ledgerIndex}
              </Link>{" "}
              ·{" "}
              <a href={receiptPath(signature.ledgerIndex)} download className="link-accent">
                Download the receipt<span className="sr-only"> for entry #{signature.ledgerIndex}</span>
              </a>
            </dd>
          </>
        ) : null}
      </dl>
      {showHash ? (
        <div>
          <p className="text-sm font-medium">Content hash (SHA-256) of the signed text</p>
          <div className="mt-1">
            <CodeBlock label={`Content hash of accord version ${signature.accordVersion}`}>{signature.contentHash}</CodeBlock>
          </div>
        </div>
      ) : null}
    </div>
  );
}
