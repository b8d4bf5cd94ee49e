import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { CanonicalJsonError, canonicalJson, canonicalJsonBytes } from "../../../lib/ledger/canonical-json";

describe("canonical JSON", () => {
  it("sorts keys recursively and drops whitespace", () => {
    expect(canonicalJson({ b: 1, a: [true, null, { d: "x", c: -0.5 }] })).toBe('{"a":[true,null,{"c":-0.5,"d":"x"}],"b":1}');
    expect(canonicalJson([])).toBe("[]");
    expect(canonicalJson({})).toBe("{}");
    expect(canonicalJson("\u2014\n")).toBe('"\u2014\\n"');
  });

  it("orders keys by UTF-16 code units", () => {
    // "\uFB01" (BMP, U+FB01) sorts after "\u{1F600}" (surrogate pair starting 0xD83D) by code unit,
    // though before it by code point.
    const value = { "\uFB01": 1, "\u{1F600}": 2, B: 3, a: 4, "": 5, aa: 6 };
    expect(canonicalJson(value)).toBe('{"":5,"B":3,"a":4,"aa":6,"\u{1F600}":2,"\uFB01":1}');
  });

  it("is independent of insertion order and parses back to the same value", () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        const text = canonicalJson(value);
        const reparsed: unknown = JSON.parse(text);
        expect(canonicalJson(reparsed)).toBe(text);
        expect(text).toBe(canonicalJson(reverseKeys(reparsed)));
      }),
    );
  });

  it("encodes as UTF-8", () => {
    expect(Buffer.from(canonicalJsonBytes({ k: "é" })).toString("hex")).toBe(Buffer.from('{"k":"é"}', "utf8").toString("hex"));
  });

  it("rejects values JSON.stringify would drop or coerce", () => {
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    const bad: unknown[] = [
      undefined,
      { a: undefined },
      [undefined],
      new Array(2), // holes
      () => 1,
      { f: () => 1 },
      Number.NaN,
      Number.POSITIVE_INFINITY,
      { n: Number.NEGATIVE_INFINITY },
      10n,
      Symbol("s"),
      new Date(0),
      new Map(),
      cyclic,
      "\uD800",
      { "\uDC00": 1 },
    ];
    for (const value of bad) expect(() => canonicalJson(value)).toThrow(CanonicalJsonError);
  });

  it("allows shared (non-cyclic) references", () => {
    const shared = { x: 1 };
    expect(canonicalJson({ a: shared, b: [shared] })).toBe('{"a":{"x":1},"b":[{"x":1}]}');
    expect(canonicalJson(Object.assign(Object.create(null) as object, { z: 1, y: 2 }))).toBe('{"y":2,"z":1}');
  });
});

function reverseKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(reverseKeys);
  if (value && typeof value === "object") {
    return Object.fromEntries(
      Object.entries(value)
        .reverse()
        .map(([k, v]) => [k, reverseKeys(v)]),
    );
  }
  return value;
}
