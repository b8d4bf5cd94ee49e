import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { formatCheckpoint, originFromSiteUrl, parseCheckpoint } from "../../../lib/ledger/checkpoint";
import { emptyRoot, leafHash, rootFromLeafHashes } from "../../../lib/ledger/merkle";
import { generateSignerKey, signNote, verifyNote } from "../../../lib/ledger/note";

const root = emptyRoot();
const rootB64 = Buffer.from(root).toString("base64");

describe("checkpoints", () => {
  it("formats the C2SP body: origin, size, base64 root, extensions", () => {
    expect(formatCheckpoint({ origin: "example.org/ledger", size: 0, rootHash: root })).toBe(`example.org/ledger\n0\n${rootB64}\n`);
    expect(formatCheckpoint({ origin: "o", size: 12, rootHash: root, extensions: ["ext one"] })).toBe(`o\n12\n${rootB64}\next one\n`);
  });

  it("round-trips through parse", () => {
    const origin = fc.string({ minLength: 1, unit: "grapheme" }).filter((s) => s.trim() === s && s.length > 0 && !/[\u0000-\u001f]/.test(s));
    fc.assert(
      fc.property(origin, fc.maxSafeNat(), fc.uint8Array({ minLength: 32, maxLength: 32 }), (o, size, rootHash) => {
        const text = formatCheckpoint({ origin: o, size, rootHash });
        expect(parseCheckpoint(text)).toEqual({ ok: true, checkpoint: { origin: o, size, rootHash } });
      }),
    );
    const withExt = formatCheckpoint({ origin: "o", size: 1, rootHash: root, extensions: ["a", "b c"] });
    expect(parseCheckpoint(withExt)).toMatchObject({ ok: true, checkpoint: { extensions: ["a", "b c"] } });
  });

  it("rejects non-canonical or malformed bodies", () => {
    const bad = [
      `o\n0\n${rootB64}`, // no final newline
      `\n0\n${rootB64}\n`, // empty origin
      ` o\n0\n${rootB64}\n`,
      `o \n0\n${rootB64}\n`,
      `o\n00\n${rootB64}\n`,
      `o\n01\n${rootB64}\n`,
      `o\n-1\n${rootB64}\n`,
      `o\n+1\n${rootB64}\n`,
      `o\n1.0\n${rootB64}\n`,
      `o\n 1\n${rootB64}\n`,
      `o\n9007199254740992\n${rootB64}\n`, // beyond 2^53 - 1
      `o\n18446744073709551615\n${rootB64}\n`,
      "o\n1\nAAAA\n", // 3-byte root
      `o\n1\n${rootB64.slice(0, -1)}\n`,
      `o\n1\n${rootB64.replace("=", "")}\n`,
      `o\n1\n${rootB64}\n\n`, // empty extension line
      `o\n1\n`,
      "",
    ];
    for (const text of bad) expect(parseCheckpoint(text).ok, JSON.stringify(text)).toBe(false);
    expect(parseCheckpoint(`o\n9007199254740991\n${rootB64}\n`).ok).toBe(true);
  });

  it("refuses to format invalid checkpoints", () => {
    expect(() => formatCheckpoint({ origin: "", size: 0, rootHash: root })).toThrow(RangeError);
    expect(() => formatCheckpoint({ origin: "a\nb", size: 0, rootHash: root })).toThrow(RangeError);
    expect(() => formatCheckpoint({ origin: "o", size: -1, rootHash: root })).toThrow(RangeError);
    expect(() => formatCheckpoint({ origin: "o", size: 2 ** 53, rootHash: root })).toThrow(RangeError);
    expect(() => formatCheckpoint({ origin: "o", size: 1, rootHash: root.slice(1) })).toThrow(RangeError);
    expect(() => formatCheckpoint({ origin: "o", size: 1, rootHash: root, extensions: [""] })).toThrow(RangeError);
  });

  it("derives the origin from the site URL", () => {
    expect(originFromSiteUrl("https://accord.example.org")).toBe("accord.example.org/ledger");
    expect(originFromSiteUrl("https://example.org:8443/registry/")).toBe("example.org:8443/registry/ledger");
  });

  it("is signed and opened as a note", () => {
    const origin = "accord.example.org/ledger";
    const { signerKey, verifierKey } = generateSignerKey(origin);
    const leaves = [leafHash(Uint8Array.of(1)), leafHash(Uint8Array.of(2))];
    const signed = signNote(formatCheckpoint({ origin, size: 2, rootHash: rootFromLeafHashes(leaves) }), signerKey);
    const opened = verifyNote(signed, [verifierKey]);
    expect(opened.ok).toBe(true);
    const parsed = opened.ok ? parseCheckpoint(opened.text) : null;
    expect(parsed).toEqual({ ok: true, checkpoint: { origin, size: 2, rootHash: rootFromLeafHashes(leaves) } });
  });
});
