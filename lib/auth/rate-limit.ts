import "server-only";
import { createHash } from "node:crypto";
import { isIPv6 } from "node:net";
import type { Db } from "@/db/client";
import { consumeRateLimit } from "@/db/queries/rate-limits";
import { getEnv } from "@/lib/env";
import { addressBucketKey, addressDomain } from "@/lib/validation/email-address";

const HOUR = 60 * 60 * 1000;

/**
 * Sign-in links, three limits, all of which must agree:
 * - per inbox (the address without its +tag): stops mail-bombing one person;
 * - per client address: stops one machine spraying links at many people;
 * - per recipient domain *and* client address: stops one machine working through a company's
 *   staff. Never per domain alone: then anyone could lock a whole organisation out of signing in.
 * The client address is the one scripts/server.mjs wrote from the socket (and TRUSTED_PROXY_HOPS).
 */
export const signInLimits = {
  address: { max: 5, windowMs: HOUR },
  ip: { max: 30, windowMs: HOUR },
  domain: { max: 15, windowMs: HOUR },
} as const;

export type SignInLimitScope = keyof typeof signInLimits;
export type RateLimitVerdict = { limited: false } | { limited: true; scope: SignInLimitScope; message: string };

export const signInLimitMessages: Record<SignInLimitScope, string> = {
  address: "Too many sign-in links have been requested for this address. Please use the latest link we sent, or try again in an hour.",
  ip: "Too many sign-in links have been requested from your network. Please try again in an hour.",
  domain: "Too many sign-in links have been requested from your network for addresses at this domain. Please try again in an hour.",
};

// Addresses are hashed: the table only needs to recognise them, not to read them.
const hash = (value: string) => createHash("sha256").update(value).digest("hex");

/**
 * The client as a bucket: an IPv4 address, or an IPv6 address's /64 (one household or server
 * usually holds a whole /64, so single IPv6 addresses would each open a fresh bucket).
 */
export function clientBucketKey(ip: string): string {
  if (!isIPv6(ip)) return ip;
  const [head = "", tail = ""] = ip.toLowerCase().split("::", 2);
  const left = head ? head.split(":") : [];
  const right = ip.includes("::") ? (tail ? tail.split(":") : []) : [];
  const groups = ip.includes("::") ? [...left, ...Array(8 - left.length - right.length).fill("0"), ...right] : left;
  return `${groups
    .slice(0, 4)
    .map((g) => g.replace(/^0+(?=.)/, ""))
    .join(":")}::/64`;
}

/** The limits in force: the per-client ones scale with SIGN_IN_CLIENT_LIMIT (default 30 an hour). */
export function signInLimitsFor(clientLimit: number): Record<SignInLimitScope, { max: number; windowMs: number }> {
  return { ...signInLimits, ip: { max: clientLimit, windowMs: HOUR }, domain: { max: Math.ceil(clientLimit / 2), windowMs: HOUR } };
}

export function signInBuckets(email: string, ip: string | null, limits: Record<SignInLimitScope, { max: number; windowMs: number }> = signInLimits) {
  const scoped = (scope: SignInLimitScope, bucket: string) => ({ scope, bucket, ...limits[scope] });
  const buckets = [scoped("address", `signin:address:${hash(addressBucketKey(email))}`)];
  if (ip) {
    const client = clientBucketKey(ip);
    buckets.push(scoped("ip", `signin:ip:${client}`), scoped("domain", `signin:domain-ip:${hash(`${addressDomain(addressBucketKey(email))} ${client}`)}`));
  }
  return buckets;
}

/** Counts one link against every limit, or refuses (and counts nothing) when any is reached. */
export async function consumeSignInLimit(db: Db, email: string, ip: string | null, now = new Date()): Promise<RateLimitVerdict> {
  const wanted = signInBuckets(email, ip, signInLimitsFor(getEnv().signInClientLimit));
  const results = await consumeRateLimit(db, wanted, now);
  // The narrowest refusal explains best: the address first, then the domain, then the network.
  for (const scope of ["address", "domain", "ip"] as const) {
    const bucket = wanted.find((b) => b.scope === scope);
    if (bucket && results.find((r) => r.bucket === bucket.bucket)?.allowed === false) return { limited: true, scope, message: signInLimitMessages[scope] };
  }
  return { limited: false };
}

/**
 * The client address as the front door (scripts/server.mjs) wrote it: one address in
 * X-Forwarded-For, set from the socket and the trusted proxy hops, whatever the client sent.
 * (Under `next dev` there is no front door; the first entry is then the client's own word.)
 */
export function clientIp(headers: Headers): string | null {
  const forwarded = headers.get("x-forwarded-for")?.split(",")[0]?.trim();
  return forwarded || headers.get("x-real-ip")?.trim() || null;
}
