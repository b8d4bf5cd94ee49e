import "server-only";
import type { DbOrTx } from "@/db/client";
import { getLatestAccordVersion, insertAccordVersion } from "@/db/queries/accord";
import { appendEvent } from "@/lib/ledger/io/log";
import { getShippedAccordSnapshot, hashAccordSnapshot } from "./version";

/** On first start the text shipped in content/ becomes version 1, and that is logged. Idempotent. */
export async function publishShippedAccord(tx: DbOrTx, options: { now?: Date } = {}) {
  return tx.transaction(async (tx) => {
    const existing = await getLatestAccordVersion(tx);
    if (existing) return existing;
    const snapshot = await getShippedAccordSnapshot();
    const publishedAt = options.now ?? new Date();
    const version = await insertAccordVersion(tx, {
      number: 1,
      contentHash: hashAccordSnapshot(snapshot),
      changelog: "First version, imported from the shipped text.",
      content: snapshot,
      publishedAt,
    });
    await appendEvent(tx, {
      kind: "accord.published",
      at: publishedAt.toISOString(),
      version: version.number,
      contentHash: version.contentHash,
      changelog: version.changelog,
    });
    return version;
  });
}
