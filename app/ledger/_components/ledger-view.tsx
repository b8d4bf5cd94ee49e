import { CodeBlock } from "@/components/code-block";
import { LedgerEntryList } from "@/components/ledger-entry-list";
import { LedgerWitnesses } from "@/components/ledger-witnesses";
import { Pagination } from "@/components/pagination";
import type { getCachedLedgerPage } from "@/lib/ledger/io/read";
import type { PublicWitnessStatus } from "@/lib/ledger/io/witnesses";
import { pageMetadata } from "@/lib/metadata";
import { ledgerPath } from "@/lib/paths";
import { absoluteUrl } from "@/lib/site";

/** Entries per page of the ledger page. */
export const LEDGER_PAGE_SIZE = 25;

/** The ledger page's metadata, whichever page renders it: its address is /ledger. */
export const LEDGER_METADATA = pageMetadata({
  title: "Public ledger",
  description: "Every signature, commitment, report, withdrawal and moderation decision, in a tamper-evident log anyone can verify.",
  path: ledgerPath,
});

type Props = {
  page: number;
  log: Awaited<ReturnType<typeof getCachedLedgerPage>>;
  witnessStatus: PublicWitnessStatus;
};

/** The ledger page: the latest checkpoint, its key, the witnesses, how to verify, and a page of entries (newest first). */
export function LedgerView({ page, log, witnessStatus }: Props) {
  const { checkpoint, entries, pageCount, verifierKey } = log;
  const site = absoluteUrl("/").replace(/\/$/, "");
  return (
    <div className="mx-auto max-w-5xl px-4 py-12 sm:px-6">
      <h1 className="font-serif text-4xl font-semibold tracking-tight">Public ledger</h1>
      <p className="mt-3 max-w-3xl text-lg text-muted">
        Every public event (an organisation verified, the accord signed or withdrawn, a commitment, a report, a moderation decision) is appended to this log in
        the same transaction as the change it records. The log is a Merkle tree: each signed checkpoint commits to every entry before it, so nobody, including
        the registry&apos;s operators, can quietly edit or remove history without being caught.
      </p>

      <section aria-labelledby="checkpoint-heading" className="mt-10 grid gap-6 lg:grid-cols-2">
        <div>
          <h2 id="checkpoint-heading" className="section-heading">
            Latest checkpoint
          </h2>
          <dl className="mt-4 grid grid-cols-[8rem_minmax(0,1fr)] gap-y-2 text-sm">
            <dt className="text-muted">Entries</dt>
            <dd className="font-semibold" data-testid="ledger-size">
              {checkpoint.size}
            </dd>
            <dt className="text-muted">Root hash</dt>
            <dd className="break-all font-mono">{checkpoint.rootHashBase64}</dd>
          </dl>
          <div className="mt-4">
            <CodeBlock label="Signed checkpoint">{checkpoint.signedNote}</CodeBlock>
          </div>
        </div>
        <div>
          <h2 className="section-heading">Signing key</h2>
          <p className="mt-4 text-sm text-muted">Checkpoints are signed with Ed25519 as C2SP signed notes. Pin this verifier key:</p>
          <div className="mt-2">
            <CodeBlock label="Verifier key">{verifierKey}</CodeBlock>
          </div>
        </div>
      </section>

      <LedgerWitnesses
        quorum={witnessStatus.quorum}
        witnesses={witnessStatus.witnesses}
        witnessedSize={witnessStatus.witnessedSize}
        logSize={checkpoint.size}
        witnessedNote={witnessStatus.witnessedNote}
        site={site}
      />

      <section aria-labelledby="verify-heading" className="mt-12">
        <h2 id="verify-heading" className="section-heading">
          Verify it yourself
        </h2>
        <p className="mt-3 max-w-3xl">
          The log is published in the open C2SP formats (tlog-checkpoint, signed-note, tlog-tiles), so existing transparency tools can read it. With this
          project&apos;s source checked out, one command fetches every tile, recomputes the tree, checks each entry and the signature, and remembers the
          checkpoint so the next run proves the log only grew:
        </p>
        <div className="mt-4 space-y-3">
          <CodeBlock label="Verify the whole log">{`npm run verify-ledger -- ${site} --key '${verifierKey}'`}</CodeBlock>
          <CodeBlock label="Fetch the raw data">{`curl ${site}/ledger/checkpoint\ncurl ${site}/ledger/tile/0/000.p/1 | xxd | head\ncurl ${site}/api/v1/ledger/entries/0\ncurl '${site}/api/v1/ledger/consistency?from=1'`}</CodeBlock>
        </div>
        <p className="mt-3 text-sm text-muted">
          Exit code 0 means the log verified; 1 means it did not (an entry edited, the log truncated or forked, a bad signature). Each entry&apos;s page offers
          a receipt (C2SP tlog-proof) that an organisation can keep as proof that its entry was logged.
        </p>
      </section>

      <section aria-labelledby="entries-heading" className="mt-12">
        <h2 id="entries-heading" className="section-heading">
          Newest entries
        </h2>
        <div className="mt-4">
          {entries.length > 0 ? (
            <LedgerEntryList entries={entries} />
          ) : (
            <p className="rounded-md border border-dashed border-ink-300 p-6 text-ink-600 dark:border-ink-700 dark:text-ink-300">
              The log is empty: nothing has happened yet.
            </p>
          )}
        </div>
        <Pagination page={page} pageCount={pageCount} hrefFor={(p) => (p === 1 ? ledgerPath : `${ledgerPath}?page=${p}`)} />
      </section>
    </div>
  );
}
