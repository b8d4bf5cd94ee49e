// C2SP tlog-tiles (https://c2sp.org/tlog-tiles): the tree served as static, cacheable
// files. A level-L tile holds up to 256 consecutive hashes at Merkle height 8·L, i.e.
// hash i of tile N at level L is MTH(D[(N·256 + i)·256^L : (N·256 + i + 1)·256^L]).
// Full tiles never change, so they can be cached forever; only right-edge partial tiles
// (".p/<W>") are superseded as the log grows.
import { concatBytes } from "./bytes";
import { assertSafeCount, completeSubtreeHash, HASH_SIZE, type HashAccessor, rootFromLeafHashes } from "./merkle";

export const TILE_WIDTH = 256;
export const TILE_HEIGHT = 8;
export const MAX_TILE_LEVEL = 63;
export const MAX_ENTRY_SIZE = 0xffff;

/** A tile (or entry bundle) coordinate; width 256 means full, 1..255 partial. */
export interface Tile {
  level: number;
  index: number;
  width: number;
}

export interface ParsedTilePath {
  level: number;
  index: number;
  width: number | undefined;
  isEntries: boolean;
}

/** Where the complete-subtree hash (level, index) lives: MTH of `count` hashes from `first` in that tile. */
export interface HashLocation {
  tileLevel: number;
  tileIndex: number;
  first: number;
  count: number;
}

/** "x001/x234/067" for 1234067: 3-digit groups, all but the last prefixed with "x". */
export function encodeTileIndex(index: number): string {
  assertSafeCount(index, "tile index");
  const digits = String(index);
  const padded = digits.padStart(Math.ceil(digits.length / 3) * 3, "0");
  const groups = padded.match(/\d{3}/g) ?? [];
  return groups.map((g, i) => (i < groups.length - 1 ? `x${g}` : g)).join("/");
}

/** `partialWidth` of undefined or 256 gives the full tile's path. */
export function tilePath(level: number, index: number, partialWidth?: number): string {
  if (!Number.isInteger(level) || level < 0 || level > MAX_TILE_LEVEL) throw new RangeError(`invalid tile level ${level}`);
  return `tile/${level}/${encodeTileIndex(index)}${widthSuffix(partialWidth)}`;
}

export function entriesPath(index: number, partialWidth?: number): string {
  return `tile/entries/${encodeTileIndex(index)}${widthSuffix(partialWidth)}`;
}

function widthSuffix(width: number | undefined): string {
  if (width === undefined || width === TILE_WIDTH) return "";
  if (!Number.isInteger(width) || width < 1 || width > TILE_WIDTH) throw new RangeError(`invalid tile width ${width}`);
  return `.p/${width}`;
}

const TILE_PATH = /^tile\/(entries|0|[1-9][0-9]?)\/((?:x[0-9]{3}\/)*[0-9]{3})(?:\.p\/([1-9][0-9]{0,2}))?$/;

/** Strict inverse of tilePath/entriesPath: only the canonical spelling is accepted. */
export function parseTilePath(path: string): ParsedTilePath | null {
  const match = typeof path === "string" ? TILE_PATH.exec(path) : null;
  if (!match) return null;
  const [, levelText = "", indexText = "", widthText] = match;
  const isEntries = levelText === "entries";
  const level = isEntries ? 0 : Number(levelText);
  if (level > MAX_TILE_LEVEL) return null;
  const groups = indexText.split("/");
  // A leading "x000" group would be a second spelling of a smaller index.
  if (groups.length > 1 && groups[0] === "x000") return null;
  const index = Number(groups.map((g) => g.replace("x", "")).join(""));
  if (!Number.isSafeInteger(index)) return null;
  const width = widthText === undefined ? undefined : Number(widthText);
  if (width !== undefined && width >= TILE_WIDTH) return null;
  return { level, index, width, isEntries };
}

/** Number of complete hashes at tile level L in a tree of `size` leaves: floor(size / 256^L). */
function hashesAtLevel(size: number, level: number): number {
  return Math.floor(size / TILE_WIDTH ** level);
}

/**
 * Tiles that must be written when the tree grows from oldSize to newSize: new full tiles
 * and the new partial right edge at each level (after golang.org/x/mod/sumdb/tlog.NewTiles).
 */
export function newTiles(oldSize: number, newSize: number): Tile[] {
  assertSafeCount(oldSize, "oldSize");
  assertSafeCount(newSize, "newSize");
  if (oldSize > newSize) throw new RangeError("the tree cannot shrink");
  const tiles: Tile[] = [];
  for (let level = 0; hashesAtLevel(newSize, level) > 0; level++) {
    const oldCount = hashesAtLevel(oldSize, level);
    const newCount = hashesAtLevel(newSize, level);
    if (oldCount === newCount) continue;
    const fullTiles = Math.floor(newCount / TILE_WIDTH);
    for (let index = Math.floor(oldCount / TILE_WIDTH); index < fullTiles; index++) tiles.push({ level, index, width: TILE_WIDTH });
    const partial = newCount % TILE_WIDTH;
    if (partial > 0) tiles.push({ level, index: fullTiles, width: partial });
  }
  return tiles;
}

/** Every tile (full, and partial at the right edge) describing a tree of `size` leaves. */
export function tilesForSize(size: number): Tile[] {
  return newTiles(0, size);
}

/** Width of tile (level, index) in a tree of `size` leaves; 0 if that tree has no such tile. */
export function tileWidth(level: number, index: number, size: number): number {
  const count = hashesAtLevel(size, level) - index * TILE_WIDTH;
  return Math.max(0, Math.min(TILE_WIDTH, count));
}

export function locateHash(level: number, index: number): HashLocation {
  assertSafeCount(level, "level");
  assertSafeCount(index, "index");
  const tileLevel = Math.floor(level / TILE_HEIGHT);
  const count = 2 ** (level - tileLevel * TILE_HEIGHT);
  const firstAtTileLevel = index * count;
  if (!Number.isSafeInteger(firstAtTileLevel)) throw new RangeError(`hash (${level}, ${index}) is out of range`);
  return {
    tileLevel,
    tileIndex: Math.floor(firstAtTileLevel / TILE_WIDTH),
    first: firstAtTileLevel % TILE_WIDTH,
    count,
  };
}

/** The hash at `location`, rebuilt from the tile's stored hashes (heights between tile levels are not stored). */
export function hashFromTile(tile: Uint8Array, location: HashLocation): Uint8Array {
  const hashes = splitTileHashes(tile);
  if (location.first + location.count > hashes.length) throw new RangeError("tile is too narrow for that hash");
  return rootFromLeafHashes(hashes.slice(location.first, location.first + location.count));
}

export function splitTileHashes(tile: Uint8Array): Uint8Array[] {
  if (tile.length === 0 || tile.length % HASH_SIZE !== 0 || tile.length > TILE_WIDTH * HASH_SIZE) {
    throw new RangeError(`invalid tile length ${tile.length}`);
  }
  const hashes: Uint8Array[] = [];
  for (let offset = 0; offset < tile.length; offset += HASH_SIZE) hashes.push(tile.slice(offset, offset + HASH_SIZE));
  return hashes;
}

/** Tile content computed directly from all leaf hashes (reference implementation, O(tile span)). */
export function tileHashesFromLeafHashes(leafHashes: readonly Uint8Array[], level: number, index: number, width: number = TILE_WIDTH): Uint8Array {
  return concatBytes(...tileHashIndexes(index, width).map((i) => completeSubtreeHash(leafHashes, level * TILE_HEIGHT, i)));
}

/** Tile content from complete-subtree hashes, e.g. the node hashes a database keeps. */
export async function tileFromAccessor(tile: Tile, getHash: HashAccessor): Promise<Uint8Array> {
  const hashes: Uint8Array[] = [];
  for (const i of tileHashIndexes(tile.index, tile.width)) hashes.push(await getHash(tile.level * TILE_HEIGHT, i));
  return concatBytes(...hashes);
}

function tileHashIndexes(index: number, width: number): number[] {
  assertSafeCount(index, "tile index");
  if (!Number.isInteger(width) || width < 1 || width > TILE_WIDTH) throw new RangeError(`invalid tile width ${width}`);
  return Array.from({ length: width }, (_, i) => index * TILE_WIDTH + i);
}

/** Entry bundle: each entry as a big-endian uint16 length followed by its bytes. */
export function encodeEntryBundle(entries: readonly Uint8Array[]): Uint8Array {
  if (entries.length > TILE_WIDTH) throw new RangeError(`a bundle holds at most ${TILE_WIDTH} entries`);
  const parts: Uint8Array[] = [];
  for (const entry of entries) {
    if (entry.length > MAX_ENTRY_SIZE) throw new RangeError(`entry of ${entry.length} bytes exceeds ${MAX_ENTRY_SIZE}`);
    parts.push(Uint8Array.of(entry.length >> 8, entry.length & 0xff), entry);
  }
  return concatBytes(...parts);
}

/** Inverse of encodeEntryBundle; throws on truncation, trailing bytes or more than 256 entries. */
export function decodeEntryBundle(bundle: Uint8Array): Uint8Array[] {
  const entries: Uint8Array[] = [];
  let offset = 0;
  while (offset < bundle.length) {
    if (entries.length === TILE_WIDTH) throw new RangeError(`a bundle holds at most ${TILE_WIDTH} entries`);
    if (offset + 2 > bundle.length) throw new RangeError("truncated entry length");
    const length = ((bundle[offset] ?? 0) << 8) | (bundle[offset + 1] ?? 0);
    offset += 2;
    if (offset + length > bundle.length) throw new RangeError("truncated entry");
    entries.push(bundle.slice(offset, offset + length));
    offset += length;
  }
  return entries;
}
