// Public API of the ledger core: pure functions, no database or network access.
export { bytesEqual, decodeBase64Strict, encodeBase64 } from "./bytes";
export { CanonicalJsonError, canonicalJson, canonicalJsonBytes } from "./canonical-json";
export { type Checkpoint, formatCheckpoint, originFromSiteUrl, type ParseCheckpointResult, parseCheckpoint } from "./checkpoint";
export {
  completeSubtreeHash,
  emptyRoot,
  HASH_SIZE,
  type HashAccessor,
  hashAccessorFromLeafHashes,
  isPowerOfTwo,
  largestPowerOfTwoBelow,
  leafHash,
  nodeHash,
  rootFromLeafHashes,
} from "./merkle";
export {
  formatVerifierKey,
  generateSignerKey,
  isValidKeyName,
  keyId,
  NoteKeyError,
  type NoteFailure,
  type NoteSignature,
  parseSignerKey,
  parseVerifierKey,
  type SignerKey,
  signNote,
  type VerifierKey,
  type VerifyNoteResult,
  verifyNote,
} from "./note";
export { consistencyProof, inclusionProof, rootFromAccessor, verifyConsistency, verifyInclusion } from "./proof";
export {
  decodeEntryBundle,
  encodeEntryBundle,
  encodeTileIndex,
  entriesPath,
  type HashLocation,
  hashFromTile,
  locateHash,
  MAX_ENTRY_SIZE,
  newTiles,
  type ParsedTilePath,
  parseTilePath,
  splitTileHashes,
  type Tile,
  TILE_HEIGHT,
  TILE_WIDTH,
  tileFromAccessor,
  tileHashesFromLeafHashes,
  tilePath,
  tilesForSize,
  tileWidth,
} from "./tiles";
