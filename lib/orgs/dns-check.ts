import { randomBytes } from "node:crypto";
import { promises as dns } from "node:dns";

/**
 * Proof of domain control by DNS: the organisation publishes
 * `_tech-accord.<domain> TXT "tech-accord-verification=<token>"` and the registry looks it up.
 * Server code, but without the "server-only" marker so tests can load it directly.
 */

export const DNS_RECORD_PREFIX = "_tech-accord";
const VALUE_PREFIX = "tech-accord-verification=";

export type DnsCheckOutcome = "found" | "wrong-token" | "no-record" | "timeout" | "error";

export type DnsCheckResult = {
  outcome: DnsCheckOutcome;
  /** The TXT records found at the name, chunks joined; empty unless the lookup answered. */
  records: string[];
  /** A sentence for the organisation page. Never contains the expected token, which stays secret until published. */
  message: string;
};

export type DnsCheckOptions = {
  domain: string;
  token: string;
  /** Resolver addresses such as "127.0.0.1:5353" or "[::1]:53"; empty means the system's resolvers. */
  servers?: readonly string[];
  timeoutMs?: number;
};

export function txtRecordName(domain: string): string {
  return `${DNS_RECORD_PREFIX}.${domain}`;
}

export function expectedTxtValue(token: string): string {
  return `${VALUE_PREFIX}${token}`;
}

/** 256 bits: unguessable, and URL- and DNS-safe as base64url. */
export function generateDnsToken(): string {
  return randomBytes(32).toString("base64url");
}

// c-ares reports a missing name as ENOTFOUND and a name without TXT records as ENODATA.
const NO_RECORD_CODES = new Set(["ENOTFOUND", "ENODATA", "NXDOMAIN"]);
// ECANCELLED comes from our own guard timer below, which only fires when c-ares overran its timeout.
const TIMEOUT_CODES = new Set(["ETIMEOUT", "ECANCELLED"]);
// Slack for the guard timer beyond c-ares's own per-server timeout.
const GUARD_MARGIN_MS = 1000;

/** Looks up the verification record. Never throws for DNS problems: each becomes an outcome. */
export async function checkDnsTxt({ domain, token, servers = [], timeoutMs = 3000 }: DnsCheckOptions): Promise<DnsCheckResult> {
  const name = txtRecordName(domain);
  let records: string[];
  try {
    records = await resolveTxt(name, servers, timeoutMs);
  } catch (error) {
    return lookupFailure(name, errorCode(error));
  }
  return matchRecords(name, records, expectedTxtValue(token));
}

/** TXT records at `name` from a resolver made for this call, so settings never leak between calls. */
async function resolveTxt(name: string, servers: readonly string[], timeoutMs: number): Promise<string[]> {
  const resolver = new dns.Resolver({ timeout: timeoutMs, tries: 1 });
  if (servers.length > 0) resolver.setServers([...servers]);
  // c-ares bounds each server's wait by `timeoutMs`; this guard only makes sure a call can never
  // hang past that, whatever the resolver configuration.
  const guardMs = timeoutMs * Math.max(1, resolver.getServers().length) + GUARD_MARGIN_MS;
  const guard = setTimeout(() => resolver.cancel(), guardMs);
  try {
    // A record may be split into several character-strings (each at most 255 bytes): rejoin them.
    return (await resolver.resolveTxt(name)).map((chunks) => chunks.join(""));
  } finally {
    clearTimeout(guard);
  }
}

function errorCode(error: unknown): string {
  if (error instanceof Error && "code" in error && typeof error.code === "string") return error.code;
  return "UNKNOWN";
}

function matchRecords(name: string, records: string[], expected: string): DnsCheckResult {
  if (records.some((record) => cleanValue(record) === expected)) {
    return { outcome: "found", records, message: `Found the verification record at ${name}.` };
  }
  if (records.length === 0) return lookupFailure(name, "ENODATA");
  return {
    outcome: "wrong-token",
    records,
    message: `The TXT record at ${name} does not hold this organisation's token (found ${describeRecords(records)}). Replace it with the value shown on this page, wait for DNS to update, then check again.`,
  };
}

/**
 * Some DNS control panels store the quotes people paste around a value as part of it; that is
 * still plainly the right value, so surrounding whitespace and one pair of quotes are ignored.
 */
function cleanValue(record: string): string {
  const trimmed = record.trim();
  return /^".*"$/.test(trimmed) ? trimmed.slice(1, -1).trim() : trimmed;
}

// Records are the domain's own public data, but are bounded so one huge record cannot flood the page.
const MAX_LISTED_RECORDS = 3;
const MAX_LISTED_LENGTH = 80;

function describeRecords(records: string[]): string {
  const listed = records
    .slice(0, MAX_LISTED_RECORDS)
    .map((record) => JSON.stringify(record.length > MAX_LISTED_LENGTH ? `${record.slice(0, MAX_LISTED_LENGTH)}…` : record));
  const more = records.length - listed.length;
  return more > 0 ? `${listed.join(", ")} and ${more} more` : listed.join(", ");
}

function lookupFailure(name: string, code: string): DnsCheckResult {
  if (NO_RECORD_CODES.has(code)) {
    return { outcome: "no-record", records: [], message: `No TXT record found at ${name}. Add it, wait for DNS to update, then check again.` };
  }
  if (TIMEOUT_CODES.has(code)) {
    return { outcome: "timeout", records: [], message: `The DNS lookup for ${name} timed out. Try again in a few minutes.` };
  }
  if (code.startsWith("ERR_")) {
    // Node's own argument errors (such as a malformed resolver address): the registry's setup, not the domain.
    return { outcome: "error", records: [], message: `The DNS lookup for ${name} could not start (${code}). The registry's resolver settings need fixing.` };
  }
  return {
    outcome: "error",
    records: [],
    message: `The DNS lookup for ${name} failed (${code}). Check that the domain's DNS servers are working, then try again.`,
  };
}
