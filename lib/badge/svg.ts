import { escapeXml } from "@/lib/feed/xml";
import type { BadgeState } from "./status";

export const BADGE_LABEL = "Tech Accord";

/*
 * Colours: white text on each clears WCAG AA (4.5:1): ink-700 ≈ 9.9:1, accord-600 ≈ 6.4:1,
 * ink-500 ≈ 4.8:1, orange ≈ 5.2:1, red ≈ 6.6:1. The badge paints its own background, so it reads
 * the same on light and dark pages.
 */
const LABEL_COLOUR = "#414b5e";
const colours: Record<BadgeState["kind"], string> = {
  signed: "#1f6b55",
  withdrawn: "#65738c",
  suspended: "#c2410c",
  delisted: "#b42318",
  unsigned: "#65738c",
  "not-found": "#65738c",
};

/** The short right-hand text of the badge. */
export function badgeMessage(state: BadgeState): string {
  switch (state.kind) {
    case "signed":
      return `signed v${state.version}`;
    case "unsigned":
      return "not signed";
    case "not-found":
      return "not found";
    default:
      return state.kind;
  }
}

/** The whole sentence, for the SVG's title and accessible name: a screen reader hears the status, not "signed v1". */
export function badgeSentence(state: BadgeState): string {
  switch (state.kind) {
    case "signed":
      return `Tech Accord: ${state.name} has signed version ${state.version} of the Tech Accord.`;
    case "withdrawn":
      return `Tech Accord: ${state.name} has withdrawn its signature of the Tech Accord.`;
    case "suspended":
      return `Tech Accord: ${state.name} is suspended from the Tech Accord registry.`;
    case "delisted":
      return `Tech Accord: ${state.name} has been delisted from the Tech Accord registry.`;
    case "unsigned":
      return `Tech Accord: ${state.name} has not signed the Tech Accord.`;
    case "not-found":
      return "Tech Accord: no such organisation in the Tech Accord registry.";
  }
}

// Advance widths of Verdana at 11px, the face badges conventionally use; anything else counts as
// a wide glyph. `textLength` then fits the text exactly into the computed box whatever font the
// viewer substitutes, so an estimate that is a little off never overflows.
const widths: Record<string, number> = {
  " ": 3.9,
  "-": 5,
  ".": 3.9,
  ":": 4.6,
  "|": 5,
  "(": 4.9,
  ")": 4.9,
  a: 6.6,
  b: 6.9,
  c: 5.7,
  d: 6.9,
  e: 6.6,
  f: 3.9,
  g: 6.9,
  h: 7,
  i: 3,
  j: 3.8,
  k: 6.5,
  l: 3,
  m: 10.7,
  n: 7,
  o: 6.7,
  p: 6.9,
  q: 6.9,
  r: 4.7,
  s: 5.7,
  t: 4.3,
  u: 7,
  v: 6.5,
  w: 9,
  x: 6.5,
  y: 6.5,
  z: 5.8,
  A: 7.5,
  B: 7.6,
  C: 7.7,
  D: 8.5,
  E: 7,
  F: 6.3,
  G: 8.5,
  H: 8.3,
  I: 4.6,
  J: 5,
  K: 7.6,
  L: 6.1,
  M: 9.3,
  N: 8.3,
  O: 8.7,
  P: 6.6,
  Q: 8.7,
  R: 7.6,
  S: 7.5,
  T: 6.8,
  U: 8.1,
  V: 7.5,
  W: 10.9,
  X: 7.5,
  Y: 6.8,
  Z: 7.5,
};
const DIGIT_WIDTH = 7;
const WIDE = 9;

export function textWidth(text: string): number {
  let width = 0;
  for (const c of text) width += widths[c] ?? (c >= "0" && c <= "9" ? DIGIT_WIDTH : WIDE);
  return Math.ceil(width);
}

const PADDING = 6;
const HEIGHT = 20;
const RADIUS = 3;

function layout(state: BadgeState) {
  const message = badgeMessage(state);
  const labelText = textWidth(BADGE_LABEL);
  const messageText = textWidth(message);
  const left = labelText + 2 * PADDING;
  const right = messageText + 2 * PADDING;
  return { message, labelText, messageText, left, right, width: left + right };
}

/** The badge's width in pixels, so a page can reserve its space before it loads. */
export function badgeWidth(state: BadgeState): number {
  return layout(state).width;
}

/**
 * A two-part, shields-style status badge. Every piece of text is escaped (the title carries an
 * organisation's name, which is user input); no scripts, links, external references or ids, so
 * it is safe as an image anywhere and cannot clash with the page that inlines it.
 */
export function renderBadgeSvg(state: BadgeState): string {
  const { message, labelText, messageText, left, right, width } = layout(state);
  const sentence = escapeXml(badgeSentence(state));
  const colour = colours[state.kind];
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${HEIGHT}" viewBox="0 0 ${width} ${HEIGHT}" role="img" aria-label="${sentence}">`,
    `<title>${sentence}</title>`,
    `<rect width="${width}" height="${HEIGHT}" rx="${RADIUS}" fill="${colour}"/>`,
    `<path d="M${RADIUS} 0H${left}V${HEIGHT}H${RADIUS}A${RADIUS} ${RADIUS} 0 0 1 0 ${HEIGHT - RADIUS}V${RADIUS}A${RADIUS} ${RADIUS} 0 0 1 ${RADIUS} 0Z" fill="${LABEL_COLOUR}"/>`,
    `<g fill="#fff" text-anchor="middle" font-family="Verdana,Geneva,DejaVu Sans,sans-serif" font-size="11" aria-hidden="true">`,
    `<text x="${left / 2}" y="14" textLength="${labelText}" lengthAdjust="spacingAndGlyphs">${escapeXml(BADGE_LABEL)}</text>`,
    `<text x="${left + right / 2}" y="14" textLength="${messageText}" lengthAdjust="spacingAndGlyphs">${escapeXml(message)}</text>`,
    `</g>`,
    `</svg>`,
  ].join("");
}
