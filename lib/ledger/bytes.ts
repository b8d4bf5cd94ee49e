// Byte and text helpers shared by the ledger modules. Kept dependency-free so the
// same code can run in a verifier script as well as in the app.

export function bytesEqual(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

export function concatBytes(...parts: readonly Uint8Array[]): Uint8Array {
  let length = 0;
  for (const p of parts) length += p.length;
  const out = new Uint8Array(length);
  let offset = 0;
  for (const p of parts) {
    out.set(p, offset);
    offset += p.length;
  }
  return out;
}

export function encodeBase64(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString("base64");
}

const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

// Buffer.from(s, "base64") silently skips junk and accepts non-zero padding bits, so two
// different strings could decode to the same bytes. Signed data must have one spelling.
export function decodeBase64Strict(text: string): Uint8Array | null {
  if (!BASE64.test(text)) return null;
  const bytes = Buffer.from(text, "base64");
  if (bytes.toString("base64") !== text) return null;
  return new Uint8Array(bytes);
}

// A lone UTF-16 surrogate cannot be encoded as UTF-8; TextEncoder would silently replace
// it with U+FFFD, so the bytes signed or hashed would differ from the string given.
export function isWellFormedUnicode(text: string): boolean {
  // In unicode mode a valid surrogate pair is one code point, so only lone halves match.
  return !/[\uD800-\uDFFF]/u.test(text);
}

export function utf8(text: string): Uint8Array {
  return new TextEncoder().encode(text);
}
