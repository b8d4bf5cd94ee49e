// C2SP tlog-checkpoint (https://c2sp.org/tlog-checkpoint): the note text a log signs to
// commit to its tree head. Parsing is strict so one tree head has exactly one spelling.
import { decodeBase64Strict, encodeBase64, isWellFormedUnicode } from "./bytes";
import { HASH_SIZE, isSafeCount } from "./merkle";

export interface Checkpoint {
  origin: string;
  size: number;
  rootHash: Uint8Array;
  extensions?: readonly string[];
}

export type ParseCheckpointResult = { ok: true; checkpoint: Checkpoint } | { ok: false; reason: string };

export function formatCheckpoint({ origin, size, rootHash, extensions = [] }: Checkpoint): string {
  if (!isValidOrigin(origin)) throw new RangeError(`invalid checkpoint origin ${JSON.stringify(origin)}`);
  if (!isSafeCount(size)) throw new RangeError(`invalid tree size ${String(size)}`);
  if (!(rootHash instanceof Uint8Array) || rootHash.length !== HASH_SIZE) throw new RangeError("root hash must be 32 bytes");
  for (const line of extensions) {
    if (!isValidLine(line)) throw new RangeError(`invalid extension line ${JSON.stringify(line)}`);
  }
  return [origin, String(size), encodeBase64(rootHash), ...extensions].map((line) => `${line}\n`).join("");
}

export function parseCheckpoint(text: string): ParseCheckpointResult {
  if (typeof text !== "string" || !text.endsWith("\n")) return fail("checkpoint must end with a newline");
  const [origin = "", sizeLine = "", rootLine = "", ...extensions] = text.slice(0, -1).split("\n");
  if (!isValidOrigin(origin)) return fail("invalid origin line");
  // Decimal without leading zeros (except "0" itself), so each size has one spelling.
  if (!/^(?:0|[1-9][0-9]*)$/.test(sizeLine)) return fail("invalid tree size");
  const size = Number(sizeLine);
  if (!Number.isSafeInteger(size)) return fail("tree size too large");
  const rootHash = decodeBase64Strict(rootLine);
  if (!rootHash || rootHash.length !== HASH_SIZE) return fail("root hash must be base64 of 32 bytes");
  if (!extensions.every(isValidLine)) return fail("extension lines must be non-empty");
  return { ok: true, checkpoint: extensions.length > 0 ? { origin, size, rootHash, extensions } : { origin, size, rootHash } };
}

/** The design's origin: host and path of the site URL plus "/ledger", without scheme. */
export function originFromSiteUrl(siteUrl: string): string {
  const url = new URL(siteUrl);
  return `${url.host}${url.pathname.replace(/\/+$/, "")}/ledger`;
}

function isValidOrigin(origin: string): boolean {
  return isValidLine(origin) && origin.trim() === origin;
}

// Control characters are forbidden anywhere in a signed note, newlines would break the format.
function isValidLine(line: string): boolean {
  return typeof line === "string" && line.length > 0 && isWellFormedUnicode(line) && !/[\u0000-\u001f]/.test(line);
}

function fail(reason: string): ParseCheckpointResult {
  return { ok: false, reason };
}
