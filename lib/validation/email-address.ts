import { domainToASCII, domainToUnicode } from "node:url";
import { z } from "zod";

/**
 * The one sign-in address normaliser, used by the sign-in form (signInSchema) and by Auth.js for
 * every other path (the provider's normalizeIdentifier, so a direct POST to /api/auth is held to
 * the same rule). What the registry checks is exactly what Auth.js stores and mails: NFC, trimmed,
 * lower-case, the domain in its ASCII (punycode) form. Anything that could make the checked and
 * the mailed address differ is refused rather than repaired: several addresses (commas, several
 * @), quoted or commented local parts, invisible characters, and domains that do not survive the
 * round trip toUnicode(toASCII(domain)) unchanged (full-width letters, ignored code points).
 */

export type AddressVerdict = { ok: true; email: string } | { ok: false; message: string };

export const ADDRESS_MESSAGES = {
  format: "must be an email address, such as name@your-organisation.org",
  single: "must be one email address (no commas, quotes, spaces or second @)",
  invisible: "contains an invisible character (such as a zero-width space or soft hyphen); please type the address again",
  domain: "has a domain name that is not written the way it is registered; please type it plainly, such as name@your-organisation.org",
  long: "is too long",
} as const;

// Zero-width, soft hyphen, word joiner, BOM, Mongolian vowel separator, combining grapheme joiner
// and the bidirectional controls: all invisible, all able to make two addresses look alike.
const INVISIBLE =
  /[\u00ad\u034f\u061c\u115f\u1160\u17b4\u17b5\u180b-\u180f\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u206f\u3164\ufe00-\ufe0f\ufeff\uffa0]/u;
// Several addresses, or the quoted and commented forms of RFC 5322 that mailers read differently.
const SEPARATORS = /[,;"'`<>()[\]\\\s]/u;
// The local part: the unquoted ASCII characters of RFC 5321 (quotes and backticks refused above).
const LOCAL = /^[a-z0-9!#$%&*+/=?^_{|}~-]+(\.[a-z0-9!#$%&*+/=?^_{|}~-]+)*$/;
const LABEL = /^(?!-)[a-z0-9-]{1,63}(?<!-)$/;

export function normaliseEmailAddress(raw: string): AddressVerdict {
  // Checked before trimming: trim() would quietly drop a leading byte-order mark.
  if (INVISIBLE.test(raw)) return { ok: false, message: ADDRESS_MESSAGES.invisible };
  const typed = raw.normalize("NFC").trim().toLowerCase().normalize("NFC");
  if (typed === "") return { ok: false, message: ADDRESS_MESSAGES.format };
  if (SEPARATORS.test(typed) || typed.split("@").length > 2) return { ok: false, message: ADDRESS_MESSAGES.single };
  const at = typed.indexOf("@");
  if (at < 1 || at === typed.length - 1) return { ok: false, message: ADDRESS_MESSAGES.format };
  const local = typed.slice(0, at);
  const domain = typed.slice(at + 1);
  if (local.length > 64 || !LOCAL.test(local)) return { ok: false, message: ADDRESS_MESSAGES.format };

  const ascii = domainToASCII(domain);
  if (ascii === "") return { ok: false, message: ADDRESS_MESSAGES.domain };
  // Typed in Unicode: must come back unchanged. Typed in ASCII (xn-- included): must be the ASCII
  // form already, and its labels real punycode (they survive the round trip too).
  const roundTrips = ascii === domain ? domainToASCII(domainToUnicode(ascii)) === ascii : domainToUnicode(ascii) === domain;
  if (!roundTrips) return { ok: false, message: ADDRESS_MESSAGES.domain };
  const labels = ascii.split(".");
  if (labels.length < 2 || !labels.every((l) => LABEL.test(l)) || /^\d+$/.test(labels.at(-1)!)) return { ok: false, message: ADDRESS_MESSAGES.format };

  const email = `${local}@${ascii}`;
  if (email.length > 254) return { ok: false, message: ADDRESS_MESSAGES.long };
  return { ok: true, email };
}

/** For Auth.js's normalizeIdentifier: the normal form, or an error (Auth.js then sends nothing). */
export function normaliseEmailAddressOrThrow(raw: string): string {
  const verdict = normaliseEmailAddress(raw);
  if (!verdict.ok) throw new Error(`The email address ${verdict.message}.`);
  return verdict.email;
}

/** The zod form of the normaliser: a string in, the stored (ASCII) form out. */
export const emailAddressSchema = z.string({ message: ADDRESS_MESSAGES.format }).transform((value, ctx) => {
  const verdict = normaliseEmailAddress(value);
  if (verdict.ok) return verdict.email;
  ctx.addIssue({ code: "custom", message: verdict.message });
  return z.NEVER;
});

/**
 * The rate-limit identity of an address: its normal form without the `+tag`, so victim+1@… and
 * victim+2@… count against one inbox.
 */
export function addressBucketKey(email: string): string {
  const verdict = normaliseEmailAddress(email);
  const normal = verdict.ok ? verdict.email : email.trim().toLowerCase();
  const at = normal.lastIndexOf("@");
  if (at < 0) return normal;
  const local = normal.slice(0, at).split("+", 1)[0] || normal.slice(0, at);
  return `${local}@${normal.slice(at + 1)}`;
}

/** The recipient domain of a normalised address (ASCII form). */
export function addressDomain(email: string): string {
  return email.slice(email.lastIndexOf("@") + 1);
}
