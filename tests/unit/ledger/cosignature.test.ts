import { createPublicKey, verify } from "node:crypto";
import { describe, expect, it } from "vitest";
import {
  cosignatureTimestamp,
  cosignCheckpoint,
  cosignedMessage,
  cosignerKeyId,
  cosignersOf,
  CosignatureKeyError,
  formatAddCheckpointRequest,
  formatWitnessVerifierKey,
  generateWitnessKey,
  parseAddCheckpointRequest,
  parseSignatureLine,
  parseWitnessSignerKey,
  parseWitnessVerifierKey,
  verifyCosignatureLine,
} from "@/lib/ledger/cosignature";
import { sha256 } from "@/lib/ledger/merkle";
import { generateSignerKey, signNote, verifyNote } from "@/lib/ledger/note";
import { C2SP_EXAMPLE, TRANSPARENCY_DEV } from "../../fixtures/cosignature-vectors";
import { hasTestdata, readJson, skipReason } from "./testdata";

const utf8 = (s: string) => new TextEncoder().encode(s);

describe("cosignature/v1 against published values", () => {
  it("lays out the C2SP example's cosignature as key ID ‖ timestamp ‖ 64-byte signature", () => {
    const parsed = parseSignatureLine(C2SP_EXAMPLE.cosignatureLine)!;
    expect(parsed.name).toBe("witness.example.com/w1");
    expect(parsed.keyId).toBe(C2SP_EXAMPLE.cosignerKeyId);
    expect(parsed.bytes.length).toBe(4 + 8 + 64);
    expect(cosignatureTimestamp(C2SP_EXAMPLE.cosignatureLine)).toBe(C2SP_EXAMPLE.timestamp);
  });

  it("builds the spec's signed message byte for byte", () => {
    expect(Buffer.from(cosignedMessage(C2SP_EXAMPLE.checkpointText, C2SP_EXAMPLE.timestamp)).toString("utf8")).toBe(C2SP_EXAMPLE.signedMessage);
  });

  it("derives transparency-dev's native cosignature/v1 key ID (SHA-256(name ‖ \\n ‖ 0x04 ‖ key)[:4])", () => {
    const key = parseWitnessVerifierKey(TRANSPARENCY_DEV.cosignatureVerifierKey);
    expect(key.name).toBe("remora.n621.de");
    expect(key.keyId).toBe(0xda77ade7);
    expect(formatWitnessVerifierKey(key.name, key.publicKey)).toBe(TRANSPARENCY_DEV.cosignatureVerifierKey);
    // The same key under the plain signed-note rule (0x01) would have another ID.
    const plainId = Buffer.from(sha256(utf8("remora.n621.de\n"), Uint8Array.of(0x01), key.publicKey).subarray(0, 4)).readUInt32BE(0);
    expect(plainId).not.toBe(0xda77ade7);
  });

  it("reads transparency-dev's cosignature timestamp and refuses a plain signature as a cosignature", () => {
    expect(cosignatureTimestamp(`— x ${TRANSPARENCY_DEV.cosignatureBase64}`)).toBe(TRANSPARENCY_DEV.cosignatureTimestamp);
    expect(cosignatureTimestamp(`— x ${TRANSPARENCY_DEV.plainSignatureBase64}`)).toBeNull();
    expect(cosignatureTimestamp("— x 5%/$!")).toBeNull();
  });

  it("refuses keys that are not cosignature/v1 verifier keys, with messages that say why", () => {
    const logKey = generateSignerKey("registry.example/ledger").verifierKey;
    expect(() => parseWitnessVerifierKey(logKey)).toThrow(/type 0x01/);
    expect(() => parseWitnessVerifierKey("rekor.sigstore.dev+12345678+AwEB")).toThrow(CosignatureKeyError);
    expect(() => parseWitnessVerifierKey(TRANSPARENCY_DEV.cosignatureVerifierKey.replace("da77ade7", "00000000"))).toThrow(/hash does not match/);
    expect(() => parseWitnessVerifierKey("bananas.sigstore.dev+12344556")).toThrow(CosignatureKeyError);
  });
});

describe("cosigning", () => {
  const checkpointText = "registry.example/ledger\n3\nCsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=\n";

  it("signs exactly the spec's message and verifies with the witness's key", () => {
    const { signerKey, verifierKey } = generateWitnessKey("witness.example.org");
    const signer = parseWitnessSignerKey(signerKey);
    const key = parseWitnessVerifierKey(verifierKey);
    const line = cosignCheckpoint(checkpointText, signer, 1700000000);
    const parsed = parseSignatureLine(line)!;
    expect(parsed.keyId).toBe(cosignerKeyId("witness.example.org", signer.publicKey));
    expect(Buffer.from(parsed.bytes.subarray(4, 12)).readBigUInt64BE(0)).toBe(1700000000n);
    // Independently: Ed25519 over "cosignature/v1\ntime 1700000000\n" + checkpoint.
    const publicKey = createPublicKey({ key: Buffer.concat([Buffer.from("302a300506032b6570032100", "hex"), key.publicKey]), format: "der", type: "spki" });
    expect(verify(null, utf8(`cosignature/v1\ntime 1700000000\n${checkpointText}`), publicKey, parsed.bytes.subarray(12))).toBe(true);
    expect(verifyCosignatureLine(checkpointText, line, key)).toEqual({ ok: true, timestamp: 1700000000 });
    expect(verifyCosignatureLine(checkpointText.replace("\n3\n", "\n4\n"), line, key)).toEqual({ ok: false });
    // A changed timestamp breaks the signature.
    const bytes = Buffer.from(parsed.bytes);
    bytes.writeUInt8(bytes.readUInt8(11) ^ 1, 11);
    expect(verifyCosignatureLine(checkpointText, `— witness.example.org ${bytes.toString("base64")}`, key)).toEqual({ ok: false });
  });

  it("counts distinct known witnesses in a cosigned note and ignores unknown lines", () => {
    const a = generateWitnessKey("a.example");
    const b = generateWitnessKey("b.example");
    const stranger = generateWitnessKey("c.example");
    const note = `${checkpointText}\n${[a, b, stranger].map((w) => cosignCheckpoint(checkpointText, parseWitnessSignerKey(w.signerKey), 1700000000)).join("\n")}\n`;
    const keys = [a, b].map((w) => parseWitnessVerifierKey(w.verifierKey));
    expect(cosignersOf(note, keys).cosigners.map((c) => c.name)).toEqual(["a.example", "b.example"]);
    const forged = note.replace(/— b\.example (\S+)/, (_m, sig: string) => `— b.example ${sig.slice(0, 20)}${sig[20] === "A" ? "B" : "A"}${sig.slice(21)}`);
    expect(cosignersOf(forged, keys)).toMatchObject({ cosigners: [{ name: "a.example" }], invalid: ["b.example"] });
  });

  it("counts one witness once, however its key is spelled or repeated", () => {
    // A key whose hash has a letter in it, so that it can be spelled in upper case.
    let a = generateWitnessKey("a.example");
    while (!/^[^+]+\+[0-9]*[a-f]/.test(a.verifierKey)) a = generateWitnessKey("a.example");
    const note = `${checkpointText}\n${cosignCheckpoint(checkpointText, parseWitnessSignerKey(a.signerKey), 1700000000)}\n`;
    const shouted = a.verifierKey.replace(/^([^+]+)\+([0-9a-f]{8})\+/, (_m, name: string, hash: string) => `${name}+${hash.toUpperCase()}+`);
    expect(shouted).not.toBe(a.verifierKey);
    expect(parseWitnessVerifierKey(shouted).text).toBe(parseWitnessVerifierKey(a.verifierKey).text);
    const keys = [a.verifierKey, shouted, a.verifierKey].map(parseWitnessVerifierKey);
    expect(cosignersOf(note, keys).cosigners).toHaveLength(1);
  });
});

describe.skipIf(!hasTestdata)(`a cosignature with the signed-note vector's key${skipReason}`, () => {
  it("accepts Go's 0x01 Ed25519 signer key as a witness key, as transparency-dev/formats does, and keeps the log signature valid", () => {
    const v = readJson<{ signerKey: string; verifierKey: string }>("signed-note/vectors.json");
    const signer = parseWitnessSignerKey(v.signerKey);
    const text = "PeterNeumann\n1\nCsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=\n";
    const line = cosignCheckpoint(text, signer, 1);
    const key = parseWitnessVerifierKey(formatWitnessVerifierKey(signer.name, signer.publicKey));
    expect(verifyCosignatureLine(text, line, key).ok).toBe(true);
    // The cosignature's key ID differs from the note key's, so a note verifier ignores it.
    const note = `${signNote(text, v.signerKey)}${line}\n`;
    expect(verifyNote(note, [v.verifierKey])).toMatchObject({ ok: true, signatures: [{ name: "PeterNeumann", keyId: 0xc74f20a3 }] });
  });
});

describe("add-checkpoint request bodies", () => {
  const note = "o\n1\nCsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=\n\n— o AAAA\n";
  it("round-trips the spec's layout", () => {
    const proof = [new Uint8Array(32).fill(1), new Uint8Array(32).fill(2)];
    const body = formatAddCheckpointRequest(5, proof, note);
    expect(body.startsWith(`old 5\n${Buffer.from(proof[0]!).toString("base64")}\n`)).toBe(true);
    expect(parseAddCheckpointRequest(body)).toEqual({ ok: true, request: { oldSize: 5, proof, signedCheckpoint: note } });
    expect(parseAddCheckpointRequest(formatAddCheckpointRequest(0, [], note))).toEqual({
      ok: true,
      request: { oldSize: 0, proof: [], signedCheckpoint: note },
    });
  });

  it.each([
    ["a leading zero", `old 05\n\n${note}`],
    ["no old line", `5\n\n${note}`],
    ["a short hash", `old 5\nAAAA\n\n${note}`],
    ["a proof from size 0", `old 0\n${Buffer.alloc(32).toString("base64")}\n\n${note}`],
    ["64 proof lines", `old 5\n${Array(64).fill(Buffer.alloc(32).toString("base64")).join("\n")}\n\n${note}`],
    ["no blank line", "old 5\n"],
  ])("refuses %s", (_name, body) => {
    expect(parseAddCheckpointRequest(body).ok).toBe(false);
  });
});
