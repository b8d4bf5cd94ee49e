// Fills the ledger with many entries at once, for benchmarks that need a large real log and for
// the large demo seed (lib/demo/seed-bulk.ts). The rows are the ones appendEvent would have written had it
// appended the same events one at a time (entries, every complete-subtree hash, one signed
// checkpoint per size): the tree grows through the same builder (lib/ledger/tree-builder.ts); only
// the writing is batched, because 100,000 one-entry transactions would take minutes.
// tests/integration/ledger-bulk-load.test.ts holds the two paths to being identical from an empty
// log, tests/integration/bulk-seed.test.ts when continuing one.
import "server-only";
import type { DbOrTx } from "@/db/client";
import { getLedgerSize, insertLedgerRowsInBulk, lockLedger } from "@/db/queries/ledger";
import { canonicalJsonBytes } from "../canonical-json";
import { type LedgerEvent, ledgerEventSchema } from "../events";
import { leafHash } from "../merkle";
import { MAX_ENTRY_SIZE } from "../tiles";
import { appendLeaves } from "../tree-builder";
import { ledgerEntryValues, readRightEdge, signedCheckpoint } from "./log";
import { establishLedgerIdentity } from "./identity";

// Entries per round of inserts by default: a few MB of JSON per statement, well within both drivers' limits.
const CHUNK = 5_000;

/**
 * Appends `events` to the ledger in one transaction, under the same advisory lock as appendEvent,
 * and returns the index of the first new entry, the final size and the root. Refuses a non-empty
 * ledger unless `append` is set, so that a benchmark never silently measures a log it did not
 * build; with it, the tree carries on from the stored right edge (the seed continues after the
 * accord's publication, entry 0). The checkpoints' created_at is the transaction's time rather
 * than one time per append (it is not part of the log).
 */
export async function bulkLoadLedger(
  db: DbOrTx,
  events: Iterable<LedgerEvent>,
  { chunk = CHUNK, append = false }: { chunk?: number; append?: boolean } = {},
): Promise<{ start: number; size: number; rootHash: Uint8Array }> {
  return db.transaction(async (tx) => {
    await lockLedger(tx);
    const existing = await getLedgerSize(tx);
    if (existing !== 0 && !append) throw new Error(`bulk load needs an empty ledger; this one has ${existing} entries`);
    const signer = await establishLedgerIdentity(tx);
    let edge = await readRightEdge(tx, existing);
    let root: Uint8Array | undefined;
    let batch: { event: LedgerEvent; data: Uint8Array }[] = [];

    const flush = async () => {
      const grown = appendLeaves(
        edge,
        batch.map(({ data }) => leafHash(data)),
      );
      const entries = batch.map(({ event, data }, i) => ledgerEntryValues(edge.size + i, event, data));
      const checkpoints = grown.roots.map((rootHash, i) => signedCheckpoint(signer, edge.size + i + 1, rootHash));
      await insertLedgerRowsInBulk(tx, { entries, hashes: grown.nodes, checkpoints });
      root = grown.roots.at(-1) ?? root;
      edge = grown.edge;
      batch = [];
    };

    for (const input of events) {
      // Parsed first, as appendEvent does: the stored bytes are those of the parsed event.
      const event = ledgerEventSchema.parse(input);
      const data = canonicalJsonBytes(event);
      if (data.length > MAX_ENTRY_SIZE) throw new Error(`event ${edge.size + batch.length} is larger than 64 KiB`);
      batch.push({ event, data });
      if (batch.length === chunk) await flush();
    }
    await flush();
    if (!root) throw new Error("bulk load needs at least one event");
    return { start: existing, size: edge.size, rootHash: root };
  });
}
