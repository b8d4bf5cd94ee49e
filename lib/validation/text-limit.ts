/**
 * The one rule for text limits, shared by the browser (the live counters in components/forms) and
 * the server (the zod schemas, through ./limited-text.ts). Characters are counted as the browser's
 * `maxlength` counts them: UTF-16 code units of the text with every line break as one character.
 * Browsers submit a textarea's line breaks as CR LF, so counting the submitted text as it arrives
 * would count each break twice; new input is normalised to LF before it is validated and stored.
 * Text already stored (and hashed into the ledger) is never rewritten: only new input passes here.
 *
 * No imports, so client components can use it without pulling zod into the page.
 */

export type TextLimit = { readonly max: number; readonly min?: number };

/** Every limited free-text field, by what it holds. Forms and schemas read their limits here. */
export const textLimits = {
  legalName: { max: 200 },
  displayName: { max: 120 },
  organisationDescription: { max: 1000 },
  signerName: { min: 2, max: 200 },
  signerTitle: { min: 2, max: 200 },
  withdrawalReason: { min: 20, max: 1000 },
  approvalNote: { min: 3, max: 1000 },
  moderationReason: { min: 10, max: 1000 },
  siteRoleReason: { max: 500 },
  commitmentTitle: { min: 3, max: 120 },
  commitmentDescription: { max: 2000 },
  reportNarrative: { min: 50, max: 10000 },
  reportNote: { max: 1000 },
  changelog: { min: 10, max: 500 },
  reviewComment: { min: 5, max: 1000 },
  principleTitle: { max: 100 },
  principleSummary: { max: 240 },
} as const satisfies Record<string, TextLimit>;

/** CR LF and lone CR become LF, so a line break is one character, as the browser counts it. */
export function normaliseLineBreaks(text: string): string {
  return text.replace(/\r\n?/g, "\n");
}

/** The length the browser's maxlength and every counter here report, and the one the server checks. */
export function countCharacters(text: string): number {
  return normaliseLineBreaks(text).length;
}

const number = (n: number) => n.toLocaleString("en-GB");

/** What a field over its limit says, in the browser as on the server: the count, the limit and how much to cut. */
export function tooLongMessage(length: number, max: number): string {
  const over = length - max;
  return `is too long: ${number(length)} characters, the limit is ${number(max)} (remove ${number(over)})`;
}

/** The problem with a text's length against its maximum, or undefined when it fits. */
export function textLimitProblem(text: string, limit: TextLimit): string | undefined {
  const length = countCharacters(text);
  return length > limit.max ? tooLongMessage(length, limit.max) : undefined;
}
