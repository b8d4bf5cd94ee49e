import { notFound } from "next/navigation";
import { LEDGER_METADATA, LEDGER_PAGE_SIZE, LedgerView } from "./_components/ledger-view";
import { getCachedLedgerPage } from "@/lib/ledger/io/read";
import { getCachedWitnessStatus } from "@/lib/ledger/io/witnesses";
import { pageParamSchema } from "@/lib/validation/pagination";

export const metadata = LEDGER_METADATA;

/**
 * Any page of the log (`?page=N`), rendered per request from cached reads; the first page without
 * a query is the static page in ./newest, kept in the page cache.
 */
export default async function LedgerPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const parsed = pageParamSchema.safeParse((await searchParams).page);
  if (!parsed.success) notFound();
  const [log, witnessStatus] = await Promise.all([getCachedLedgerPage(parsed.data, LEDGER_PAGE_SIZE), getCachedWitnessStatus()]);
  if (parsed.data > log.pageCount) notFound();
  return <LedgerView page={parsed.data} log={log} witnessStatus={witnessStatus} />;
}
