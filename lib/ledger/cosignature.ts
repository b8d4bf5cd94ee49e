// C2SP tlog-cosignature (https://c2sp.org/tlog-cosignature), Ed25519 "cosignature/v1": a witness's
// timestamped statement that a checkpoint is the largest consistent tree head it has seen for a log.
// Also the request body of C2SP tlog-witness add-checkpoint (https://c2sp.org/tlog-witness).
// Pure: no I/O, shared by the registry, the standalone witness and verify-ledger.
import { createPrivateKey, createPublicKey, generateKeyPairSync, type KeyObject, sign, verify } from "node:crypto";
import { concatBytes, decodeBase64Strict, encodeBase64, utf8 } from "./bytes";
import { HASH_SIZE, sha256 } from "./merkle";
import { isValidKeyName } from "./note";

/** The signed-note signature type of Ed25519 cosignature/v1 keys. */
export const ALG_COSIGNATURE_V1 = 0x04;
const PKCS8_ED25519_PREFIX = Buffer.from("302e020100300506032b657004220420", "hex");
const SPKI_ED25519_PREFIX = Buffer.from("302a300506032b6570032100", "hex");
const SIGNATURE_PREFIX = "\u2014 ";
/** key ID (4) ‖ timestamp (8) ‖ Ed25519 signature (64). */
const COSIGNATURE_BYTES = 4 + 8 + 64;
/** The spec's cap on consistency proof lines in an add-checkpoint request. */
export const MAX_PROOF_LINES = 63;

export class CosignatureKeyError extends Error {
  override name = "CosignatureKeyError";
}

export interface WitnessVerifierKey {
  name: string;
  keyId: number;
  publicKey: Uint8Array;
  key: KeyObject;
  /** The vkey as given: `<name>+<hash>+<base64(0x04 ‖ key)>`. */
  text: string;
}

export interface WitnessSignerKey {
  name: string;
  keyId: number;
  publicKey: Uint8Array;
  privateKey: KeyObject;
}

/** SHA-256(name ‖ "\n" ‖ 0x04 ‖ public key)[:4], big-endian. */
export function cosignerKeyId(name: string, publicKey: Uint8Array): number {
  const digest = sha256(utf8(name), Uint8Array.of(0x0a, ALG_COSIGNATURE_V1), publicKey);
  return new DataView(digest.buffer, digest.byteOffset, 4).getUint32(0, false);
}

export function formatWitnessVerifierKey(name: string, publicKey: Uint8Array): string {
  if (!isValidKeyName(name)) throw new CosignatureKeyError(`invalid witness name ${JSON.stringify(name)}`);
  if (publicKey.length !== 32) throw new CosignatureKeyError("Ed25519 public keys are 32 bytes");
  return `${name}+${hex8(cosignerKeyId(name, publicKey))}+${encodeBase64(concatBytes(Uint8Array.of(ALG_COSIGNATURE_V1), publicKey))}`;
}

/** A witness's verifier key (signature type 0x04). A log key (type 0x01) is refused with a message that says so. */
export function parseWitnessVerifierKey(text: string): WitnessVerifierKey {
  const trimmed = text.trim();
  const { name, id, alg, material, encoded } = splitKey(trimmed);
  if (alg === 0x01) {
    throw new CosignatureKeyError(
      "this is a signed-note key of type 0x01 (how a log signs); a witness's cosignature/v1 verifier key has type 0x04 (`npm run witness -- --print-key` prints it)",
    );
  }
  if (alg !== ALG_COSIGNATURE_V1)
    throw new CosignatureKeyError(`unsupported key type 0x${alg.toString(16).padStart(2, "0")}: only Ed25519 cosignature/v1 (0x04)`);
  if (material.length !== 32) throw new CosignatureKeyError("an Ed25519 public key is 32 bytes");
  let key: KeyObject;
  try {
    key = createPublicKey({ key: Buffer.concat([SPKI_ED25519_PREFIX, material]), format: "der", type: "spki" });
  } catch {
    throw new CosignatureKeyError("invalid Ed25519 public key");
  }
  if (cosignerKeyId(name, material) !== id) throw new CosignatureKeyError("the key's hash does not match its name and key (SHA-256(name ‖ \\n ‖ 0x04 ‖ key))");
  // One spelling per key (the hash's hex in lower case), so a key given twice is seen as one.
  return { name, keyId: id, publicKey: material, key, text: `${name}+${hex8(id)}+${encoded}` };
}

/** `PRIVATE+KEY+<name>+<hash>+<base64(0x04 ‖ seed)>`; a 0x01 seed is accepted too (same Ed25519 key). */
export function parseWitnessSignerKey(text: string): WitnessSignerKey {
  const prefix = "PRIVATE+KEY+";
  const trimmed = text.trim();
  if (!trimmed.startsWith(prefix)) throw new CosignatureKeyError("a witness signer key starts with PRIVATE+KEY+");
  const { name, alg, material } = splitKey(trimmed.slice(prefix.length));
  if (alg !== ALG_COSIGNATURE_V1 && alg !== 0x01) throw new CosignatureKeyError("only Ed25519 witness keys are supported");
  if (material.length !== 32) throw new CosignatureKeyError("an Ed25519 seed is 32 bytes");
  let privateKey: KeyObject;
  try {
    privateKey = createPrivateKey({ key: Buffer.concat([PKCS8_ED25519_PREFIX, material]), format: "der", type: "pkcs8" });
  } catch {
    throw new CosignatureKeyError("invalid Ed25519 seed");
  }
  const publicKey = new Uint8Array(createPublicKey(privateKey).export({ format: "der", type: "spki" }).subarray(SPKI_ED25519_PREFIX.length));
  return { name, keyId: cosignerKeyId(name, publicKey), publicKey, privateKey };
}

export function generateWitnessKey(name: string): { signerKey: string; verifierKey: string } {
  if (!isValidKeyName(name)) throw new CosignatureKeyError(`invalid witness name ${JSON.stringify(name)}`);
  const { privateKey, publicKey } = generateKeyPairSync("ed25519");
  const seed = privateKey.export({ format: "der", type: "pkcs8" }).subarray(PKCS8_ED25519_PREFIX.length);
  const pub = new Uint8Array(publicKey.export({ format: "der", type: "spki" }).subarray(SPKI_ED25519_PREFIX.length));
  return {
    signerKey: `PRIVATE+KEY+${name}+${hex8(cosignerKeyId(name, pub))}+${encodeBase64(concatBytes(Uint8Array.of(ALG_COSIGNATURE_V1), seed))}`,
    verifierKey: formatWitnessVerifierKey(name, pub),
  };
}

export function witnessVerifierKeyOf(signer: WitnessSignerKey): string {
  return formatWitnessVerifierKey(signer.name, signer.publicKey);
}

/** The bytes a cosignature/v1 signs: two header lines, then the checkpoint's note text. */
export function cosignedMessage(checkpointText: string, timestamp: number): Uint8Array {
  if (!Number.isSafeInteger(timestamp) || timestamp < 0) throw new RangeError(`invalid cosignature timestamp ${timestamp}`);
  if (!checkpointText.endsWith("\n") || checkpointText.split("\n").length < 4) throw new RangeError("a checkpoint is at least three newline-terminated lines");
  return utf8(`cosignature/v1\ntime ${timestamp}\n${checkpointText}`);
}

/** The signature line (without its newline) a witness returns for `checkpointText` at `timestamp` (POSIX seconds). */
export function cosignCheckpoint(checkpointText: string, signer: WitnessSignerKey, timestamp: number): string {
  const signature = sign(null, cosignedMessage(checkpointText, timestamp), signer.privateKey);
  const head = new Uint8Array(12);
  const view = new DataView(head.buffer);
  view.setUint32(0, signer.keyId, false);
  view.setBigUint64(4, BigInt(timestamp), false);
  return `${SIGNATURE_PREFIX}${signer.name} ${encodeBase64(concatBytes(head, signature))}`;
}

export type ParsedSignatureLine = { name: string; keyId: number; bytes: Uint8Array };

/** `— <name> <base64>` split into its parts; null when it is not a signature line. */
export function parseSignatureLine(line: string): ParsedSignatureLine | null {
  if (!line.startsWith(SIGNATURE_PREFIX)) return null;
  const rest = line.slice(SIGNATURE_PREFIX.length);
  const space = rest.indexOf(" ");
  if (space < 0) return null;
  const name = rest.slice(0, space);
  const bytes = decodeBase64Strict(rest.slice(space + 1));
  if (!isValidKeyName(name) || !bytes || bytes.length < 5) return null;
  return { name, keyId: new DataView(bytes.buffer, bytes.byteOffset, 4).getUint32(0, false), bytes };
}

/** The timestamp of a cosignature/v1 signature line, or null when it is not one. */
export function cosignatureTimestamp(line: string): number | null {
  const parsed = parseSignatureLine(line);
  if (!parsed || parsed.bytes.length !== COSIGNATURE_BYTES) return null;
  const value = new DataView(parsed.bytes.buffer, parsed.bytes.byteOffset + 4, 8).getBigUint64(0, false);
  return value > BigInt(Number.MAX_SAFE_INTEGER) ? null : Number(value);
}

/** Whether `line` is a valid cosignature by `key` of the checkpoint note text `checkpointText`. */
export function verifyCosignatureLine(checkpointText: string, line: string, key: WitnessVerifierKey): { ok: true; timestamp: number } | { ok: false } {
  const parsed = parseSignatureLine(line);
  if (!parsed || parsed.name !== key.name || parsed.keyId !== key.keyId || parsed.bytes.length !== COSIGNATURE_BYTES) return { ok: false };
  const timestamp = cosignatureTimestamp(line);
  if (timestamp === null) return { ok: false };
  let message: Uint8Array;
  try {
    message = cosignedMessage(checkpointText, timestamp);
  } catch {
    return { ok: false };
  }
  return verify(null, message, key.key, parsed.bytes.subarray(12)) ? { ok: true, timestamp } : { ok: false };
}

export type CosignerResult = { name: string; verifierKey: string; timestamp: number };

/**
 * The witnesses among `keys` that validly cosigned the signed note `signedNote` (its text and
 * signature lines). Lines by other keys are ignored, as the signed-note format requires; a line
 * that names a known witness but does not verify is reported in `invalid`, not counted.
 */
export function cosignersOf(signedNote: string, keys: readonly WitnessVerifierKey[]): { cosigners: CosignerResult[]; invalid: string[] } {
  const split = signedNote.lastIndexOf("\n\n");
  if (split < 0 || !signedNote.endsWith("\n")) return { cosigners: [], invalid: [] };
  const text = signedNote.slice(0, split + 1);
  const lines = signedNote.slice(split + 2, -1).split("\n");
  const cosigners: CosignerResult[] = [];
  const invalid: string[] = [];
  for (const key of keys) {
    // A witness counts once towards a quorum, however many of its keys or spellings are given.
    if (cosigners.some((c) => c.name === key.name)) continue;
    let matched = false;
    for (const line of lines) {
      const parsed = parseSignatureLine(line);
      if (!parsed || parsed.name !== key.name || parsed.keyId !== key.keyId) continue;
      matched = true;
      const result = verifyCosignatureLine(text, line, key);
      if (result.ok) {
        cosigners.push({ name: key.name, verifierKey: key.text, timestamp: result.timestamp });
        break;
      }
    }
    if (matched && !cosigners.some((c) => c.verifierKey === key.text)) invalid.push(key.name);
  }
  return { cosigners, invalid };
}

/* ---------- tlog-witness add-checkpoint request bodies ---------- */

export function formatAddCheckpointRequest(oldSize: number, proof: readonly Uint8Array[], signedCheckpoint: string): string {
  return [`old ${oldSize}`, ...proof.map(encodeBase64), "", signedCheckpoint].join("\n");
}

export type AddCheckpointRequest = { oldSize: number; proof: Uint8Array[]; signedCheckpoint: string };

/** Parses an add-checkpoint body strictly; the reason is for a 400 response. */
export function parseAddCheckpointRequest(body: string): { ok: true; request: AddCheckpointRequest } | { ok: false; reason: string } {
  const blank = body.indexOf("\n\n");
  if (blank < 0) return { ok: false, reason: "the body must be an old size line, proof lines, an empty line and a checkpoint" };
  const head = body.slice(0, blank).split("\n");
  const oldLine = head.shift() ?? "";
  const match = /^old (0|[1-9][0-9]*)$/.exec(oldLine);
  if (!match) return { ok: false, reason: 'the first line must be "old <size>" (decimal, no leading zeroes)' };
  const oldSize = Number(match[1]);
  if (!Number.isSafeInteger(oldSize)) return { ok: false, reason: "the old size is too large" };
  if (head.length > MAX_PROOF_LINES) return { ok: false, reason: `at most ${MAX_PROOF_LINES} consistency proof lines` };
  const proof: Uint8Array[] = [];
  for (const line of head) {
    const hash = decodeBase64Strict(line);
    if (!hash || hash.length !== HASH_SIZE) return { ok: false, reason: "each consistency proof line must be base64 of a 32-byte hash" };
    proof.push(hash);
  }
  if (oldSize === 0 && proof.length > 0) return { ok: false, reason: "the consistency proof must be empty when the old size is 0" };
  return { ok: true, request: { oldSize, proof, signedCheckpoint: body.slice(blank + 2) } };
}

function splitKey(text: string): { name: string; id: number; alg: number; material: Uint8Array; encoded: string } {
  const match = /^([^+]+)\+([0-9a-fA-F]{8})\+(.+)$/s.exec(text);
  if (!match) throw new CosignatureKeyError("a key looks like <name>+<hash>+<base64>");
  const [, name = "", hash = "", encoded = ""] = match;
  if (!isValidKeyName(name)) throw new CosignatureKeyError(`invalid key name ${JSON.stringify(name)}`);
  const bytes = decodeBase64Strict(encoded);
  if (!bytes || bytes.length < 2) throw new CosignatureKeyError("the key material is not valid base64");
  return { name, id: Number.parseInt(hash, 16), alg: bytes[0]!, material: bytes.subarray(1), encoded };
}

function hex8(id: number): string {
  return id.toString(16).padStart(8, "0");
}
