import Link from "next/link";
import { formatDate, formatTime } from "@/lib/format/date";
import { SignatureSummary } from "@/components/signing/signature-summary";
import { VersionChanges } from "@/components/signing/version-changes";
import { WithdrawForm } from "@/components/signing/withdraw-form";
import { getDb } from "@/db/client";
import { getLatestAccordVersion } from "@/db/queries/accord";
import { getSignatureHistory } from "@/db/queries/signatures";
import type { Organisation, Signature } from "@/db/schema";
import { ledgerEntryPath, signForPath } from "@/lib/paths";
import { linkClass } from "@/components/styles";
import { OutcomeNotice } from "@/components/forms/outcome-notice";

const buttonClass = "inline-block rounded-md bg-accord-700 px-4 py-2 font-semibold text-white hover:bg-accord-800";

function Heading() {
  return (
    <h2 id="signature-heading" className="section-heading">
      Signature
    </h2>
  );
}

/** What only an owner can do next, or who to ask: members see the way, not a button they cannot use. */
function NextStep({ isOwner, href, label, organisation }: { isOwner: boolean; href: string; label: string; organisation: string }) {
  if (isOwner) {
    return (
      <p className="mt-4">
        <Link href={href} className={buttonClass}>
          {label}
        </Link>
      </p>
    );
  }
  return <p className="mt-4 text-muted">Only owners sign for {organisation}: ask one of its owners, listed under Members below.</p>;
}

function Withdrawal({ signature }: { signature: Signature }) {
  if (!signature.withdrawnAt) return null;
  return (
    <>
      withdrawn <time dateTime={signature.withdrawnAt.toISOString()}>{formatTime(signature.withdrawnAt)}</time>
      {signature.withdrawalReason ? <>: “{signature.withdrawalReason}”</> : null}
      {signature.withdrawalLedgerIndex !== null ? (
        <>
          {" "}
          (
          <Link href={ledgerEntryPath(signature.withdrawalLedgerIndex)} className={linkClass}>
            entry #{signature.withdrawalLedgerIndex}
          </Link>
          )
        </>
      ) : null}
    </>
  );
}

/**
 * The organisation's signature on its dashboard: signed or not, on which version, the proof, the
 * way to sign, re-affirm or sign again, and for owners the withdrawal. The data layer enforces
 * who may do what; this only keeps people from being offered what they cannot do.
 */
export async function SignaturePanel({
  organisation: org,
  role,
  notice,
}: {
  organisation: Organisation;
  role: "owner" | "member" | null;
  notice?: string | string[];
}) {
  if (org.status === "pending" || org.status === "rejected") return null;
  const db = await getDb();
  const [latestVersion, history] = await Promise.all([getLatestAccordVersion(db), getSignatureHistory(db, org.id)]);
  const isOwner = role === "owner";
  const canSign = org.status === "verified";
  const standing = history.filter((s) => s.withdrawnAt === null);
  const newest = standing.reduce<Signature | undefined>((a, s) => (!a || s.accordVersion > a.accordVersion ? s : a), undefined);
  const current = newest && latestVersion && newest.accordVersion === latestVersion.number ? newest : undefined;
  const lastWithdrawn = history
    .filter((s) => s.withdrawnAt !== null)
    .sort((a, b) => a.withdrawnAt!.getTime() - b.withdrawnAt!.getTime())
    .at(-1);
  const signHref = signForPath(org.slug);
  // The signature shown above is not repeated in the list of earlier ones.
  const shown = newest ?? lastWithdrawn;
  const earlier = history.filter((s) => s !== shown).reverse();

  return (
    <section aria-labelledby="signature-heading" className="mt-10">
      <Heading />
      {notice === "withdrawn" && !newest && lastWithdrawn ? (
        <OutcomeNotice className="mt-4 rounded-md bg-accord-50 px-4 py-3 font-medium text-accord-800 dark:bg-accord-800/40 dark:text-accord-100">
          The signature is withdrawn. The withdrawal and its reason are now public on the profile and in the ledger.
        </OutcomeNotice>
      ) : null}
      {!canSign ? (
        <p className="mt-4 rounded-md border-l-4 border-red-700 bg-red-50 px-4 py-3 text-red-950 dark:border-red-400 dark:bg-red-950/50 dark:text-red-50">
          <strong>
            {org.displayName} is {org.status}
          </strong>
          {org.statusReason ? <>: “{org.statusReason}”</> : null}. While it is {org.status} it cannot sign or re-affirm the accord; the public profile shows
          this status and reason.
        </p>
      ) : null}

      {current ? (
        <div className="mt-4">
          <p className="mb-4">
            {org.displayName} has signed version {current.accordVersion}, the current version of the accord.
          </p>
          <SignatureSummary signature={current} />
        </div>
      ) : newest ? (
        <div className="mt-4">
          <p className="mb-4">
            {org.displayName} signed version {newest.accordVersion}.{" "}
            {latestVersion
              ? `Version ${latestVersion.number} has been published since, and its text is different: the profile shows which version was signed until it is re-affirmed.`
              : null}
          </p>
          {latestVersion ? (
            <p className="mb-4">
              <VersionChanges signed={newest.accordVersion} latest={latestVersion.number} />.
            </p>
          ) : null}
          <SignatureSummary signature={newest} />
          {canSign && latestVersion ? (
            <NextStep isOwner={isOwner} href={signHref} label={`Read version ${latestVersion.number} and re-affirm`} organisation={org.displayName} />
          ) : null}
        </div>
      ) : lastWithdrawn?.withdrawnAt ? (
        <div className="mt-4">
          <p>
            {org.displayName} withdrew its signature on <time dateTime={lastWithdrawn.withdrawnAt.toISOString()}>{formatTime(lastWithdrawn.withdrawnAt)}</time>.
          </p>
          {lastWithdrawn.withdrawalReason ? (
            <blockquote className="mt-2 border-l-4 border-ink-300 pl-4 break-words italic dark:border-ink-600">{lastWithdrawn.withdrawalReason}</blockquote>
          ) : null}
          {lastWithdrawn.withdrawalLedgerIndex !== null ? (
            <p className="mt-2 text-sm">
              <Link href={ledgerEntryPath(lastWithdrawn.withdrawalLedgerIndex)} className={linkClass}>
                Ledger entry #{lastWithdrawn.withdrawalLedgerIndex}
              </Link>{" "}
              records the withdrawal.
            </p>
          ) : null}
          {canSign ? <NextStep isOwner={isOwner} href={signHref} label="Sign the accord again" organisation={org.displayName} /> : null}
        </div>
      ) : (
        <div className="mt-4">
          <p>{org.displayName} has not signed the accord yet.</p>
          {canSign ? <NextStep isOwner={isOwner} href={signHref} label="Sign the accord" organisation={org.displayName} /> : null}
        </div>
      )}

      {earlier.length > 0 ? (
        <div className="mt-6">
          <h3 className="font-semibold">Earlier signatures</h3>
          <ul className="mt-2 space-y-1 text-sm">
            {earlier.map((s) => (
              <li key={s.id} className="break-words">
                Version {s.accordVersion}, signed <time dateTime={s.signedAt.toISOString()}>{formatDate(s.signedAt)}</time> by {s.signerName}
                {s.ledgerIndex !== null ? (
                  <>
                    {" "}
                    (
                    <Link href={ledgerEntryPath(s.ledgerIndex)} className={linkClass}>
                      entry #{s.ledgerIndex}
                    </Link>
                    )
                  </>
                ) : null}
                {s.withdrawnAt ? (
                  <>
                    , <Withdrawal signature={s} />
                  </>
                ) : (
                  ", still standing"
                )}
              </li>
            ))}
          </ul>
        </div>
      ) : null}

      {isOwner && standing.length > 0 ? (
        // Folded away: a permanent public act should take a deliberate click to reach, not sit open on every visit.
        <details className="mt-8 rounded-md border border-ink-200 dark:border-ink-800">
          <summary className="cursor-pointer px-5 py-4 font-semibold text-red-800 dark:text-red-300">Withdraw the signature…</summary>
          <div className="px-5 pb-5">
            <p className="mb-4 text-sm text-muted">
              {standing.length > 1
                ? `This withdraws every standing signature of ${org.displayName} (versions ${standing
                    .map((s) => s.accordVersion)
                    .sort((a, b) => a - b)
                    .join(", ")}).`
                : `This withdraws ${org.displayName}'s signature on version ${standing[0]!.accordVersion}.`}
            </p>
            <WithdrawForm organisationId={org.id} organisationName={org.displayName} />
          </div>
        </details>
      ) : null}
    </section>
  );
}
