// Fills the ledger with many entries at once, for benchmarks that need a large real log and for
// the large demo seed (db/seed-bulk.ts). The rows are the ones appendEvent would have written had it
// appended the same events one at a time (entries, every complete-subtree hash, one signed
// checkpoint per size), computed with the same lib/ledger code; only the writing is batched,
// because 100,000 one-entry transactions would take minutes. tests/integration/ledger-bulk-load.test.ts
// holds the two paths to being identical from an empty log, tests/integration/bulk-seed.test.ts
// when continuing one.
import { createHash } from "node:crypto";
import { sql } from "drizzle-orm";
import type { DbOrTx } from "../../db/client";
import { getLedgerHashes, getLedgerSize, lockLedger } from "../../db/queries/ledger";
import { canonicalJsonBytes } from "../../lib/ledger/canonical-json";
import { formatCheckpoint } from "../../lib/ledger/checkpoint";
import { type LedgerEvent, ledgerEventSchema } from "../../lib/ledger/events";
import { rightEdgeSubtrees } from "../../lib/ledger/log";
import { leafHash, nodeHash } from "../../lib/ledger/merkle";
import { signNote } from "../../lib/ledger/note";
import { getLedgerSigner } from "../../lib/ledger/signer";
import { MAX_ENTRY_SIZE } from "../../lib/ledger/tiles";

// Entries per round of inserts by default: a few MB of JSON per statement, well within both drivers' limits.
const CHUNK = 5_000;
const FIRST_AT = Date.UTC(2026, 0, 1);

const hex = (bytes: Uint8Array) => Buffer.from(bytes).toString("hex");
const sha256Hex = (text: string) => createHash("sha256").update(text).digest("hex");

/**
 * A plausible event for position `n` of a synthetic log: the accord's publication first, then
 * organisations verifying, signing, registering commitments and reporting progress, one second
 * apart. Deterministic, so two logs built from the same positions are byte-identical.
 */
export function sampleEvent(n: number): LedgerEvent {
  const at = new Date(FIRST_AT + n * 1000).toISOString();
  if (n === 0) return { kind: "accord.published", at, version: 1, contentHash: sha256Hex("accord v1"), changelog: "First version." };
  const org = Math.floor((n - 1) / 4);
  const organisation = { slug: `sample-${org}`, name: `Sample Organisation ${org}`, domain: `sample-${org}.example` };
  switch ((n - 1) % 4) {
    case 0:
      return { kind: "organisation.verified", at, organisation, method: "email_domain" };
    case 1:
      return { kind: "accord.signed", at, organisation, version: 1, contentHash: sha256Hex("accord v1"), signer: { name: `Signer ${org}`, title: "Chief Executive Officer" } };
    case 2:
      return {
        kind: "commitment.registered",
        at,
        organisation,
        commitmentId: `00000000-0000-4000-8000-${org.toString(16).padStart(12, "0")}`,
        principle: "no-attacks-on-civilians",
        contentHash: sha256Hex(`commitment ${org}`),
      };
    default:
      return { kind: "progress.reported", at, organisation, year: 2026, contentHash: sha256Hex(`report ${org}`) };
  }
}

export function* sampleEvents(count: number): Generator<LedgerEvent> {
  for (let n = 0; n < count; n++) yield sampleEvent(n);
}

type EntryRow = [index: number, dataHex: string, kind: string, organisationSlug: string | null, at: string];
type HashRow = [level: number, index: number, hashHex: string];
type CheckpointRow = [size: number, rootHex: string, signedNote: string];

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
    const signer = getLedgerSigner();
    // The tree's right edge: complete subtrees of strictly decreasing height, as a binary counter.
    const edge = await readRightEdge(tx, existing);
    let entries: EntryRow[] = [];
    let hashes: HashRow[] = [];
    let checkpoints: CheckpointRow[] = [];
    let size = existing;
    let root: Uint8Array | undefined;

    for (const input of events) {
      // Parsed first, as appendEvent does: the stored bytes are those of the parsed event.
      const event = ledgerEventSchema.parse(input);
      const data = canonicalJsonBytes(event);
      if (data.length > MAX_ENTRY_SIZE) throw new Error(`event ${size} is larger than 64 KiB`);
      const index = size++;
      let node = { level: 0, index, hash: leafHash(data) };
      hashes.push([0, index, hex(node.hash)]);
      // The new node completes each left neighbour of its height into their parent.
      for (let left = edge.at(-1); left?.level === node.level; left = edge.at(-1)) {
        edge.pop();
        node = { level: node.level + 1, index: left.index / 2, hash: nodeHash(left.hash, node.hash) };
        hashes.push([node.level, node.index, hex(node.hash)]);
      }
      edge.push(node);
      // RFC 6962's root folds the right-edge subtrees from the right.
      root = node.hash;
      for (let i = edge.length - 2; i >= 0; i--) root = nodeHash(edge[i]!.hash, root);
      const note = signNote(formatCheckpoint({ origin: signer.origin, size, rootHash: root }), signer.signerKey);
      // Through Date, as appendEvent stores it: PostgreSQL would keep digits below a millisecond.
      const at = new Date(event.at).toISOString();
      entries.push([index, hex(data), event.kind, "organisation" in event ? event.organisation.slug : null, at]);
      checkpoints.push([size, hex(root), note]);
      if (entries.length === chunk) {
        await insertRows(tx, entries, hashes, checkpoints);
        [entries, hashes, checkpoints] = [[], [], []];
      }
    }
    if (!root) throw new Error("bulk load needs at least one event");
    await insertRows(tx, entries, hashes, checkpoints);
    return { start: existing, size, rootHash: root };
  });
}

/** The stored complete subtrees a tree of `size` leaves ends with, left to right (none when empty). */
async function readRightEdge(tx: DbOrTx, size: number): Promise<{ level: number; index: number; hash: Uint8Array }[]> {
  const subtrees = rightEdgeSubtrees(size);
  const stored = await getLedgerHashes(tx, subtrees);
  return subtrees.map(({ level, index }) => {
    const hash = stored.get(`${level}/${index}`);
    if (!hash) throw new Error(`ledger hash (${level}, ${index}) is missing`);
    return { level, index, hash };
  });
}

// One JSON parameter per table: drizzle would spread a JS array into one parameter per value.
async function insertRows(tx: DbOrTx, entries: EntryRow[], hashes: HashRow[], checkpoints: CheckpointRow[]): Promise<void> {
  if (entries.length === 0) return;
  await tx.execute(sql`
    insert into ledger_entries (idx, data, kind, organisation_slug, at)
    select (r->>0)::bigint, decode(r->>1, 'hex'), r->>2, r->>3, (r->>4)::timestamptz
    from jsonb_array_elements(${JSON.stringify(entries)}::jsonb) as r`);
  await tx.execute(sql`
    insert into ledger_hashes (level, idx, hash)
    select (r->>0)::integer, (r->>1)::bigint, decode(r->>2, 'hex')
    from jsonb_array_elements(${JSON.stringify(hashes)}::jsonb) as r`);
  await tx.execute(sql`
    insert into ledger_checkpoints (size, root_hash, signed_note)
    select (r->>0)::bigint, decode(r->>1, 'hex'), r->>2
    from jsonb_array_elements(${JSON.stringify(checkpoints)}::jsonb) as r`);
}
