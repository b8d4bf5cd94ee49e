import { domainToASCII } from "node:url";
import { DOMAINS as maintainedDomains } from "free-email-domains-list/build/src/constants";
import { freeMailAdditions } from "./free-mail-additions";

/**
 * Public and disposable email providers: an address there proves nothing about an organisation.
 * The maintained list (free-email-domains-list, ~97,000 free and disposable domains, version
 * pinned in package.json) plus our own additions (free-mail-additions.ts). Exact domains only: the
 * upstream list holds a few shared suffixes such as com.ar, so refusing every subdomain of an
 * entry would refuse whole countries.
 */

// A few upstream entries are in Unicode; the registry compares the ASCII (punycode) form.
const ascii = (domain: string) => {
  const lower = domain.trim().toLowerCase().replace(/\.$/, "");
  return /^[\x00-\x7f]*$/.test(lower) ? lower : domainToASCII(lower) || lower;
};

let domains: ReadonlySet<string> | undefined;

/** Built on first use: the maintained list is large, and most requests never ask. */
export function freeMailDomains(): ReadonlySet<string> {
  domains ??= new Set([...maintainedDomains, ...freeMailAdditions].map(ascii));
  return domains;
}

export function isFreeMailDomain(domain: string): boolean {
  return freeMailDomains().has(ascii(domain));
}
