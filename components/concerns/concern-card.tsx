import Link from "next/link";
import { CommitmentText } from "@/components/commitments/commitment-text";
import { EvidenceLinks } from "@/components/commitments/evidence-links";
import { linkClass } from "@/components/styles";
import { formatDate } from "@/lib/format/date";
import { concernPath, ledgerEntryPath, principlePath, profilePath } from "@/lib/paths";
import { concernStatusLabels, type ConcernStatus } from "@/lib/validation/concern";

/** The data a public concern is shown with (db/queries/concerns.ts PublicConcernRow, as props). */
export type ConcernCardData = {
  id: string;
  organisation: { slug: string; name: string };
  principleSlug: string;
  statement: string;
  evidenceLinks: string[];
  contentHash: string;
  status: ConcernStatus;
  admittedAt: string;
  admissionLedgerIndex: number | null;
  response: { text: string; at: string; ledgerIndex: number | null } | null;
  outcome: { reason: string; at: string; ledgerIndex: number | null } | null;
};

const badge: Record<ConcernStatus, string> = {
  submitted: "badge-neutral",
  declined: "badge-neutral",
  under_review: "badge-warn",
  upheld: "badge-bad",
  not_upheld: "badge-good",
  withdrawn: "badge-neutral",
};

export function ConcernStatusBadge({ status }: { status: ConcernStatus }) {
  return <span className={`badge ${badge[status]}`}>{concernStatusLabels[status]}</span>;
}

function EntryLink({ index }: { index: number | null }) {
  if (index === null) return null;
  return (
    <>
      {" · "}
      <Link href={ledgerEntryPath(index)} className="underline">
        ledger entry #{index}
      </Link>
    </>
  );
}

/**
 * One admitted concern as the public sees it: the moderator-approved text, its evidence, the
 * organisation's response and the outcome, each with its ledger entry. Never who raised it.
 * `headingLevel` keeps the page's outline whole wherever the card is placed.
 */
export function ConcernCard({
  concern,
  principleTitle,
  headingLevel = 3,
  showOrganisation = true,
  full = false,
}: {
  concern: ConcernCardData;
  principleTitle: string;
  headingLevel?: 2 | 3;
  showOrganisation?: boolean;
  full?: boolean;
}) {
  const Heading = headingLevel === 2 ? "h2" : "h3";
  const title = showOrganisation ? `${concern.organisation.name}: ${principleTitle}` : principleTitle;
  return (
    <article className="rounded-md border border-ink-200 p-5 dark:border-ink-800" aria-labelledby={`concern-${concern.id}`}>
      <div className="flex flex-wrap items-start justify-between gap-3">
        <Heading id={`concern-${concern.id}`} className="text-lg font-semibold break-words">
          {full ? (
            title
          ) : (
            <Link href={concernPath(concern.id)} className="hover:underline">
              {title}
            </Link>
          )}
        </Heading>
        <ConcernStatusBadge status={concern.status} />
      </div>
      <p className="mt-1 text-sm text-muted">
        Concern that{" "}
        {showOrganisation ? (
          <Link href={profilePath(concern.organisation.slug)} className={linkClass}>
            {concern.organisation.name}
          </Link>
        ) : (
          concern.organisation.name
        )}{" "}
        acted against{" "}
        <Link href={principlePath(concern.principleSlug)} className={linkClass}>
          {principleTitle}
        </Link>
        . Admitted by a moderator on <time dateTime={concern.admittedAt}>{formatDate(concern.admittedAt)}</time>
        <EntryLink index={concern.admissionLedgerIndex} />
      </p>
      <CommitmentText text={full ? concern.statement : clip(concern.statement)} className="mt-3 space-y-2 break-words" />
      {full ? (
        <div className="mt-3">
          <EvidenceLinks links={concern.evidenceLinks} />
        </div>
      ) : null}
      {concern.response ? (
        <div className="mt-4 border-l-4 border-accord-600 pl-4">
          <p className="text-sm font-semibold">
            Response from {concern.organisation.name}, <time dateTime={concern.response.at}>{formatDate(concern.response.at)}</time>
            <EntryLink index={concern.response.ledgerIndex} />
          </p>
          <CommitmentText text={full ? concern.response.text : clip(concern.response.text)} className="mt-1 space-y-2 break-words" />
        </div>
      ) : null}
      {concern.outcome ? (
        <p className="mt-4 text-sm break-words">
          <strong>{concernStatusLabels[concern.status]}</strong> on <time dateTime={concern.outcome.at}>{formatDate(concern.outcome.at)}</time>:{" "}
          {concern.outcome.reason}
          <EntryLink index={concern.outcome.ledgerIndex} />
        </p>
      ) : null}
    </article>
  );
}

function clip(text: string): string {
  return text.length > 600 ? `${text.slice(0, 597).trimEnd()}…` : text;
}
