import Link from "next/link";
import { CodeBlock } from "@/components/code-block";
import type { PublicSignature } from "@/db/queries/profiles";
import { linkClass } from "@/components/styles";
import { ledgerEntryPath, versionDiffPath, versionPath } from "@/lib/paths";
import { formatDate } from "@/lib/format/date";

function EntryLink({ index, label }: { index: number | null; label: string }) {
  if (index === null) return null;
  return (
    <Link href={ledgerEntryPath(index)} className={linkClass}>
      {label} #{index}
    </Link>
  );
}

/** The standing signature the profile leads with: version, hash, signer, date and its proof. */
export function CurrentSignature({ name, signature, latestVersion }: { name: string; signature: PublicSignature; latestVersion: number | null }) {
  const outdated = latestVersion !== null && latestVersion > signature.version;
  return (
    <div className="space-y-4">
      <dl className="grid grid-cols-1 gap-x-4 gap-y-1 text-sm sm:grid-cols-[10rem_minmax(0,1fr)] sm:gap-y-2">
        <dt className="text-muted">Accord version</dt>
        <dd className="font-medium">
          <Link href={versionPath(signature.version)} className={linkClass}>
            Version {signature.version}
          </Link>
        </dd>
        <dt className="text-muted">Signed</dt>
        <dd>
          <time dateTime={signature.signedAt}>{formatDate(signature.signedAt)}</time>
        </dd>
        <dt className="text-muted">Signer</dt>
        <dd className="break-words">
          {signature.signerName}, {signature.signerTitle}
        </dd>
        {signature.ledgerIndex !== null ? (
          <>
            <dt className="text-muted">Proof</dt>
            <dd>
              <EntryLink index={signature.ledgerIndex} label="Ledger entry" />
              {" · "}
              <a href={`${ledgerEntryPath(signature.ledgerIndex)}/receipt`} download className={linkClass}>
                receipt<span className="sr-only"> for entry #{signature.ledgerIndex}</span>
              </a>
            </dd>
          </>
        ) : null}
      </dl>
      <div>
        <p className="text-sm font-medium">SHA-256 of the signed text</p>
        <div className="mt-1">
          <CodeBlock label={`Content hash of accord version ${signature.version}`}>{signature.contentHash}</CodeBlock>
        </div>
      </div>
      {outdated ? (
        <p className="notice-warn">
          Version {latestVersion} of the accord is now current; {name} signed version {signature.version} and has not re-affirmed the newer text yet.{" "}
          <Link href={versionDiffPath(latestVersion)} className={linkClass}>
            See what changed
          </Link>
          .
        </p>
      ) : null}
    </div>
  );
}

/** Older versions still standing (an organisation that re-affirmed keeps its earlier signature). */
export function EarlierSignatures({ signatures }: { signatures: PublicSignature[] }) {
  if (signatures.length === 0) return null;
  return (
    <ul className="space-y-1 text-sm">
      {signatures.map((s) => (
        <li key={`${s.version}-${s.signedAt}`}>
          Also signed version {s.version} on <time dateTime={s.signedAt}>{formatDate(s.signedAt)}</time> ({s.signerName}, {s.signerTitle}){" "}
          <EntryLink index={s.ledgerIndex} label="entry" />
        </li>
      ))}
    </ul>
  );
}

/** Withdrawn signatures with when and why: a withdrawal is recorded, never erased. */
export function WithdrawnSignatures({ signatures }: { signatures: PublicSignature[] }) {
  if (signatures.length === 0) return null;
  return (
    <ul className="divide-y divide-ink-200 rounded-md border border-ink-200 dark:divide-ink-800 dark:border-ink-800">
      {signatures.map((s) => (
        <li key={`${s.version}-${s.signedAt}`} className="space-y-1 px-4 py-3 text-sm">
          <p>
            Signed version {s.version} on <time dateTime={s.signedAt}>{formatDate(s.signedAt)}</time> ({s.signerName}, {s.signerTitle}){" "}
            <EntryLink index={s.ledgerIndex} label="entry" />
          </p>
          {s.withdrawal ? (
            <p className="break-words">
              <strong>
                Withdrew on <time dateTime={s.withdrawal.at}>{formatDate(s.withdrawal.at)}</time>:
              </strong>{" "}
              {s.withdrawal.reason}{" "}
              {s.withdrawal.ledgerIndex !== null ? (
                <Link href={ledgerEntryPath(s.withdrawal.ledgerIndex)} className={linkClass}>
                  entry #{s.withdrawal.ledgerIndex}
                  <span className="sr-only"> recording the withdrawal</span>
                </Link>
              ) : null}
            </p>
          ) : null}
        </li>
      ))}
    </ul>
  );
}
