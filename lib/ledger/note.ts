// C2SP signed-note (https://c2sp.org/signed-note) with Ed25519 keys, in the key
// encoding of golang.org/x/mod/sumdb/note so keys and notes interoperate with Go tools.
import { createPrivateKey, createPublicKey, generateKeyPairSync, type KeyObject, sign, verify } from "node:crypto";
import { concatBytes, decodeBase64Strict, encodeBase64, isWellFormedUnicode, utf8 } from "./bytes";
import { sha256 } from "./merkle";

const ALG_ED25519 = 0x01;
const PKCS8_ED25519_PREFIX = Buffer.from("302e020100300506032b657004220420", "hex");
const SPKI_ED25519_PREFIX = Buffer.from("302a300506032b6570032100", "hex");
const SIGNATURE_PREFIX = "\u2014 "; // em dash, space
// Mirrors Go's limit: bounds the work an attacker-supplied note can cause.
const MAX_SIGNATURES = 100;

export interface SignerKey {
  name: string;
  keyId: number;
  publicKey: Uint8Array;
  privateKey: KeyObject;
}

export interface VerifierKey {
  name: string;
  keyId: number;
  publicKey: Uint8Array;
  key: KeyObject;
}

export interface NoteSignature {
  name: string;
  keyId: number;
}

export type NoteFailure = "malformed" | "unknown-key" | "bad-signature";

export type VerifyNoteResult = { ok: true; text: string; signatures: NoteSignature[] } | { ok: false; error: NoteFailure; message: string };

export class NoteKeyError extends Error {
  override name = "NoteKeyError";
}

/** Key names must be non-empty and contain no Unicode space and no '+'. */
export function isValidKeyName(name: string): boolean {
  // \s misses U+0085, which Go's unicode.IsSpace (the reference implementation) includes.
  return name.length > 0 && isWellFormedUnicode(name) && !/[\s\u0085+]/u.test(name);
}

/** First four bytes, big-endian, of SHA-256(name ‖ 0x0A ‖ 0x01 ‖ public key). */
export function keyId(name: string, publicKey: Uint8Array): number {
  const digest = sha256(utf8(name), Uint8Array.of(0x0a, ALG_ED25519), publicKey);
  return new DataView(digest.buffer, digest.byteOffset, 4).getUint32(0, false);
}

export function parseSignerKey(text: string): SignerKey {
  const prefix = "PRIVATE+KEY+";
  if (!text.startsWith(prefix)) throw new NoteKeyError("signer key must start with PRIVATE+KEY+");
  const { name, id, key } = splitKey(text.slice(prefix.length));
  let privateKey: KeyObject;
  try {
    privateKey = createPrivateKey({ key: Buffer.concat([PKCS8_ED25519_PREFIX, key]), format: "der", type: "pkcs8" });
  } catch {
    throw new NoteKeyError("invalid Ed25519 seed");
  }
  const publicKey = rawPublicKey(createPublicKey(privateKey));
  if (keyId(name, publicKey) !== id) throw new NoteKeyError("signer key id does not match the key");
  return { name, keyId: id, publicKey, privateKey };
}

export function parseVerifierKey(text: string): VerifierKey {
  const { name, id, key: publicKey } = splitKey(text);
  let key: KeyObject;
  try {
    key = createPublicKey({ key: Buffer.concat([SPKI_ED25519_PREFIX, publicKey]), format: "der", type: "spki" });
  } catch {
    throw new NoteKeyError("invalid Ed25519 public key");
  }
  if (keyId(name, publicKey) !== id) throw new NoteKeyError("verifier key id does not match the key");
  return { name, keyId: id, publicKey, key };
}

export function formatVerifierKey(name: string, publicKey: Uint8Array): string {
  if (!isValidKeyName(name)) throw new NoteKeyError(`invalid key name ${JSON.stringify(name)}`);
  if (publicKey.length !== 32) throw new NoteKeyError("Ed25519 public keys are 32 bytes");
  return `${name}+${hex8(keyId(name, publicKey))}+${encodeBase64(concatBytes(Uint8Array.of(ALG_ED25519), publicKey))}`;
}

export function generateSignerKey(name: string): { signerKey: string; verifierKey: string } {
  if (!isValidKeyName(name)) throw new NoteKeyError(`invalid key name ${JSON.stringify(name)}`);
  const { privateKey, publicKey } = generateKeyPairSync("ed25519");
  const seed = privateKey.export({ format: "der", type: "pkcs8" }).subarray(PKCS8_ED25519_PREFIX.length);
  const pub = rawPublicKey(publicKey);
  const encodedSeed = encodeBase64(concatBytes(Uint8Array.of(ALG_ED25519), seed));
  return {
    signerKey: `PRIVATE+KEY+${name}+${hex8(keyId(name, pub))}+${encodedSeed}`,
    verifierKey: formatVerifierKey(name, pub),
  };
}

/** Signs `text` (which must end in a newline) and returns the complete signed note. */
export function signNote(text: string, signerKey: string | SignerKey): string {
  const key = typeof signerKey === "string" ? parseSignerKey(signerKey) : signerKey;
  const problem = textProblem(text);
  if (problem) throw new Error(`cannot sign note: ${problem}`);
  const signature = sign(null, utf8(text), key.privateKey);
  const idBytes = new Uint8Array(4);
  new DataView(idBytes.buffer).setUint32(0, key.keyId, false);
  return `${text}\n${SIGNATURE_PREFIX}${key.name} ${encodeBase64(concatBytes(idBytes, signature))}\n`;
}

/**
 * Opens a signed note. Signatures by keys not in `verifierKeys` are ignored (that is how
 * witnesses cosign and keys rotate), but a known key with a bad signature rejects the
 * whole note, and at least one known signature must verify.
 * Key strings are parsed here and throw NoteKeyError if malformed: that is a
 * configuration bug, unlike a malformed note, which is untrusted input.
 */
export function verifyNote(signedNote: string, verifierKeys: readonly (string | VerifierKey)[]): VerifyNoteResult {
  const keys = verifierKeys.map((k) => (typeof k === "string" ? parseVerifierKey(k) : k));
  if (typeof signedNote !== "string") return malformed("note is not a string");
  if (!isWellFormedUnicode(signedNote)) return malformed("note is not valid UTF-8");
  if (/[\u0000-\u0009\u000b-\u001f]/.test(signedNote)) return malformed("note contains control characters");
  if (!signedNote.endsWith("\n")) return malformed("note does not end with a newline");
  // The text may itself contain blank lines; only the last one separates the signatures.
  const split = signedNote.lastIndexOf("\n\n");
  if (split < 0) return malformed("no blank line before the signatures");
  const text = signedNote.slice(0, split + 1);
  const lines = signedNote.slice(split + 2, -1).split("\n");
  if (lines.length > MAX_SIGNATURES) return malformed("too many signatures");

  const verified: NoteSignature[] = [];
  const seen = new Set<string>();
  const message = utf8(text);
  for (const line of lines) {
    const parsed = parseSignatureLine(line);
    if (!parsed) return malformed(`malformed signature line ${JSON.stringify(line)}`);
    const { name, id, signature } = parsed;
    const key = keys.find((k) => k.name === name && k.keyId === id);
    const tag = `${name}+${hex8(id)}`;
    if (!key || seen.has(tag)) continue;
    seen.add(tag);
    if (signature.length !== 64 || !verify(null, message, key.key, signature)) {
      return { ok: false, error: "bad-signature", message: `invalid signature by ${tag}` };
    }
    verified.push({ name, keyId: id });
  }
  if (verified.length === 0) return { ok: false, error: "unknown-key", message: "no signature by a known key" };
  return { ok: true, text, signatures: verified };
}

function parseSignatureLine(line: string): { name: string; id: number; signature: Uint8Array } | null {
  if (!line.startsWith(SIGNATURE_PREFIX)) return null;
  const rest = line.slice(SIGNATURE_PREFIX.length);
  const space = rest.indexOf(" ");
  if (space < 0) return null;
  const name = rest.slice(0, space);
  const bytes = decodeBase64Strict(rest.slice(space + 1));
  if (!isValidKeyName(name) || !bytes || bytes.length < 5) return null;
  const id = new DataView(bytes.buffer, bytes.byteOffset, 4).getUint32(0, false);
  return { name, id, signature: bytes.subarray(4) };
}

function textProblem(text: string): string | null {
  if (!isWellFormedUnicode(text)) return "text is not valid UTF-8";
  if (/[\u0000-\u0009\u000b-\u001f]/.test(text)) return "text contains control characters";
  if (!text.endsWith("\n")) return "text must end with a newline";
  return null;
}

// <name>+<8 hex digits>+<base64(0x01 ‖ 32 bytes)>; the base64 part may itself contain '+',
// which is why names may not.
function splitKey(text: string): { name: string; id: number; key: Uint8Array } {
  const match = /^([^+]+)\+([0-9a-fA-F]{8})\+(.+)$/s.exec(text);
  if (!match) throw new NoteKeyError("key must look like <name>+<hash>+<base64>");
  const [, name = "", hash = "", encoded = ""] = match;
  if (!isValidKeyName(name)) throw new NoteKeyError(`invalid key name ${JSON.stringify(name)}`);
  const bytes = decodeBase64Strict(encoded);
  if (!bytes || bytes.length !== 33) throw new NoteKeyError("key material must be base64 of 33 bytes");
  if (bytes[0] !== ALG_ED25519) throw new NoteKeyError("only Ed25519 (algorithm 0x01) keys are supported");
  return { name, id: Number.parseInt(hash, 16), key: bytes.subarray(1) };
}

function rawPublicKey(key: KeyObject): Uint8Array {
  return new Uint8Array(key.export({ format: "der", type: "spki" }).subarray(SPKI_ED25519_PREFIX.length));
}

function hex8(id: number): string {
  return id.toString(16).padStart(8, "0");
}

function malformed(message: string): VerifyNoteResult {
  return { ok: false, error: "malformed", message };
}
