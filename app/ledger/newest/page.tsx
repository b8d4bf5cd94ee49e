import { LEDGER_METADATA, LEDGER_PAGE_SIZE, LedgerView } from "../_components/ledger-view";
import { getCachedLedgerPage } from "@/lib/ledger/io/read";
import { getCachedWitnessStatus } from "@/lib/ledger/io/witnesses";

/*
 * The ledger page without a query: /ledger rewritten here by next.config.mjs when the front door
 * marks the request (scripts/lib/front-door.mjs DEFAULT_VIEWS). Static, so it stays in the page
 * cache until the log grows (tag `signatories`: every append purges it) or a witness cosigns
 * (tag `ledger-witnesses`, purged by the cosigning job).
 */
export const dynamic = "force-static";

export const metadata = LEDGER_METADATA;

export default async function NewestLedgerPage() {
  const [log, witnessStatus] = await Promise.all([getCachedLedgerPage(1, LEDGER_PAGE_SIZE), getCachedWitnessStatus()]);
  return <LedgerView page={1} log={log} witnessStatus={witnessStatus} />;
}
