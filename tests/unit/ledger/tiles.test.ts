import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { hashAccessorFromLeafHashes, leafHash } from "../../../lib/ledger/merkle";
import { consistencyProof, inclusionProof, rootFromAccessor } from "../../../lib/ledger/proof";
import {
  decodeEntryBundle,
  encodeEntryBundle,
  encodeTileIndex,
  entriesPath,
  hashFromTile,
  locateHash,
  newTiles,
  parseTilePath,
  splitTileHashes,
  type Tile,
  tileFromAccessor,
  tileHashesFromLeafHashes,
  tilePath,
  tilesForSize,
  tileWidth,
} from "../../../lib/ledger/tiles";

describe("tile paths", () => {
  it("encodes indexes in x-prefixed 3-digit groups", () => {
    expect(encodeTileIndex(0)).toBe("000");
    expect(encodeTileIndex(67)).toBe("067");
    expect(encodeTileIndex(1000)).toBe("x001/000");
    expect(encodeTileIndex(1234067)).toBe("x001/x234/067");
    expect(tilePath(0, 1234067)).toBe("tile/0/x001/x234/067");
    expect(tilePath(0, 1, 7)).toBe("tile/0/001.p/7");
    expect(tilePath(2, 5, 256)).toBe("tile/2/005");
    expect(entriesPath(1234067)).toBe("tile/entries/x001/x234/067");
    expect(entriesPath(3, 255)).toBe("tile/entries/003.p/255");
  });

  it("refuses to build invalid paths", () => {
    expect(() => tilePath(64, 0)).toThrow(RangeError);
    expect(() => tilePath(-1, 0)).toThrow(RangeError);
    expect(() => tilePath(0, -1)).toThrow(RangeError);
    expect(() => tilePath(0, 2 ** 53)).toThrow(RangeError);
    expect(() => tilePath(0, 0, 0)).toThrow(RangeError);
    expect(() => tilePath(0, 0, 257)).toThrow(RangeError);
    expect(() => entriesPath(0, 1.5)).toThrow(RangeError);
  });

  it("parses what it formats (round trip)", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 63 }),
        fc.maxSafeNat(),
        fc.option(fc.integer({ min: 1, max: 255 }), { nil: undefined }),
        fc.boolean(),
        (level, index, width, isEntries) => {
          const path = isEntries ? entriesPath(index, width) : tilePath(level, index, width);
          expect(parseTilePath(path)).toEqual({ level: isEntries ? 0 : level, index, width, isEntries });
        },
      ),
    );
  });

  it("rejects non-canonical and malformed paths", () => {
    const bad = [
      "tile/0/1",
      "tile/0/0001",
      "tile/0/x001",
      "tile/0/001/002",
      "tile/0/x000/001",
      "tile/0/x1/001",
      "tile/00/001",
      "tile/01/001",
      "tile/64/001",
      "tile/-1/001",
      "tile/0/001.p/0",
      "tile/0/001.p/256",
      "tile/0/001.p/07",
      "tile/0/001.p/",
      "tile/0/001.p",
      "tile/0/001/",
      "/tile/0/001",
      "xtile/0/001",
      "tile/0/001 ",
      "tile/0/001\n",
      "tile/entry/001",
      "tile/entries/001.p/300",
      "tile/0/x009/x007/x199/x254/x740/993", // 9007199254740993 is beyond 2^53 - 1
      "tile/0/x-01/001",
      "tile/0/\uFF10\uFF10\uFF11", // fullwidth digits
    ];
    for (const path of bad) expect(parseTilePath(path), path).toBeNull();
    expect(parseTilePath("tile/0/x009/x007/x199/x254/x740/991")).toEqual({ level: 0, index: Number.MAX_SAFE_INTEGER, width: undefined, isEntries: false });
  });
});

describe("tile layout", () => {
  const summary = (tiles: Tile[]) => {
    const levels = new Map<number, { full: number; partial: number[] }>();
    for (const t of tiles) {
      const s = levels.get(t.level) ?? { full: 0, partial: [] };
      if (t.width === 256) s.full++;
      else s.partial.push(t.width);
      levels.set(t.level, s);
    }
    return Object.fromEntries(levels);
  };

  it("matches the spec's examples", () => {
    // "a tree of size 70,000 will be represented by 273 full level 0 tiles, one partial level 0 tile of width 112,
    // one full level 1 tile, one partial level 1 tile of width 17, and one partial level 2 tile of width 1"
    expect(summary(tilesForSize(70_000))).toEqual({ 0: { full: 273, partial: [112] }, 1: { full: 1, partial: [17] }, 2: { full: 0, partial: [1] } });
    // "a tree of size 256 will be represented by a full level 0 tile and a partial level 1 tile of width 1"
    expect(tilesForSize(256)).toEqual([
      { level: 0, index: 0, width: 256 },
      { level: 1, index: 0, width: 1 },
    ]);
    expect(tilesForSize(0)).toEqual([]);
  });

  it("lists only the tiles an append changes", () => {
    expect(newTiles(250, 260)).toEqual([
      { level: 0, index: 0, width: 256 },
      { level: 0, index: 1, width: 4 },
      { level: 1, index: 0, width: 1 },
    ]);
    expect(newTiles(260, 261)).toEqual([{ level: 0, index: 1, width: 5 }]);
    expect(newTiles(7, 7)).toEqual([]);
    expect(() => newTiles(8, 7)).toThrow(RangeError);
    expect(tileWidth(0, 1, 260)).toBe(4);
    expect(tileWidth(0, 0, 260)).toBe(256);
    expect(tileWidth(1, 0, 260)).toBe(1);
    expect(tileWidth(0, 2, 260)).toBe(0);
  });

  it("locates complete-subtree hashes inside tiles", () => {
    expect(locateHash(0, 300)).toEqual({ tileLevel: 0, tileIndex: 1, first: 44, count: 1 });
    expect(locateHash(3, 40)).toEqual({ tileLevel: 0, tileIndex: 1, first: 64, count: 8 });
    expect(locateHash(8, 2)).toEqual({ tileLevel: 1, tileIndex: 0, first: 2, count: 1 });
    expect(locateHash(9, 1)).toEqual({ tileLevel: 1, tileIndex: 0, first: 2, count: 2 });
  });

  it("serves every hash and proof of a tree through its tiles", async () => {
    // Large enough for level-2 tiles (hashes at Merkle height 16).
    const size = 70_000;
    const leaves = Array.from({ length: size }, (_, i) => leafHash(Buffer.from(`entry ${i}`)));
    const fromLeaves = hashAccessorFromLeafHashes(leaves);
    const tiles = new Map<string, Uint8Array>();
    for (const t of tilesForSize(size)) tiles.set(tilePath(t.level, t.index, t.width), await tileFromAccessor(t, fromLeaves));

    // The accessor-built tiles match the reference definition MTH(D[(n·256+i)·256^L : …]).
    expect(tiles.get("tile/0/273.p/112")).toEqual(tileHashesFromLeafHashes(leaves, 0, 273, 112));
    expect(tiles.get("tile/1/000")).toEqual(tileHashesFromLeafHashes(leaves, 1, 0));
    expect(tiles.get("tile/1/001.p/17")).toEqual(tileHashesFromLeafHashes(leaves, 1, 1, 17));
    expect(splitTileHashes(tiles.get("tile/0/000")!)).toEqual(leaves.slice(0, 256));

    const fromTiles = (level: number, index: number) => {
      const loc = locateHash(level, index);
      const tile = tiles.get(tilePath(loc.tileLevel, loc.tileIndex, tileWidth(loc.tileLevel, loc.tileIndex, size)));
      if (!tile) throw new Error(`no tile for (${level}, ${index})`);
      return hashFromTile(tile, loc);
    };
    expect(await rootFromAccessor(size, fromTiles)).toEqual(await rootFromAccessor(size, fromLeaves));
    for (const index of [0, 255, 256, 65_535, 65_536, 69_999]) {
      expect(await inclusionProof(index, size, fromTiles)).toEqual(await inclusionProof(index, size, fromLeaves));
    }
    for (const m of [1, 256, 257, 65_536, 69_000, 69_999]) {
      expect(await consistencyProof(m, size, fromTiles)).toEqual(await consistencyProof(m, size, fromLeaves));
    }
  });

  it("rejects malformed tile bytes", () => {
    expect(() => splitTileHashes(new Uint8Array(0))).toThrow(RangeError);
    expect(() => splitTileHashes(new Uint8Array(33))).toThrow(RangeError);
    expect(() => splitTileHashes(new Uint8Array(257 * 32))).toThrow(RangeError);
    expect(() => hashFromTile(new Uint8Array(64), { tileLevel: 0, tileIndex: 0, first: 1, count: 2 })).toThrow(RangeError);
  });
});

describe("entry bundles", () => {
  it("round-trips entries with uint16 big-endian length prefixes", () => {
    expect(encodeEntryBundle([Uint8Array.of(7), new Uint8Array(0), new Uint8Array(300).fill(1)]).subarray(0, 6)).toEqual(Uint8Array.of(0, 1, 7, 0, 0, 1));
    fc.assert(
      fc.property(fc.array(fc.uint8Array({ maxLength: 600 }), { maxLength: 256 }), (entries) => {
        expect(decodeEntryBundle(encodeEntryBundle(entries))).toEqual(entries);
      }),
      { numRuns: 50 },
    );
    expect(decodeEntryBundle(encodeEntryBundle([new Uint8Array(65_535)]))[0]).toHaveLength(65_535);
  });

  it("rejects oversized entries and malformed bundles", () => {
    expect(() => encodeEntryBundle([new Uint8Array(65_536)])).toThrow(RangeError);
    expect(() => encodeEntryBundle(Array.from({ length: 257 }, () => new Uint8Array(0)))).toThrow(RangeError);
    expect(() => decodeEntryBundle(Uint8Array.of(0))).toThrow(RangeError);
    expect(() => decodeEntryBundle(Uint8Array.of(0, 3, 1, 2))).toThrow(RangeError);
    expect(() => decodeEntryBundle(new Uint8Array(2 * 257))).toThrow(RangeError);
  });
});
