// Verifies a whole public ledger from what its server publishes (C2SP signed checkpoint and
// tlog tiles), trusting nothing but a verifier key and, optionally, a checkpoint seen before.
//
// Pure logic: all I/O is injected, so the CLI (scripts/verify-ledger.ts) and the tests share it.
// Entries are streamed tile by tile and folded into a stack of complete subtrees, so memory stays
// O(log n) hashes (plus at most 256 pending hashes per higher tile level and the tiles in flight)
// however long the log is.
import { bytesEqual, decodeBase64Strict, encodeBase64 } from "./bytes";
import { canonicalJsonBytes } from "./canonical-json";
import { type Checkpoint, parseCheckpoint } from "./checkpoint";
import { ledgerEventSchema } from "./events";
import { emptyRoot, HASH_SIZE, leafHash, nodeHash } from "./merkle";
import { parseVerifierKey, type VerifierKey, verifyNote } from "./note";
import { decodeEntryBundle, entriesPath, TILE_HEIGHT, TILE_WIDTH, tilePath } from "./tiles";

export type VerifyFailureReason =
  // The log itself is wrong: tampered, truncated, forked or badly signed.
  | "bad-signature"
  | "origin-mismatch"
  | "entry-mismatch"
  | "invalid-entry"
  | "root-mismatch"
  | "tile-mismatch"
  | "truncated"
  | "inconsistent"
  // The key given cannot be used or did not sign the checkpoint.
  | "invalid-key"
  | "unknown-key"
  // What the server sent could not be fetched or parsed, so nothing was proven either way.
  | "fetch-failed"
  | "malformed-checkpoint"
  | "malformed-tile";

export interface VerifyOk {
  ok: true;
  origin: string;
  size: number;
  /** Base64, as in the checkpoint. */
  rootHash: string;
  entriesChecked: number;
  /** Hash tiles of every level compared with the recomputed tree. */
  tilesChecked: number;
  /** The remembered size this checkpoint was proven to extend, when one was given. */
  consistentWith?: number;
  /** The signed checkpoint verified, byte for byte (with any witness cosignature lines). */
  checkpointNote: string;
  /**
   * Event kinds this verifier does not know (a newer registry added them), each with how many
   * entries have it and the first one. Their bytes were still hashed and checked like any entry;
   * without `strict` they are a warning, not a failure.
   */
  unknownKinds: UnknownKind[];
}

export interface UnknownKind {
  kind: string;
  count: number;
  firstIndex: number;
}

export interface VerifyFailure {
  ok: false;
  reason: VerifyFailureReason;
  /** One sentence for people, naming the entry or path involved. */
  message: string;
  /** The entry involved, for entry-mismatch and invalid-entry. */
  index?: number;
  /** The path involved, for fetch-failed, malformed-tile and tile-mismatch. */
  path?: string;
  /** HTTP status, when a fetch failed with one. */
  status?: number;
}

export type VerifyResult = VerifyOk | VerifyFailure;

export interface RememberedCheckpoint {
  size: number;
  /** Base64 root hash of the tree of that size. */
  rootHash: string;
}

export interface VerifyOptions {
  /** Fetch a path relative to the log's base (`<site>/ledger/`), e.g. "checkpoint". Throw on failure (ideally a FetchError). */
  fetchText(path: string): Promise<string>;
  /** Fetch a path relative to the log's base, e.g. "tile/0/000" or "tile/entries/001.p/7". */
  fetchBytes(path: string): Promise<Uint8Array>;
  /** `<name>+<hash>+<base64>`; its name must be the log's origin. */
  verifierKey: string;
  /** A checkpoint seen before: the log must still contain exactly that tree as a prefix. */
  remembered?: RememberedCheckpoint;
  /** Level-0 tiles (entry bundle plus hash tile) fetched at once; default 8. */
  concurrency?: number;
  /** Called after each level-0 tile with entries checked so far and the log's size. */
  onProgress?(done: number, total: number): void;
  /** Fail on an event kind this verifier does not know, instead of reporting it in `unknownKinds`. */
  strict?: boolean;
}

/** What fetchers should throw, so failures can name the HTTP status. */
export class FetchError extends Error {
  override name = "FetchError";
  constructor(
    readonly path: string,
    message: string,
    readonly status?: number,
  ) {
    super(message);
  }
}

const DEFAULT_CONCURRENCY = 8;

/**
 * Checks the signed checkpoint, every entry against its leaf hash and the event schema, the
 * root, every higher-level hash tile and, when given, consistency with a remembered checkpoint.
 * Resolves to a failure (never rejects) for anything the server or log gets wrong; throws only
 * for invalid options, which are the caller's bug.
 */
export async function verifyLog(options: VerifyOptions): Promise<VerifyResult> {
  const remembered = validateRemembered(options.remembered);
  const concurrency = options.concurrency ?? DEFAULT_CONCURRENCY;
  if (!Number.isSafeInteger(concurrency) || concurrency < 1) throw new RangeError(`concurrency must be a positive integer, got ${concurrency}`);
  try {
    return await verify(options, remembered, concurrency);
  } catch (error) {
    if (error instanceof Failure) return error.failure;
    throw error;
  }
}

// Thrown internally so that deeply nested checks can stop the walk; verifyLog turns it into a result.
class Failure extends Error {
  constructor(readonly failure: VerifyFailure) {
    super(failure.message);
  }
}

function fail(reason: VerifyFailureReason, message: string, details: Omit<VerifyFailure, "ok" | "reason" | "message"> = {}): never {
  throw new Failure({ ok: false, reason, message, ...details });
}

type Remembered = { size: number; rootHash: Uint8Array };

function validateRemembered(remembered: RememberedCheckpoint | undefined): Remembered | undefined {
  if (!remembered) return undefined;
  const rootHash = decodeBase64Strict(remembered.rootHash);
  if (!Number.isSafeInteger(remembered.size) || remembered.size < 0)
    throw new RangeError(`remembered size must be a non-negative integer, got ${remembered.size}`);
  if (!rootHash || rootHash.length !== HASH_SIZE) throw new RangeError("remembered root hash must be base64 of 32 bytes");
  return { size: remembered.size, rootHash };
}

async function verify(options: VerifyOptions, remembered: Remembered | undefined, concurrency: number): Promise<VerifyOk> {
  const key = loadKey(options.verifierKey);
  const { checkpoint, note } = await fetchCheckpoint(options, key);
  // Both checks need only the signed checkpoint, so a fork or rollback is reported before any download.
  if (remembered) checkNotRolledBack(checkpoint, remembered);

  const unknownKinds = new Map<string, UnknownKind>();
  const tree = await walkLog(options, checkpoint.size, concurrency, remembered?.size, (index, kind) => {
    if (options.strict)
      fail("invalid-entry", `entry ${index}: is an event of kind ${JSON.stringify(kind)}, which this verifier does not know (--strict)`, { index });
    const seen = unknownKinds.get(kind);
    if (seen) seen.count++;
    else unknownKinds.set(kind, { kind, count: 1, firstIndex: index });
  });
  if (!bytesEqual(tree.root, checkpoint.rootHash)) {
    fail(
      "root-mismatch",
      `the entries hash to root ${encodeBase64(tree.root)}, but the signed checkpoint says ${encodeBase64(checkpoint.rootHash)} (entries and tiles changed after signing?)`,
    );
  }
  if (remembered && tree.rootAtRemembered && !bytesEqual(tree.rootAtRemembered, remembered.rootHash)) {
    fail(
      "inconsistent",
      `the log is inconsistent with the ${remembered.size} entries seen before: they now hash to root ${encodeBase64(tree.rootAtRemembered)}, not ${encodeBase64(remembered.rootHash)} (history rewritten or forked)`,
    );
  }
  return {
    ok: true,
    origin: checkpoint.origin,
    size: checkpoint.size,
    rootHash: encodeBase64(checkpoint.rootHash),
    entriesChecked: checkpoint.size,
    tilesChecked: tree.tilesChecked,
    ...(remembered ? { consistentWith: remembered.size } : {}),
    checkpointNote: note,
    unknownKinds: [...unknownKinds.values()],
  };
}

function loadKey(text: string): VerifierKey {
  try {
    return parseVerifierKey(text);
  } catch (error) {
    return fail("invalid-key", `the verifier key is not valid: ${errorMessage(error)}`);
  }
}

async function fetchCheckpoint(options: VerifyOptions, key: VerifierKey): Promise<{ checkpoint: Checkpoint; note: string }> {
  const note = await fetchOrFail("checkpoint", options.fetchText);
  const opened = verifyNote(note, [key]);
  if (!opened.ok) {
    if (opened.error === "malformed") fail("malformed-checkpoint", `the checkpoint is not a valid signed note: ${opened.message}`, { path: "checkpoint" });
    if (opened.error === "unknown-key")
      fail("unknown-key", `the checkpoint is not signed by the key ${key.name}+${hex8(key.keyId)} (wrong key, or the log changed its key)`);
    fail("bad-signature", `the checkpoint's signature by ${key.name} does not verify (the checkpoint was altered or forged)`);
  }
  const parsed = parseCheckpoint(opened.text);
  if (!parsed.ok) fail("malformed-checkpoint", `the signed checkpoint is malformed: ${parsed.reason}`, { path: "checkpoint" });
  // The key name binds the signature to one log; a checkpoint for another origin is not this log's.
  if (parsed.checkpoint.origin !== key.name) {
    fail("origin-mismatch", `the checkpoint is for log ${JSON.stringify(parsed.checkpoint.origin)}, but the key is for ${JSON.stringify(key.name)}`);
  }
  return { checkpoint: parsed.checkpoint, note };
}

function checkNotRolledBack(checkpoint: Checkpoint, remembered: Remembered): void {
  if (checkpoint.size < remembered.size) {
    fail(
      "truncated",
      `the log has shrunk: it has ${checkpoint.size} entries, but ${remembered.size} were seen before (entries removed or history rolled back)`,
    );
  }
  if (checkpoint.size === remembered.size && !bytesEqual(checkpoint.rootHash, remembered.rootHash)) {
    fail(
      "inconsistent",
      `the log is inconsistent with what was seen before: its ${checkpoint.size} entries now have root ${encodeBase64(checkpoint.rootHash)}, not ${encodeBase64(remembered.rootHash)} (history rewritten or forked)`,
    );
  }
}

type WalkResult = { root: Uint8Array; rootAtRemembered: Uint8Array | undefined; tilesChecked: number };

/** Streams every entry bundle and level-0 tile in order, checking each entry and folding the tree. */
async function walkLog(
  options: VerifyOptions,
  size: number,
  concurrency: number,
  rememberedSize: number | undefined,
  onUnknownKind: (index: number, kind: string) => void,
): Promise<WalkResult> {
  const higher = new HigherTiles(options.fetchBytes);
  const tree = new StreamingTree((height, hash) => {
    if (height % TILE_HEIGHT === 0) higher.add(height / TILE_HEIGHT, hash);
  });
  let rootAtRemembered = rememberedSize === 0 ? emptyRoot() : undefined;
  let tilesChecked = 0;
  const tileCount = Math.ceil(size / TILE_WIDTH);
  const load = (index: number) => loadLevel0Tile(options, index, Math.min(TILE_WIDTH, size - index * TILE_WIDTH));

  for await (const tile of inOrder(tileCount, concurrency, load)) {
    for (let i = 0; i < tile.entries.length; i++) {
      const index = tile.index * TILE_WIDTH + i;
      const leaf = checkEntry(index, at(tile.entries, i), tile.hashes.subarray(i * HASH_SIZE, (i + 1) * HASH_SIZE), tile.path, onUnknownKind);
      tree.push(leaf);
      if (index + 1 === rememberedSize) rootAtRemembered = tree.root();
    }
    tilesChecked += 1 + (await higher.checkFullTiles());
    options.onProgress?.(tree.size, size);
  }
  tilesChecked += await higher.checkPartialTiles();
  return { root: tree.root(), rootAtRemembered, tilesChecked };
}

type Level0Tile = { index: number; path: string; entries: Uint8Array[]; hashes: Uint8Array };

async function loadLevel0Tile(options: VerifyOptions, index: number, width: number): Promise<Level0Tile> {
  const hashPath = tilePath(0, index, width);
  const bundlePath = entriesPath(index, width);
  const [hashes, bundle] = await Promise.all([fetchOrFail(hashPath, options.fetchBytes), fetchOrFail(bundlePath, options.fetchBytes)]);
  checkTileLength(hashPath, hashes, width);
  let entries: Uint8Array[];
  try {
    entries = decodeEntryBundle(bundle);
  } catch (error) {
    return fail("malformed-tile", `entry bundle ${bundlePath} is malformed: ${errorMessage(error)}`, { path: bundlePath });
  }
  if (entries.length !== width) fail("malformed-tile", `entry bundle ${bundlePath} holds ${entries.length} entries, not ${width}`, { path: bundlePath });
  return { index, path: hashPath, entries, hashes };
}

function checkTileLength(path: string, tile: Uint8Array, width: number): void {
  if (tile.length !== width * HASH_SIZE) fail("malformed-tile", `tile ${path} is ${tile.length} bytes, not ${width} hashes of ${HASH_SIZE}`, { path });
}

/** The entry's leaf hash, after checking it matches the tile and the entry is a canonical, known event. */
function checkEntry(
  index: number,
  entry: Uint8Array,
  tileHash: Uint8Array,
  tilePathText: string,
  onUnknownKind: (index: number, kind: string) => void,
): Uint8Array {
  const leaf = leafHash(entry);
  if (!bytesEqual(leaf, tileHash)) {
    fail("entry-mismatch", `entry ${index}: its bytes do not hash to the leaf in tile ${tilePathText.replace(/^tile\//, "")} (edited after it was logged?)`, {
      index,
    });
  }
  const problem = entryProblem(entry);
  if (typeof problem === "string") fail("invalid-entry", `entry ${index}: ${problem}`, { index });
  if (problem) onUnknownKind(index, problem.unknownKind);
  return leaf;
}

const strictUtf8 = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });

/** The kinds this copy of the verifier knows: an entry of another kind was added by a newer registry. */
const knownKinds: ReadonlySet<string> = new Set(ledgerEventSchema.options.map((option) => option.shape.kind.value));
/** What an event kind looks like (`accord.signed`), so that garbage is never taken for a newer kind. */
const KIND_PATTERN = /^[a-z][a-z0-9_]*(?:\.[a-z][a-z0-9_]*)+$/;

// An entry must have exactly one spelling (or anyone re-deriving it would get another leaf hash)
// and must be an event the registry defines, so people reading the log know what it means. An
// event of a kind this verifier does not know (a newer registry added it) is reported as such:
// its meaning is unknown here, but the log's integrity never depended on it (its bytes are hashed
// and checked like any other), so the caller decides whether that fails.
function entryProblem(entry: Uint8Array): string | { unknownKind: string } | null {
  let value: unknown;
  try {
    value = JSON.parse(strictUtf8.decode(entry));
  } catch {
    return "is not UTF-8 JSON";
  }
  let canonical: Uint8Array;
  try {
    canonical = canonicalJsonBytes(value);
  } catch (error) {
    return `is not canonical JSON (${errorMessage(error)})`;
  }
  if (!bytesEqual(canonical, entry)) return "is not canonical JSON (keys must be sorted, without whitespace, each value spelled one way)";
  const kind = typeof value === "object" && value !== null && !Array.isArray(value) ? (value as { kind?: unknown }).kind : undefined;
  if (typeof kind === "string" && KIND_PATTERN.test(kind) && kind.length <= 80 && !knownKinds.has(kind)) {
    const at = (value as { at?: unknown }).at;
    if (typeof at !== "string" || Number.isNaN(Date.parse(at))) return `is an event of unknown kind ${JSON.stringify(kind)} without a valid "at" time`;
    return { unknownKind: kind };
  }
  const parsed = ledgerEventSchema.safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return `is not a known ledger event (${issue ? `${issue.path.join(".") || "entry"}: ${issue.message}` : "invalid"})`;
  }
  return null;
}

/**
 * The tree folded leaf by leaf as a stack of complete subtrees with strictly decreasing heights
 * (a binary counter): O(log n) memory, and each complete subtree is reported once when formed.
 */
class StreamingTree {
  private readonly stack: { height: number; hash: Uint8Array }[] = [];
  size = 0;

  constructor(private readonly onSubtree: (height: number, hash: Uint8Array) => void) {}

  push(leaf: Uint8Array): void {
    let node = { height: 0, hash: leaf };
    this.size++;
    for (let top = this.stack.at(-1); top && top.height === node.height; top = this.stack.at(-1)) {
      this.stack.pop();
      node = { height: node.height + 1, hash: nodeHash(top.hash, node.hash) };
      this.onSubtree(node.height, node.hash);
    }
    this.stack.push(node);
  }

  /** MTH of the leaves so far: RFC 6962 splits at the largest power of two, i.e. folds the subtrees right to left. */
  root(): Uint8Array {
    const top = this.stack.at(-1);
    if (!top) return emptyRoot();
    let hash = top.hash;
    for (let i = this.stack.length - 2; i >= 0; i--) hash = nodeHash(at(this.stack, i).hash, hash);
    return hash;
  }
}

/**
 * Tiles above level 0 are not needed to check the root, but clients build proofs from them, so
 * each is compared with the subtree hashes recomputed from the entries. Hashes wait here until
 * their tile is full (checked as the walk goes) or the walk ends (the partial right edges).
 */
class HigherTiles {
  private readonly pending = new Map<number, Uint8Array[]>();
  private readonly nextIndex = new Map<number, number>();
  private readonly full: { level: number; index: number; hashes: Uint8Array[] }[] = [];

  constructor(private readonly fetchBytes: (path: string) => Promise<Uint8Array>) {}

  add(level: number, hash: Uint8Array): void {
    const hashes = this.pending.get(level) ?? [];
    hashes.push(hash);
    this.pending.set(level, hashes);
    if (hashes.length === TILE_WIDTH) {
      this.full.push({ level, index: this.takeIndex(level), hashes });
      this.pending.delete(level);
    }
  }

  /** Checks the tiles filled so far; returns how many. */
  async checkFullTiles(): Promise<number> {
    const tiles = this.full.splice(0);
    for (const tile of tiles) await this.check(tile.level, tile.index, tile.hashes);
    return tiles.length;
  }

  /** Checks the right-edge partial tile of every level; returns how many. */
  async checkPartialTiles(): Promise<number> {
    const levels = [...this.pending.keys()].sort((a, b) => a - b);
    for (const level of levels) await this.check(level, this.takeIndex(level), this.pending.get(level) ?? []);
    return levels.length;
  }

  private takeIndex(level: number): number {
    const index = this.nextIndex.get(level) ?? 0;
    this.nextIndex.set(level, index + 1);
    return index;
  }

  private async check(level: number, index: number, expected: readonly Uint8Array[]): Promise<void> {
    const path = tilePath(level, index, expected.length);
    const tile = await fetchOrFail(path, this.fetchBytes);
    checkTileLength(path, tile, expected.length);
    expected.forEach((hash, i) => {
      if (!bytesEqual(tile.subarray(i * HASH_SIZE, (i + 1) * HASH_SIZE), hash)) {
        const span = TILE_WIDTH ** level;
        const first = (index * TILE_WIDTH + i) * span;
        fail(
          "tile-mismatch",
          `tile ${path.replace(/^tile\//, "")}: hash ${i} does not match entries ${first}–${first + span - 1} (proofs built from it would fail)`,
          { path },
        );
      }
    });
  }
}

/**
 * Runs load(0..count-1) with at most `concurrency` in flight and yields results in index order,
 * so the tree can be folded in order while later tiles download.
 */
async function* inOrder<T>(count: number, concurrency: number, load: (index: number) => Promise<T>): AsyncGenerator<T> {
  const inFlight: Promise<T>[] = [];
  let next = 0;
  const start = () => {
    const promise = load(next++);
    // Loads still in flight when an earlier one fails are abandoned; mark them handled.
    promise.catch(() => undefined);
    inFlight.push(promise);
  };
  while (next < count && inFlight.length < concurrency) start();
  for (let promise = inFlight.shift(); promise; promise = inFlight.shift()) {
    const value = await promise;
    if (next < count) start();
    yield value;
  }
}

async function fetchOrFail<T>(path: string, fetcher: (path: string) => Promise<T>): Promise<T> {
  try {
    return await fetcher(path);
  } catch (error) {
    const status = error instanceof FetchError ? error.status : undefined;
    return fail("fetch-failed", `could not fetch ${path}: ${errorMessage(error)}`, status === undefined ? { path } : { path, status });
  }
}

function at<T>(items: readonly T[], index: number): T {
  const item = items[index];
  if (item === undefined) throw new RangeError(`missing item ${index}`);
  return item;
}

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function hex8(id: number): string {
  return id.toString(16).padStart(8, "0");
}
