import "server-only";
import { createHash } from "node:crypto";
import { consumeRateLimit, countRateLimitHits } from "@/db/queries/rate-limits";

/** Sign-in links: per address (stops mail bombing one inbox) and per client IP (stops spraying). */
export const signInLimits = {
  address: { max: 5, windowMs: 60 * 60 * 1000 },
  ip: { max: 30, windowMs: 60 * 60 * 1000 },
} as const;

export type RateLimitVerdict = { limited: false } | { limited: true; scope: "address" | "ip"; message: string };

// Addresses are hashed: the table only needs to recognise them, not to read them.
const addressBucket = (email: string) => `signin:address:${createHash("sha256").update(email.trim().toLowerCase()).digest("hex")}`;
const ipBucket = (ip: string) => `signin:ip:${ip}`;

const messages = {
  address: "Too many sign-in links have been requested for this address. Please use the latest link we sent, or try again in an hour.",
  ip: "Too many sign-in links have been requested from your network. Please try again in an hour.",
} as const;

function buckets(email: string, ip: string | null) {
  const now = Date.now();
  return [
    { scope: "address" as const, bucket: addressBucket(email), max: signInLimits.address.max, since: new Date(now - signInLimits.address.windowMs) },
    ...(ip ? [{ scope: "ip" as const, bucket: ipBucket(ip), max: signInLimits.ip.max, since: new Date(now - signInLimits.ip.windowMs) }] : []),
  ];
}

/** Read-only check, so the sign-in form can answer clearly before anything is sent. */
export async function checkSignInLimit(email: string, ip: string | null): Promise<RateLimitVerdict> {
  for (const b of buckets(email, ip)) {
    if ((await countRateLimitHits(b.bucket, b.since)) >= b.max) return { limited: true, scope: b.scope, message: messages[b.scope] };
  }
  return { limited: false };
}

/** Counts one link against both limits, or refuses (and counts nothing) when either is reached. */
export async function consumeSignInLimit(email: string, ip: string | null): Promise<RateLimitVerdict> {
  const wanted = buckets(email, ip);
  const results = await consumeRateLimit(wanted);
  const refused = results.find((r) => !r.allowed);
  if (!refused) return { limited: false };
  const scope = wanted.find((b) => b.bucket === refused.bucket)!.scope;
  return { limited: true, scope, message: messages[scope] };
}

/** The client address as Next's server records it (the first x-forwarded-for hop). */
export function clientIp(headers: Headers): string | null {
  const forwarded = headers.get("x-forwarded-for")?.split(",")[0]?.trim();
  return forwarded || headers.get("x-real-ip") || null;
}
