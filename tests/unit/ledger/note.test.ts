import { describe, expect, it } from "vitest";
import { generateSignerKey, isValidKeyName, keyId, NoteKeyError, parseSignerKey, parseVerifierKey, signNote, verifyNote } from "../../../lib/ledger/note";
import { hasTestdata, readJson, skipReason } from "./testdata";

interface NoteVector {
  signerKey: string;
  verifierKey: string;
  text: string;
  signedNote: string;
}

describe.skipIf(!hasTestdata)(`signed-note vector${skipReason}`, () => {
  const v = hasTestdata ? readJson<NoteVector>("signed-note/vectors.json") : { signerKey: "", verifierKey: "", text: "", signedNote: "" };

  it("derives the same key from the signer and verifier strings", () => {
    const signer = parseSignerKey(v.signerKey);
    const verifier = parseVerifierKey(v.verifierKey);
    expect(signer.name).toBe("PeterNeumann");
    expect(signer.keyId).toBe(0xc74f20a3);
    expect(verifier.publicKey).toEqual(signer.publicKey);
    expect(keyId(verifier.name, verifier.publicKey)).toBe(0xc74f20a3);
  });

  it("signs the text byte for byte like the Go implementation", () => {
    expect(signNote(v.text, v.signerKey)).toBe(v.signedNote);
  });

  it("verifies the signed note and returns its text", () => {
    expect(verifyNote(v.signedNote, [v.verifierKey])).toEqual({
      ok: true,
      text: v.text,
      signatures: [{ name: "PeterNeumann", keyId: 0xc74f20a3 }],
    });
  });

  it("rejects a note whose text or signature was changed", () => {
    const tamperedText = v.signedNote.replace("cryptography", "cryptographY");
    expect(verifyNote(tamperedText, [v.verifierKey])).toMatchObject({ ok: false, error: "bad-signature" });
    const sig = v.signedNote.slice(v.signedNote.lastIndexOf(" ") + 1, -1);
    const bytes = Buffer.from(sig, "base64");
    for (const i of [4, 20, bytes.length - 1]) {
      const copy = Buffer.from(bytes);
      copy[i]! ^= 0x01;
      const tampered = v.signedNote.replace(sig, copy.toString("base64"));
      expect(verifyNote(tampered, [v.verifierKey])).toMatchObject({ ok: false, error: "bad-signature" });
    }
  });

  it("flipping any byte of the text makes verification fail", () => {
    for (let i = 0; i < v.text.length; i++) {
      const changed = v.text.slice(0, i) + String.fromCharCode(v.text.charCodeAt(i) ^ 0x20) + v.text.slice(i + 1);
      expect(verifyNote(changed + v.signedNote.slice(v.text.length), [v.verifierKey]).ok).toBe(false);
    }
  });
});

describe("signed notes", () => {
  const alice = generateSignerKey("example.org/ledger");
  const bob = generateSignerKey("bob.example");
  const text = "example.org/ledger\n3\nAAAA\n\nwith a blank line inside\n";

  it("round-trips generated keys", () => {
    const note = signNote(text, alice.signerKey);
    expect(note.startsWith(`${text}\n\u2014 example.org/ledger `)).toBe(true);
    expect(verifyNote(note, [alice.verifierKey])).toMatchObject({ ok: true, text });
    expect(parseVerifierKey(alice.verifierKey).publicKey).toEqual(parseSignerKey(alice.signerKey).publicKey);
    expect(alice.verifierKey).toMatch(/^example\.org\/ledger\+[0-9a-f]{8}\+[A-Za-z0-9+/]{44}$/);
  });

  it("ignores signatures by unknown keys but needs one known signature", () => {
    const byAlice = signNote(text, alice.signerKey);
    const byBob = signNote(text, bob.signerKey);
    const both = byAlice + byBob.slice(text.length + 1);
    expect(verifyNote(both, [alice.verifierKey])).toMatchObject({ ok: true, signatures: [{ name: "example.org/ledger" }] });
    expect(verifyNote(both, [alice.verifierKey, bob.verifierKey])).toMatchObject({ ok: true, signatures: [{}, {}] });
    expect(verifyNote(byBob, [alice.verifierKey])).toMatchObject({ ok: false, error: "unknown-key" });
    expect(verifyNote(byAlice, [])).toMatchObject({ ok: false, error: "unknown-key" });
  });

  it("rejects a note where a known key's signature is bad, even if another verifies", () => {
    const byAlice = signNote(text, alice.signerKey);
    const forged = signNote("other text\n", bob.signerKey);
    const mixed = byAlice + forged.slice("other text\n".length + 1);
    expect(verifyNote(mixed, [alice.verifierKey, bob.verifierKey])).toMatchObject({ ok: false, error: "bad-signature" });
  });

  it("rejects malformed notes", () => {
    const note = signNote(text, alice.signerKey);
    const sigLine = note.slice(text.length + 1);
    const sig = sigLine.split(" ")[2]!.trim();
    const malformed = [
      note.slice(0, -1), // no final newline
      text, // no signatures
      text + sigLine, // no blank line separator
      `${text}\n`, // blank line but no signature lines
      `${text}\n- example.org/ledger ${sig}\n`, // hyphen instead of em dash
      `${text}\n\u2014 example.org/ledger  ${sig}\n`, // double space
      `${text}\n\u2014 example.org/ledger ${sig}x\n`, // bad base64
      `${text}\n\u2014 example.org/ledger AAAA\n`, // too short to hold a key id
      `${text}\n\u2014 bad+name ${sig}\n`,
      `${text}\n\u2014 ${sig}\n`, // no name
      `${text}\n${sigLine}\n`, // trailing blank line
      `tab\there\n\n${sigLine}`,
      `cr\r\n\n${sigLine}`,
      `lone \uD800 surrogate\n\n${sigLine}`,
    ];
    for (const m of malformed) expect(verifyNote(m, [alice.verifierKey])).toMatchObject({ ok: false, error: "malformed" });
  });

  it("refuses to sign text that is not a valid note text", () => {
    expect(() => signNote("no newline", alice.signerKey)).toThrow();
    expect(() => signNote("a\tb\n", alice.signerKey)).toThrow();
    expect(() => signNote("\uDC00\n", alice.signerKey)).toThrow();
  });

  it("validates key names and key strings", () => {
    expect(isValidKeyName("example.org/ledger")).toBe(true);
    for (const bad of ["", "a b", "a+b", "a\u00a0b", "a\u2003b", "a\u0085b", "a\nb"]) expect(isValidKeyName(bad)).toBe(false);
    expect(() => generateSignerKey("has space")).toThrow(NoteKeyError);
    const [, name, hash, key] = /^([^+]+)\+([0-9a-f]{8})\+(.+)$/.exec(alice.verifierKey) ?? [];
    expect(name).toBe("example.org/ledger");
    expect(() => parseVerifierKey(alice.verifierKey.replace(hash!, "00000000"))).toThrow(NoteKeyError);
    expect(() => parseVerifierKey(`${name}+${hash}`)).toThrow(NoteKeyError);
    expect(() => parseVerifierKey(`${name}+${hash}+${key!.slice(1)}`)).toThrow(NoteKeyError);
    expect(() => parseSignerKey(alice.verifierKey)).toThrow(NoteKeyError);
    expect(() => parseSignerKey(alice.signerKey.replace("PRIVATE+KEY+", "PRIVATE+KEY+x"))).toThrow(NoteKeyError);
    // A verifier key with another algorithm byte is not an Ed25519 key.
    const raw = Buffer.from(key!, "base64");
    raw[0] = 0x02;
    expect(() => parseVerifierKey(`${name}+${hash}+${raw.toString("base64")}`)).toThrow(NoteKeyError);
  });
});
