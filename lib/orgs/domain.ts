import { domainToASCII } from "node:url";
import { parse } from "tldts";
import { z } from "zod";

/**
 * Domain names as organisation identity. An organisation is its registrable domain (eTLD+1), so
 * whatever a person pastes (a URL, a `www.` host, a mail server, an IDN) is reduced to the one name
 * that the DNS-record and email-domain proofs can later be checked against. Pure: no I/O.
 */

export type DomainResult = { ok: true; domain: string } | { ok: false; reason: string };

/**
 * The reserved testing TLDs (RFC 2606, RFC 6761). They are in no section of the Public Suffix List:
 * tldts gives them a suffix only through the list's implicit "*" rule, exactly as it would a made-up
 * TLD, and flags them special-use. Demo data and tests rely on names like `acme.test`, so they are
 * declared as real suffixes and exempted from the special-use refusal below.
 */
const TESTING_TLDS: readonly string[] = ["example", "test"];

const TLDTS_OPTIONS = {
  allowPrivateDomains: true, // "github.io" names many owners, so "a.github.io" is the identity
  detectSpecialUse: true,
  extraSuffixes: { icann: TESTING_TLDS },
  extractHostname: false, // hosts are extracted and validated here first
} as const;

// Raw input longer than this is not a pasted domain or URL; refusing it early bounds the work.
const MAX_INPUT_LENGTH = 2048;
const MAX_DOMAIN_LENGTH = 253;
const MAX_LABEL_LENGTH = 63;
const LDH_LABEL = /^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?$/;

const reasons = {
  empty: "Enter your organisation's domain name, such as example.org.",
  tooLong: `A domain name can be at most ${MAX_DOMAIN_LENGTH} characters long.`,
  labelTooLong: `Each part of a domain name between dots can be at most ${MAX_LABEL_LENGTH} characters long.`,
  emptyLabel: "A domain name cannot have an empty part between dots.",
  characters: "A domain name can only contain letters, digits, hyphens and dots, and no part can start or end with a hyphen.",
  invalid: "This is not a valid domain name.",
  email: "This looks like an email address. Enter only the part after the @.",
  ip: "An IP address cannot identify an organisation; use its domain name.",
  localhost: "A localhost name only works on your own computer; use your organisation's public domain name.",
  singleLabel: "Enter the full domain name, including its ending, such as example.org.",
  reserved: (host: string) => `${host} is a reserved name that no organisation can own.`,
  unknownTld: (tld: string) => `.${tld} is not a top-level domain in use. Check the spelling.`,
  publicSuffix: (host: string) => `${host} is shared by many unrelated owners. Enter your organisation's own domain under it.`,
} as const;

const refuse = (reason: string): { ok: false; reason: string } => ({ ok: false, reason });

/**
 * Reduces what a person typed to a lower-case registrable domain in ASCII (punycode), or explains
 * in one sentence why it cannot identify an organisation.
 */
export function normaliseDomain(input: string): DomainResult {
  const host = extractHost(input);
  if (!host.ok) return host;
  const ascii = toAsciiHost(host.domain);
  if (!ascii.ok) return ascii;
  return registrableDomain(ascii.domain);
}

/** For forms: the normalised domain, or the reason as the field's message. */
export const domainSchema = z.string().transform((value, ctx) => {
  const result = normaliseDomain(value);
  if (result.ok) return result.domain;
  ctx.issues.push({ code: "custom", message: result.reason, input: value });
  return z.NEVER;
});

/** The registrable domain of an email address's host, or null when the address is malformed. */
export function emailDomain(email: string): string | null {
  const host = emailHost(email);
  if (host === null) return null;
  const result = registrableDomain(host);
  return result.ok ? result.domain : null;
}

/**
 * True when the email's host is `domain` or one of its subdomains. Compared label-wise on the
 * ASCII forms, so "evilacme.test" is not at "acme.test"; a public suffix is never a domain anyone
 * is "at", so "co.uk" matches nothing.
 */
export function isEmailAtDomain(email: string, domain: string): boolean {
  const host = emailHost(email);
  if (host === null || !registrableDomain(host).ok) return false;
  const target = toAsciiHost(domain.trim().toLowerCase());
  if (!target.ok || !registrableDomain(target.domain).ok) return false;
  return host === target.domain || host.endsWith(`.${target.domain}`);
}

// ---------------------------------------------------------------------------------------------

/**
 * The host part of a pasted domain or URL: scheme, credentials, port, path, query and fragment
 * removed. IP literals are refused here because unbracketed IPv6 would otherwise look like a port.
 */
function extractHost(input: string): DomainResult {
  const text = input.trim().toLowerCase();
  if (text === "") return refuse(reasons.empty);
  if (text.length > MAX_INPUT_LENGTH) return refuse(reasons.tooLong);
  if (/\s/.test(text)) return refuse(reasons.characters);

  const scheme = /^(?:[a-z][a-z0-9+.-]*:)?\/\//.exec(text);
  const rest = scheme ? text.slice(scheme[0].length) : text;
  let authority = rest.split(/[/?#\\]/, 1)[0] ?? "";

  const at = authority.lastIndexOf("@");
  if (at !== -1) {
    // Credentials belong to a URL; without a scheme, "name@host" is someone's email address.
    if (!scheme) return refuse(reasons.email);
    authority = authority.slice(at + 1);
  }
  if (authority.startsWith("[") || isBareIpv6(authority)) return refuse(reasons.ip);

  const host = authority.replace(/:\d*$/, "");
  if (host.includes(":")) return refuse(reasons.characters);
  return { ok: true, domain: host };
}

function isBareIpv6(text: string): boolean {
  return (text.match(/:/g) ?? []).length >= 2 && /^[0-9a-f:.]+(?:%.*)?$/.test(text);
}

/**
 * A lower-case host converted to ASCII: IDN labels become punycode (UTS #46 mapping, so full-width
 * and compatibility characters fold too), then every label is checked against the LDH rule and the
 * DNS length limits. One trailing dot (the fully qualified form) is accepted and dropped.
 */
function toAsciiHost(host: string): DomainResult {
  const name = host.endsWith(".") ? host.slice(0, -1) : host;
  if (name === "") return refuse(reasons.empty);
  // ASCII outside letters, digits, "-" and "." is refused before conversion: domainToASCII would
  // otherwise percent-decode "%41" or cut at "/", silently changing what was typed.
  if (/[^a-z0-9.\-\u0080-\uffff]/i.test(name)) return refuse(reasons.characters);
  // WHATWG host parsing reads an all-numeric name ("127.1", "0x7f.1", "2130706433") as IPv4.
  if (name.split(".").every((label) => /^(?:0x[0-9a-f]*|\d+)$/.test(label))) return refuse(reasons.ip);

  const ascii = domainToASCII(name);
  if (ascii === "") return refuse(reasons.invalid);
  const labels = ascii.split(".");
  if (labels.some((label) => label === "")) return refuse(reasons.emptyLabel);
  if (labels.some((label) => label.length > MAX_LABEL_LENGTH)) return refuse(reasons.labelTooLong);
  if (!labels.every((label) => LDH_LABEL.test(label))) return refuse(reasons.characters);
  if (ascii.length > MAX_DOMAIN_LENGTH) return refuse(reasons.tooLong);
  return { ok: true, domain: ascii };
}

/** The eTLD+1 of a valid ASCII host, refusing names that no single organisation can hold. */
function registrableDomain(host: string): DomainResult {
  if (host === "localhost" || host.endsWith(".localhost")) return refuse(reasons.localhost);
  const parsed = parse(host, TLDTS_OPTIONS);
  if (parsed.isIp) return refuse(reasons.ip);
  const refusal = suffixRefusal(host, parsed);
  if (refusal) return refuse(refusal);
  return parsed.domain ? { ok: true, domain: parsed.domain } : refuse(reasons.publicSuffix(host));
}

function suffixRefusal(host: string, parsed: ReturnType<typeof parse>): string | null {
  const tld = host.slice(host.lastIndexOf(".") + 1);
  if (parsed.isSpecialUse && !TESTING_TLDS.includes(tld)) return reasons.reserved(parsed.domain ?? host);
  // Neither list knows the suffix: tldts applied the implicit "*" rule to an unknown TLD.
  if (!parsed.isIcann && !parsed.isPrivate) return host.includes(".") ? reasons.unknownTld(tld) : reasons.singleLabel;
  return null;
}

/** The ASCII host of an email address, or null when the address is malformed. */
function emailHost(email: string): string | null {
  const parts = email.trim().toLowerCase().split("@");
  // Exactly one "@": quoted local parts containing "@" are not accepted at sign-in either.
  if (parts.length !== 2) return null;
  const [local = "", host = ""] = parts;
  if (local === "" || /\s/.test(local)) return null;
  const ascii = toAsciiHost(host);
  return ascii.ok ? ascii.domain : null;
}
