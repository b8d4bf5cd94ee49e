import { isEmailAtDomain } from "./domain";
import { isFreeMailDomain } from "./free-mail";

/**
 * The rules of domain claims, as pure functions (no I/O, the clock passed in) so they can be
 * tested alone and shared by lib/orgs/claims.ts, the dashboard and the migration's test.
 *
 * The model: registering a domain files a *claim*. Each claim is its own pending organisation row
 * (the claimant's name, details and DNS token) plus a `domain_claims` row (claimant, status,
 * expiry, winner). Several claims may name one domain; `primary_domain` is unique only among
 * organisations that proved it (verified, suspended, delisted). The first claim proven wins; the
 * others close and their claimants are told. Ownership follows proof:
 * - by work email: the person whose confirmed sign-in address is at exactly the domain;
 * - by DNS TXT: the claimant whose token is in the record (placing the record is control);
 * - by moderator approval: the claimant the moderator approved.
 * At that moment every other owner loses ownership; anyone (owner or member) whose confirmed
 * address is not at exactly the domain leaves; colleagues at the domain stay as members.
 * An open claim expires 30 days after it was filed: it can no longer be proven and no longer
 * counts towards the per-user limit, whether or not the sweep (closeExpiredClaims) has run yet.
 */

export const CLAIM_LIFETIME_DAYS = 30;
export const MAX_OPEN_CLAIMS_PER_USER = 3;
export const DNS_CHECK_INTERVAL_SECONDS = 30;
export const DNS_CHECKS_PER_DAY = 20;

const DAY_MS = 24 * 60 * 60 * 1000;

export type ClaimStatus = "open" | "won" | "closed" | "expired" | "released" | "rejected";

export function claimExpiresAt(filedAt: Date): Date {
  return new Date(filedAt.getTime() + CLAIM_LIFETIME_DAYS * DAY_MS);
}

/** The claim's status as of `now`: an open claim past its expiry is expired even before the sweep closes it. */
export function claimStatusAt(claim: { status: ClaimStatus; expiresAt: Date }, now: Date): ClaimStatus {
  return claim.status === "open" && now.getTime() >= claim.expiresAt.getTime() ? "expired" : claim.status;
}

export function isClaimLive(claim: { status: ClaimStatus; expiresAt: Date }, now: Date): boolean {
  return claimStatusAt(claim, now) === "open";
}

/** True when the address's host is exactly `domain` (no subdomain): the work-email proof. */
export function isAddressAtExactDomain(email: string, domain: string): boolean {
  const at = email.trim().toLowerCase().lastIndexOf("@");
  return (
    at > 0 &&
    email
      .trim()
      .toLowerCase()
      .slice(at + 1) === domain.toLowerCase() &&
    isEmailAtDomain(email, domain)
  );
}

export type EmailProofRefusal = "unconfirmed" | "free-mail" | "not-at-domain";

/**
 * Why this person's sign-in address cannot prove `domain`, or null when it can: it must be
 * confirmed by a sign-in link, not at a public email provider, and at exactly the domain. The
 * dashboard offers the button and lib/orgs/verify.ts decides by this one rule.
 */
export function emailProofRefusal(user: { email: string; emailVerified: Date | boolean | null }, domain: string): EmailProofRefusal | null {
  if (!user.emailVerified) return "unconfirmed";
  if (isFreeMailDomain(emailHost(user.email)) || isFreeMailDomain(domain)) return "free-mail";
  if (!isAddressAtExactDomain(user.email, domain)) return "not-at-domain";
  return null;
}

/** The part of an address after its first "@" (as the proof's ledger detail names it). */
export const emailHost = (email: string) => email.split("@")[1] ?? "";

/**
 * Why a DNS check for one claim must wait, or null when it may run now. `recent` are the times of
 * the checks recorded in the last day. At most one check per 30 seconds and 20 per day.
 */
export function dnsCheckRefusal(recent: Date[], now: Date): string | null {
  const dayAgo = now.getTime() - DAY_MS;
  const times = recent.map((d) => d.getTime()).filter((t) => t > dayAgo && t <= now.getTime());
  if (times.length >= DNS_CHECKS_PER_DAY) {
    const retry = new Date(Math.min(...times) + DAY_MS);
    return `This claim's DNS record was checked ${DNS_CHECKS_PER_DAY} times in the last 24 hours, the most allowed. Check again after ${retry.toISOString().slice(0, 16).replace("T", " ")} UTC.`;
  }
  const last = times.length > 0 ? Math.max(...times) : null;
  if (last !== null && now.getTime() - last < DNS_CHECK_INTERVAL_SECONDS * 1000) {
    const wait = Math.ceil((last + DNS_CHECK_INTERVAL_SECONDS * 1000 - now.getTime()) / 1000);
    return `The DNS record was checked moments ago. DNS changes take a while to show: check again in ${wait} second${wait === 1 ? "" : "s"}.`;
  }
  return null;
}

export type MemberFacts = { userId: string; email: string; emailVerified: Date | null; role: "owner" | "member" };
export type OwnershipChange = { userId: string; email: string; from: "owner" | "member" | null; to: "owner" | "member" | null };

/**
 * Who owns the organisation once `proverId` has proven its domain: the prover becomes owner (joining
 * if needed); other owners become members if their confirmed address is at exactly the domain and
 * leave otherwise; members not at exactly the domain leave. Only the changes are returned.
 */
export function ownershipAfterProof(members: MemberFacts[], prover: { userId: string; email: string }, domain: string): OwnershipChange[] {
  const changes: OwnershipChange[] = [];
  const current = members.find((m) => m.userId === prover.userId);
  if (!current) changes.push({ userId: prover.userId, email: prover.email, from: null, to: "owner" });
  else if (current.role !== "owner") changes.push({ userId: prover.userId, email: prover.email, from: current.role, to: "owner" });
  for (const m of members) {
    if (m.userId === prover.userId) continue;
    const atDomain = m.emailVerified !== null && isAddressAtExactDomain(m.email, domain);
    if (!atDomain) changes.push({ userId: m.userId, email: m.email, from: m.role, to: null });
    else if (m.role === "owner") changes.push({ userId: m.userId, email: m.email, from: "owner", to: "member" });
  }
  return changes;
}

/**
 * The migration's rule for organisations that existed before claims (db/migrations/0010_domain_claims.sql
 * implements the same in SQL; tests check both agree):
 * - pending: an open claim of its first owner; nobody's membership changes until it is proven.
 * - rejected: a rejected claim; nothing else changes.
 * - verified, suspended, delisted: the winner is the recorded successful prover (email or DNS) if
 *   that user still exists, or for a moderator approval the first owner (the approved claimant).
 *   The winner becomes or stays owner; everyone else whose confirmed address is not at the domain
 *   or a subdomain of it (the rule they joined under) leaves; colleagues at the domain keep their
 *   role (they were admitted by the domain rule and promoted by an owner). If there is no winner,
 *   the same removal applies only when some owner at the domain remains; otherwise nothing changes,
 *   so an organisation is never left without an owner by the migration.
 */
export function migratedOwnership(input: {
  status: "pending" | "verified" | "rejected" | "suspended" | "delisted";
  method: "email_domain" | "dns_txt" | "moderator" | null;
  domain: string;
  /** In the order they joined. */
  members: MemberFacts[];
  /** The user id recorded with the successful proof, if that user still exists. */
  proverId: string | null;
}): { claimStatus: "open" | "rejected" | "won"; claimantId: string | null; winnerId: string | null; leave: string[]; promote: string[] } {
  const firstOwner = input.members.find((m) => m.role === "owner")?.userId ?? null;
  if (input.status === "pending") return { claimStatus: "open", claimantId: firstOwner, winnerId: null, leave: [], promote: [] };
  if (input.status === "rejected") return { claimStatus: "rejected", claimantId: firstOwner, winnerId: null, leave: [], promote: [] };
  const winnerId = input.method === "moderator" ? firstOwner : input.proverId;
  const atDomain = (m: MemberFacts) => m.emailVerified !== null && isEmailAtDomain(m.email, input.domain);
  const others = input.members.filter((m) => m.userId !== winnerId);
  const removalApplies = winnerId !== null || input.members.some((m) => m.role === "owner" && atDomain(m));
  const leave = removalApplies ? others.filter((m) => !atDomain(m)).map((m) => m.userId) : [];
  const winner = input.members.find((m) => m.userId === winnerId);
  const promote = winnerId !== null && winner?.role !== "owner" ? [winnerId] : [];
  return { claimStatus: "won", claimantId: winnerId, winnerId, leave, promote };
}
