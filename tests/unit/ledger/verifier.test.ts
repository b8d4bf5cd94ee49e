import { describe, expect, it } from "vitest";
import { concatBytes, encodeBase64, utf8 } from "../../../lib/ledger/bytes";
import { canonicalJsonBytes } from "../../../lib/ledger/canonical-json";
import { formatCheckpoint } from "../../../lib/ledger/checkpoint";
import { emptyRoot, hashAccessorFromLeafHashes, leafHash, rootFromLeafHashes } from "../../../lib/ledger/merkle";
import { generateSignerKey, signNote } from "../../../lib/ledger/note";
import { encodeEntryBundle, entriesPath, TILE_HEIGHT, TILE_WIDTH, tileHashesFromLeafHashes, tilePath, tilesForSize } from "../../../lib/ledger/tiles";
import { FetchError, type VerifyOptions, type VerifyResult, verifyLog } from "../../../lib/ledger/verifier";

const ORIGIN = "registry.test/ledger";
const KEYS = generateSignerKey(ORIGIN);
const AT = "2026-01-01T00:00:00.000Z";
const CONTENT_HASH = "ab".repeat(32);

function event(index: number): unknown {
  if (index === 0) return { kind: "accord.published", at: AT, version: 1, contentHash: CONTENT_HASH, changelog: "First" };
  return {
    kind: "accord.signed",
    at: AT,
    organisation: { slug: `org-${index}`, name: `Organisation ${index}`, domain: `org-${index}.example` },
    version: 1,
    contentHash: CONTENT_HASH,
    signer: { name: `Signer ${index}`, title: "Chief Executive" },
  };
}

function makeEntries(size: number): Uint8Array[] {
  return Array.from({ length: size }, (_, i) => canonicalJsonBytes(event(i)));
}

/** A log as its server would publish it: path (relative to /ledger/) → body. */
type Served = Map<string, Uint8Array>;

function checkpointFor(leaves: readonly Uint8Array[], signerKey = KEYS.signerKey, origin = ORIGIN): string {
  return signNote(formatCheckpoint({ origin, size: leaves.length, rootHash: rootFromLeafHashes(leaves) }), signerKey);
}

function publish(entries: readonly Uint8Array[]): Served {
  const leaves = entries.map(leafHash);
  const served: Served = new Map([["checkpoint", utf8(checkpointFor(leaves))]]);
  const hashAt = leaves.length > 0 ? hashAccessorFromLeafHashes(leaves) : () => new Uint8Array();
  for (const { level, index, width } of tilesForSize(entries.length)) {
    const hashes = Array.from({ length: width }, (_, i) => hashAt(level * TILE_HEIGHT, index * TILE_WIDTH + i));
    served.set(tilePath(level, index, width), concatBytes(...hashes));
    if (level === 0) served.set(entriesPath(index, width), encodeEntryBundle(entries.slice(index * TILE_WIDTH, index * TILE_WIDTH + width)));
  }
  return served;
}

// Built once: the two tests on a log with a level-2 tile share it (each copies before tampering).
const LARGE_SIZE = 65_800;
let largeLog: { entries: Uint8Array[]; served: Served } | undefined;
function large(): { entries: Uint8Array[]; served: Served } {
  if (!largeLog) {
    const entries = makeEntries(LARGE_SIZE);
    largeLog = { entries, served: publish(entries) };
  }
  return { entries: largeLog.entries, served: new Map(largeLog.served) };
}

function options(served: Served, extra: Partial<VerifyOptions> = {}): VerifyOptions {
  const get = async (path: string) => {
    const body = served.get(path);
    if (!body) throw new FetchError(path, `HTTP 404 for ${path}`, 404);
    return body;
  };
  return {
    fetchBytes: get,
    fetchText: async (path) => new TextDecoder().decode(await get(path)),
    verifierKey: KEYS.verifierKey,
    ...extra,
  };
}

function rootOf(entries: readonly Uint8Array[]): string {
  return encodeBase64(rootFromLeafHashes(entries.map(leafHash)));
}

// Rewrites one entry in the bundle that holds it, leaving every hash tile and the checkpoint alone.
function replaceEntryInBundle(served: Served, entries: readonly Uint8Array[], index: number, replacement: Uint8Array): void {
  const tile = Math.floor(index / TILE_WIDTH);
  const first = tile * TILE_WIDTH;
  const width = Math.min(TILE_WIDTH, entries.length - first);
  const bundle = entries.slice(first, first + width);
  bundle[index - first] = replacement;
  served.set(entriesPath(tile, width), encodeEntryBundle(bundle));
}

function expectFailure(result: VerifyResult, reason: string): asserts result is Extract<VerifyResult, { ok: false }> {
  expect(result).toMatchObject({ ok: false, reason });
}

describe("verifyLog on honest logs", () => {
  it.each([0, 1, 2, 255, 256, 257, 600])("verifies a log of %i entries, fetching every tile it has", async (size) => {
    const entries = makeEntries(size);
    const served = publish(entries);
    const fetched = new Set<string>();
    const opts = options(served);
    const result = await verifyLog({
      ...opts,
      fetchBytes: (path) => {
        fetched.add(path);
        return opts.fetchBytes(path);
      },
    });
    expect(result).toMatchObject({
      ok: true,
      origin: ORIGIN,
      size,
      rootHash: size === 0 ? encodeBase64(emptyRoot()) : rootOf(entries),
      entriesChecked: size,
      tilesChecked: tilesForSize(size).length,
      unknownKinds: [],
    });
    // Every hash tile (all levels) and entry bundle the server publishes was fetched and checked.
    expect([...fetched].sort()).toEqual([...served.keys()].filter((p) => p !== "checkpoint").sort());
  });

  it("verifies a log with a level-2 tile (65 800 entries) in bounded concurrency, reporting progress", async () => {
    const size = LARGE_SIZE;
    const { entries, served } = large();
    expect(served.has(tilePath(2, 0, 1))).toBe(true);
    const progress: number[] = [];
    let inFlight = 0;
    let maxInFlight = 0;
    const opts = options(served, { concurrency: 4, onProgress: (done, total) => (expect(total).toBe(size), progress.push(done)) });
    const result = await verifyLog({
      ...opts,
      fetchBytes: async (path) => {
        inFlight++;
        maxInFlight = Math.max(maxInFlight, inFlight);
        // Yield a few times so that concurrent fetches overlap, as they would on a network.
        for (let i = 0; i < 3; i++) await Promise.resolve();
        inFlight--;
        return opts.fetchBytes(path);
      },
    });
    expect(result).toMatchObject({ ok: true, size, rootHash: rootOf(entries), entriesChecked: size, tilesChecked: tilesForSize(size).length });
    // Four level-0 tiles in flight, each an entry bundle and a hash tile.
    expect(maxInFlight).toBeGreaterThan(2);
    expect(maxInFlight).toBeLessThanOrEqual(8);
    expect(progress).toHaveLength(Math.ceil(size / TILE_WIDTH));
    expect(progress.at(-1)).toBe(size);
    expect(progress.every((done, i) => i === 0 || done > (progress[i - 1] ?? 0))).toBe(true);
  }, 60_000);

  it("proves a grown log consistent with a remembered checkpoint", async () => {
    const entries = makeEntries(700);
    const served = publish(entries);
    for (const size of [0, 1, 255, 256, 300, 700]) {
      const remembered = { size, rootHash: size === 0 ? encodeBase64(emptyRoot()) : rootOf(entries.slice(0, size)) };
      const result = await verifyLog(options(served, { remembered }));
      expect(result).toMatchObject({ ok: true, size: 700, consistentWith: size });
    }
  });

  it("accepts a checkpoint that also carries signatures by other keys (witnesses)", async () => {
    const entries = makeEntries(3);
    const served = publish(entries);
    const witness = generateSignerKey("witness.test");
    const note = new TextDecoder().decode(served.get("checkpoint"));
    const text = note.slice(0, note.lastIndexOf("\n\n") + 1);
    const witnessLine = signNote(text, witness.signerKey).slice(text.length + 1);
    served.set("checkpoint", utf8(`${note}${witnessLine}`));
    expect(await verifyLog(options(served))).toMatchObject({ ok: true, size: 3 });
  });

  it("refuses invalid options as a programming error", async () => {
    const served = publish(makeEntries(1));
    await expect(verifyLog(options(served, { concurrency: 0 }))).rejects.toThrow(RangeError);
    await expect(verifyLog(options(served, { remembered: { size: 1, rootHash: "nope" } }))).rejects.toThrow(RangeError);
    await expect(verifyLog(options(served, { remembered: { size: -1, rootHash: rootOf([]) } }))).rejects.toThrow(RangeError);
  });
});

describe("verifyLog on tampered logs", () => {
  it("names the entry whose bytes were edited after it was logged", async () => {
    const entries = makeEntries(600);
    const served = publish(entries);
    replaceEntryInBundle(served, entries, 17, canonicalJsonBytes({ ...(event(17) as object), at: "2026-02-01T00:00:00.000Z" }));
    const result = await verifyLog(options(served));
    expectFailure(result, "entry-mismatch");
    expect(result.index).toBe(17);
    expect(result.message).toBe("entry 17: its bytes do not hash to the leaf in tile 0/000 (edited after it was logged?)");
  });

  it("names an edited entry in the partial right-edge tile", async () => {
    const entries = makeEntries(600);
    const served = publish(entries);
    replaceEntryInBundle(served, entries, 599, canonicalJsonBytes(event(598)));
    const result = await verifyLog(options(served));
    expectFailure(result, "entry-mismatch");
    expect(result).toMatchObject({ index: 599 });
    expect(result.message).toContain("tile 0/002.p/88");
  });

  it("reports root-mismatch when an entry and its leaf hash were both rewritten under a stale checkpoint", async () => {
    const entries = makeEntries(600);
    const stale = publish(entries).get("checkpoint");
    const edited = entries.slice();
    edited[590] = canonicalJsonBytes(event(7));
    // Index 590 is in the right-edge tile, which no higher-level hash covers yet.
    const served = publish(edited);
    served.set("checkpoint", stale ?? new Uint8Array());
    const result = await verifyLog(options(served));
    expectFailure(result, "root-mismatch");
    expect(result.message).toContain(rootOf(edited));
    expect(result.message).toContain(rootOf(entries));
  });

  it("reports tile-mismatch when the rewritten leaf is covered by a stale higher-level tile", async () => {
    const entries = makeEntries(600);
    const original = publish(entries);
    const edited = entries.slice();
    edited[17] = canonicalJsonBytes(event(7));
    const served = publish(edited);
    served.set("checkpoint", original.get("checkpoint") ?? new Uint8Array());
    served.set(tilePath(1, 0, 2), original.get(tilePath(1, 0, 2)) ?? new Uint8Array());
    const result = await verifyLog(options(served));
    expectFailure(result, "tile-mismatch");
    expect(result).toMatchObject({ path: "tile/1/000.p/2" });
    expect(result.message).toContain("hash 0 does not match entries 0–255");
  });

  it("reports tile-mismatch for a tampered higher-level tile even when the root is right", async () => {
    const { served } = large();
    const level2 = tilePath(2, 0, 1);
    served.set(level2, new Uint8Array(32).fill(7));
    const result = await verifyLog(options(served));
    expectFailure(result, "tile-mismatch");
    expect(result).toMatchObject({ path: level2 });

    const small = publish(makeEntries(600));
    const level1 = tilePath(1, 0, 2);
    const tampered = (small.get(level1) ?? new Uint8Array()).slice();
    tampered[40] = (tampered[40] ?? 0) ^ 1;
    small.set(level1, tampered);
    const second = await verifyLog(options(small));
    expectFailure(second, "tile-mismatch");
    expect(second.message).toContain("hash 1 does not match entries 256–511");
  });

  it.each([
    [
      "unsorted keys",
      utf8('{"kind":"accord.published","at":"2026-01-01T00:00:00.000Z","version":1,"contentHash":"' + CONTENT_HASH + '","changelog":"First"}'),
      "not canonical",
    ],
    ["whitespace", utf8(new TextDecoder().decode(canonicalJsonBytes(event(0))).replace(",", ", ")), "not canonical"],
    ["a number spelled two ways", utf8(new TextDecoder().decode(canonicalJsonBytes(event(0))).replace('"version":1', '"version":1.0')), "not canonical"],
    ["not JSON", utf8("accord published"), "not UTF-8 JSON"],
    ["invalid UTF-8", Uint8Array.of(0x22, 0xff, 0x22), "not UTF-8 JSON"],
    ["an unknown kind and no time", canonicalJsonBytes({ kind: "accord.burned", version: 1 }), 'unknown kind "accord.burned" without a valid "at" time'],
    ["a kind that is not a kind", canonicalJsonBytes({ ...(event(0) as object), kind: "Accord Burned!" }), "not a known ledger event"],
    ["an extra field", canonicalJsonBytes({ ...(event(0) as object), email: "someone@example.org" }), "not a known ledger event"],
    ["a bad content hash", canonicalJsonBytes({ ...(event(0) as object), contentHash: "AB" }), "contentHash"],
  ])("reports invalid-entry for an entry with %s, even when honestly logged", async (_name, bad, expected) => {
    const entries = makeEntries(300);
    entries[260] = bad;
    const result = await verifyLog(options(publish(entries)));
    expectFailure(result, "invalid-entry");
    expect(result.index).toBe(260);
    expect(result.message).toMatch(/^entry 260: /);
    expect(result.message).toContain(expected);
  });

  describe("an event kind this verifier does not know (added by a newer registry)", () => {
    const newer = (index: number) => canonicalJsonBytes({ kind: "future.event", at: AT, organisation: { slug: `org-${index}` }, detail: "anything" });

    it("is a warning, not a failure: the log verifies and the kinds are reported with a count and the first entry", async () => {
      const entries = makeEntries(300);
      entries[260] = newer(260);
      entries[270] = newer(270);
      const result = await verifyLog(options(publish(entries)));
      expect(result.ok, result.ok ? "" : result.message).toBe(true);
      if (result.ok) expect(result.unknownKinds).toEqual([{ kind: "future.event", count: 2, firstIndex: 260 }]);
      const known = await verifyLog(options(publish(makeEntries(300))));
      expect(known.ok && known.unknownKinds).toEqual([]);
    });

    it("fails with strict, naming the entry and the kind", async () => {
      const entries = makeEntries(300);
      entries[260] = newer(260);
      const result = await verifyLog(options(publish(entries), { strict: true }));
      expectFailure(result, "invalid-entry");
      expect(result.index).toBe(260);
      expect(result.message).toBe('entry 260: is an event of kind "future.event", which this verifier does not know (--strict)');
    });

    it("still has its bytes checked: an edited entry of an unknown kind is caught", async () => {
      const entries = makeEntries(300);
      entries[260] = newer(260);
      const served = publish(entries);
      replaceEntryInBundle(served, entries, 260, canonicalJsonBytes({ kind: "future.event", at: AT, organisation: { slug: "org-260" }, detail: "edited" }));
      const result = await verifyLog(options(served));
      expectFailure(result, "entry-mismatch");
      expect(result.index).toBe(260);
    });
  });

  it("reports truncated when the log is smaller than a checkpoint seen before", async () => {
    const entries = makeEntries(300);
    const result = await verifyLog(options(publish(entries.slice(0, 299)), { remembered: { size: 300, rootHash: rootOf(entries) } }));
    expectFailure(result, "truncated");
    expect(result.message).toContain("299 entries, but 300 were seen before");
  });

  it("reports inconsistent when the history seen before was rewritten and re-signed", async () => {
    const entries = makeEntries(300);
    const remembered = { size: 200, rootHash: rootOf(entries.slice(0, 200)) };
    const rewritten = entries.slice();
    rewritten[5] = canonicalJsonBytes(event(6));
    const result = await verifyLog(options(publish(rewritten), { remembered }));
    expectFailure(result, "inconsistent");
    expect(result.message).toContain("the 200 entries seen before");
  });

  it("reports inconsistent for a different root at the remembered size (a fork)", async () => {
    const entries = makeEntries(300);
    const forked = entries.slice();
    forked[299] = canonicalJsonBytes(event(1));
    const result = await verifyLog(options(publish(forked), { remembered: { size: 300, rootHash: rootOf(entries) } }));
    expectFailure(result, "inconsistent");
  });

  it("does not call an unchanged history inconsistent when the remembered size is at a tile boundary", async () => {
    // The same history re-served must be consistent: guards against false alarms at tile boundaries.
    const entries = makeEntries(513);
    for (const size of [255, 256, 257, 512]) {
      const result = await verifyLog(options(publish(entries), { remembered: { size, rootHash: rootOf(entries.slice(0, size)) } }));
      expect(result).toMatchObject({ ok: true, consistentWith: size });
    }
  });
});

describe("verifyLog on checkpoints and keys", () => {
  it("reports unknown-key for a checkpoint signed by another key of the same name", async () => {
    const other = generateSignerKey(ORIGIN);
    const result = await verifyLog(options(publish(makeEntries(3)), { verifierKey: other.verifierKey }));
    expectFailure(result, "unknown-key");
    expect(result.message).toContain(ORIGIN);
  });

  it("reports invalid-key for a key that does not parse", async () => {
    const result = await verifyLog(options(publish(makeEntries(3)), { verifierKey: "not-a-key" }));
    expectFailure(result, "invalid-key");
  });

  it("reports bad-signature for an altered checkpoint or signature", async () => {
    const entries = makeEntries(3);
    const served = publish(entries);
    const note = new TextDecoder().decode(served.get("checkpoint"));
    served.set("checkpoint", utf8(note.replace("\n3\n", "\n2\n")));
    expectFailure(await verifyLog(options(served)), "bad-signature");

    const split = note.lastIndexOf(" ") + 1;
    const signature = Buffer.from(note.slice(split, -1), "base64");
    signature[10] = (signature[10] ?? 0) ^ 1;
    served.set("checkpoint", utf8(`${note.slice(0, split)}${signature.toString("base64")}\n`));
    expectFailure(await verifyLog(options(served)), "bad-signature");
  });

  it("reports origin-mismatch when the key signs a checkpoint for another origin", async () => {
    const served = publish(makeEntries(3));
    const leaves = makeEntries(3).map(leafHash);
    served.set("checkpoint", utf8(checkpointFor(leaves, KEYS.signerKey, "elsewhere.test/ledger")));
    expectFailure(await verifyLog(options(served)), "origin-mismatch");
  });

  it("reports malformed-checkpoint for a note that is not a signed checkpoint", async () => {
    const served = publish(makeEntries(3));
    served.set("checkpoint", utf8("<html>Not here</html>"));
    expectFailure(await verifyLog(options(served)), "malformed-checkpoint");

    served.set("checkpoint", utf8(signNote("registry.test/ledger\nthree\n", KEYS.signerKey)));
    const result = await verifyLog(options(served));
    expectFailure(result, "malformed-checkpoint");
    expect(result.message).toContain("invalid tree size");
  });
});

describe("verifyLog on fetch and format failures", () => {
  it("reports fetch-failed with the path and status of a missing tile", async () => {
    const served = publish(makeEntries(600));
    served.delete(entriesPath(1));
    const result = await verifyLog(options(served));
    expect(result).toMatchObject({ ok: false, reason: "fetch-failed", path: "tile/entries/001", status: 404 });
  });

  it("reports fetch-failed for a missing checkpoint and for fetchers that throw plain errors", async () => {
    const served = publish(makeEntries(1));
    served.delete("checkpoint");
    expect(await verifyLog(options(served))).toMatchObject({ ok: false, reason: "fetch-failed", path: "checkpoint", status: 404 });

    const result = await verifyLog({ ...options(publish(makeEntries(1))), fetchBytes: () => Promise.reject(new Error("connection reset")) });
    expectFailure(result, "fetch-failed");
    expect(result.status).toBeUndefined();
    expect(result.message).toBe("could not fetch tile/0/000.p/1: connection reset");
  });

  it("reports malformed-tile for a hash tile of the wrong length or a short entry bundle", async () => {
    const entries = makeEntries(10);
    const served = publish(entries);
    served.set(tilePath(0, 0, 10), new Uint8Array(31 * 10));
    expect(await verifyLog(options(served))).toMatchObject({ ok: false, reason: "malformed-tile", path: "tile/0/000.p/10" });

    const short = publish(entries);
    short.set(entriesPath(0, 10), encodeEntryBundle(entries.slice(0, 9)));
    expect(await verifyLog(options(short))).toMatchObject({ ok: false, reason: "malformed-tile", path: "tile/entries/000.p/10" });

    const truncated = publish(entries);
    truncated.set(entriesPath(0, 10), encodeEntryBundle(entries).slice(0, -1));
    expect(await verifyLog(options(truncated))).toMatchObject({ ok: false, reason: "malformed-tile" });
  });

  it("builds the reference tiles it serves the same way the tiles module defines them", () => {
    // Guards the in-memory server above: its tiles must be the ones lib/ledger/tiles.ts specifies.
    const entries = makeEntries(600);
    const leaves = entries.map(leafHash);
    const served = publish(entries);
    expect(served.get(tilePath(1, 0, 2))).toEqual(tileHashesFromLeafHashes(leaves, 1, 0, 2));
    expect(served.get(tilePath(0, 2, 88))).toEqual(tileHashesFromLeafHashes(leaves, 0, 2, 88));
  });
});
