/** Schemes a link, image or URL attribute may use; anything else with a scheme is refused. */
export const SAFE_URL_SCHEMES = ["https", "http", "mailto", "tel"] as const;

const safeSchemes = new Set<string>(SAFE_URL_SCHEMES);

// Browsers drop tabs and newlines anywhere in a URL and controls and spaces at its ends; dropping
// every invisible or spacing character (and backslashes) anywhere is stricter, so "jav\tascript:",
// " JaVaScRiPt:", "java script:" and "java\script:" all end up as "javascript:".
const invisible =
  /[\u0000-\u0020\u007f-\u00a0\u00ad\u034f\u061c\u115f\u1160\u17b4\u17b5\u180b-\u180f\u1680\u2000-\u200f\u2028-\u202f\u205f-\u206f\u3000\u3164\ufe00-\ufe0f\ufeff\uffa0\ufff0-\ufffb\\]/g;

const namedReferences: Record<string, string> = {
  colon: ":",
  Tab: "\t",
  NewLine: "\n",
  nbsp: " ",
  amp: "&",
  lt: "<",
  gt: ">",
  quot: '"',
  apos: "'",
  sol: "/",
  bsol: "\\",
  period: ".",
  plus: "+",
  hyphen: "-",
  dash: "-",
  lpar: "(",
  rpar: ")",
  percnt: "%",
  num: "#",
  excl: "!",
  quest: "?",
  commat: "@",
  equals: "=",
};

function fromCodePoint(code: number): string {
  return Number.isInteger(code) && code > 0 && code <= 0x10ffff && (code < 0xd800 || code > 0xdfff) ? String.fromCodePoint(code) : "";
}

/**
 * The parser has already decoded character references once, as a browser would. Decoding again,
 * including percent-escapes, and dropping references it does not know, catches values aimed at a
 * tool that decodes twice; it can only make the check stricter.
 */
function decodeRepeatedly(value: string): string {
  let current = value;
  for (let round = 0; round < 6; round++) {
    const next = current
      .replace(/&#x([0-9a-f]{1,8});?/gi, (_, hex: string) => fromCodePoint(Number.parseInt(hex, 16)))
      .replace(/&#([0-9]{1,10});?/g, (_, dec: string) => fromCodePoint(Number.parseInt(dec, 10)))
      .replace(/&([a-z][a-z0-9]{1,31});?/gi, (_, name: string) => namedReferences[name] ?? "")
      .replace(/%([0-9a-f]{2})/gi, (_, hex: string) => String.fromCharCode(Number.parseInt(hex, 16)));
    if (next === current) break;
    current = next;
  }
  return current;
}

function schemeOf(value: string): string | null {
  const match = /^([a-z][a-z0-9+.-]*):/.exec(value.replace(invisible, "").toLowerCase());
  return match ? match[1]! : null;
}

/**
 * The scheme that makes `url` unsafe ("javascript", "data", "file", …), or null when it is an
 * https/http/mailto/tel address, a relative path or a #fragment. Every reading of the value is
 * checked: as given, decoded again, and with compatibility characters (such as full-width letters)
 * folded to ASCII.
 */
export function unsafeUrlScheme(url: string): string | null {
  const decoded = decodeRepeatedly(url);
  for (const candidate of [url, decoded, decoded.normalize("NFKC")]) {
    const scheme = schemeOf(candidate);
    if (scheme !== null && !safeSchemes.has(scheme)) return scheme;
  }
  return null;
}

/** Why a scheme is refused, as the end of a sentence for a policy editor. */
export function unsafeSchemeExplanation(scheme: string): string {
  if (scheme === "javascript" || scheme === "vbscript") return "which would run code when it is opened";
  if (scheme === "data") return "which can hide a whole page or script inside the address";
  return "and only https, http, mailto and tel addresses, relative paths and #anchors are allowed";
}
