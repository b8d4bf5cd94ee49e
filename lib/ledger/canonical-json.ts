// Canonical JSON for log entries: the same value must always give the same bytes, or
// anyone re-deriving an entry's leaf hash would get a different tree. So keys are sorted,
// there is no whitespace, and anything JSON.stringify would silently drop or coerce
// (undefined, functions, NaN, Dates, Maps, cycles…) is an error instead.
import { isWellFormedUnicode, utf8 } from "./bytes";

export class CanonicalJsonError extends TypeError {
  override name = "CanonicalJsonError";
}

export function canonicalJson(value: unknown): string {
  return encode(value, "$", new Set());
}

export function canonicalJsonBytes(value: unknown): Uint8Array {
  return utf8(canonicalJson(value));
}

function encode(value: unknown, path: string, ancestors: Set<object>): string {
  if (value === null || typeof value === "boolean") return String(value);
  if (typeof value === "number") {
    if (!Number.isFinite(value)) throw new CanonicalJsonError(`${path}: non-finite number ${value}`);
    return JSON.stringify(value);
  }
  if (typeof value === "string") {
    // Lone surrogates have no UTF-8 encoding; they would be replaced or escaped ambiguously.
    if (!isWellFormedUnicode(value)) throw new CanonicalJsonError(`${path}: string is not well-formed Unicode`);
    return JSON.stringify(value);
  }
  if (typeof value !== "object") throw new CanonicalJsonError(`${path}: ${typeof value} is not JSON`);
  if (ancestors.has(value)) throw new CanonicalJsonError(`${path}: circular reference`);
  ancestors.add(value);
  try {
    if (Array.isArray(value)) {
      const items: string[] = [];
      // Index loop, not map(): map skips holes, which would silently shorten the array.
      for (let i = 0; i < value.length; i++) items.push(encode(value[i], `${path}[${i}]`, ancestors));
      return `[${items.join(",")}]`;
    }
    const proto: unknown = Object.getPrototypeOf(value);
    if (proto !== Object.prototype && proto !== null) throw new CanonicalJsonError(`${path}: only plain objects are allowed`);
    const record = value as Record<string, unknown>;
    // Default sort compares UTF-16 code units, the order JSON canonicalisation schemes use.
    const members = Object.keys(record)
      .sort()
      .map((key) => {
        if (!isWellFormedUnicode(key)) throw new CanonicalJsonError(`${path}: key is not well-formed Unicode`);
        return `${JSON.stringify(key)}:${encode(record[key], `${path}.${key}`, ancestors)}`;
      });
    return `{${members.join(",")}}`;
  } finally {
    ancestors.delete(value);
  }
}
