import { describe, expect, it } from "vitest";
import {
  claimExpiresAt,
  claimStatusAt,
  dnsCheckRefusal,
  isAddressAtExactDomain,
  isClaimLive,
  migratedOwnership,
  ownershipAfterProof,
  type MemberFacts,
} from "@/lib/orgs/claims-rules";

const t0 = new Date("2030-06-01T12:00:00Z");
const at = (ms: number) => new Date(t0.getTime() + ms);
const confirmed = new Date("2030-01-01T00:00:00Z");
const member = (userId: string, email: string, role: "owner" | "member", emailVerified: Date | null = confirmed): MemberFacts => ({
  userId,
  email,
  role,
  emailVerified,
});

describe("claim expiry is a function of the clock", () => {
  it("is open for 30 days, then expired, whether or not anything closed it", () => {
    const claim = { status: "open" as const, expiresAt: claimExpiresAt(t0) };
    expect(claim.expiresAt.toISOString()).toBe("2030-07-01T12:00:00.000Z");
    expect(claimStatusAt(claim, at(29 * 86_400_000))).toBe("open");
    expect(isClaimLive(claim, at(30 * 86_400_000 - 1))).toBe(true);
    expect(claimStatusAt(claim, at(30 * 86_400_000))).toBe("expired");
    expect(claimStatusAt({ ...claim, status: "won" }, at(90 * 86_400_000))).toBe("won");
    expect(isClaimLive({ ...claim, status: "released" }, t0)).toBe(false);
  });
});

describe("work email proves only at exactly the domain", () => {
  it("accepts the domain itself, not subdomains or look-alikes", () => {
    expect(isAddressAtExactDomain("carol@charlie.test", "charlie.test")).toBe(true);
    expect(isAddressAtExactDomain("Carol@Charlie.TEST", "charlie.test")).toBe(true);
    expect(isAddressAtExactDomain("carol@eu.charlie.test", "charlie.test")).toBe(false);
    expect(isAddressAtExactDomain("carol@evilcharlie.test", "charlie.test")).toBe(false);
    expect(isAddressAtExactDomain("carol@charlie.test.evil.test", "charlie.test")).toBe(false);
    expect(isAddressAtExactDomain("a@b@charlie.test", "charlie.test")).toBe(false);
  });
});

describe("DNS check spacing", () => {
  it("allows the first check, then one per 30 seconds, then refuses after 20 in a day", () => {
    expect(dnsCheckRefusal([], t0)).toBeNull();
    expect(dnsCheckRefusal([t0], at(29_000))).toContain("check again in 1 second.");
    expect(dnsCheckRefusal([t0], at(30_000))).toBeNull();
    const twenty = Array.from({ length: 20 }, (_, i) => at(i * 60_000));
    expect(dnsCheckRefusal(twenty, at(20 * 60_000))).toContain("20 times in the last 24 hours");
    expect(dnsCheckRefusal(twenty, at(86_400_000 + 1))).toBeNull();
  });
});

describe("ownership follows proof", () => {
  const squatter = member("s", "mallory@squatter.test", "owner");
  const carol = member("c", "carol@charlie.test", "member");
  const colleagueOwner = member("o", "ops@charlie.test", "owner");
  const subdomainOwner = member("u", "x@eu.charlie.test", "owner");
  const unconfirmed = member("n", "new@charlie.test", "member", null);

  it("the prover becomes owner; owners who proved nothing become members at the domain and leave otherwise", () => {
    const changes = ownershipAfterProof([squatter, carol, colleagueOwner, subdomainOwner, unconfirmed], { userId: "c", email: carol.email }, "charlie.test");
    expect(changes).toEqual([
      { userId: "c", email: carol.email, from: "member", to: "owner" },
      { userId: "s", email: squatter.email, from: "owner", to: null },
      { userId: "o", email: colleagueOwner.email, from: "owner", to: "member" },
      { userId: "u", email: subdomainOwner.email, from: "owner", to: null },
      { userId: "n", email: unconfirmed.email, from: "member", to: null },
    ]);
  });

  it("a prover from outside (a DNS claimant) joins as owner; nothing changes for an owner who proved it alone", () => {
    expect(ownershipAfterProof([], { userId: "d", email: "d@gmail.com" }, "charlie.test")).toEqual([
      { userId: "d", email: "d@gmail.com", from: null, to: "owner" },
    ]);
    expect(ownershipAfterProof([colleagueOwner], { userId: "o", email: colleagueOwner.email }, "charlie.test")).toEqual([]);
  });
});

describe("the migration's rule for organisations that existed before claims", () => {
  const squatter = member("s", "mallory@squatter.test", "owner");
  const carol = member("c", "carol@charlie.test", "member");
  const colleague = member("o", "ops@eu.charlie.test", "owner");

  it("verified by email: the recorded prover owns it, outsiders leave, colleagues at the domain keep their role", () => {
    expect(
      migratedOwnership({ status: "verified", method: "email_domain", domain: "charlie.test", members: [squatter, carol, colleague], proverId: "c" }),
    ).toEqual({
      claimStatus: "won",
      claimantId: "c",
      winnerId: "c",
      leave: ["s"],
      promote: ["c"],
    });
  });

  it("approved by a moderator: the first owner is the approved claimant", () => {
    const founder = member("f", "founder@gmail.com", "owner");
    expect(
      migratedOwnership({ status: "suspended", method: "moderator", domain: "charlie.test", members: [founder, squatter], proverId: "mod" }),
    ).toMatchObject({ winnerId: "f", leave: ["s"], promote: [] });
  });

  it("prover gone: owners at the domain keep it and outsiders leave; with no owner at the domain nothing changes", () => {
    expect(migratedOwnership({ status: "verified", method: "dns_txt", domain: "charlie.test", members: [squatter, colleague], proverId: null })).toMatchObject({
      winnerId: null,
      leave: ["s"],
    });
    expect(migratedOwnership({ status: "verified", method: "dns_txt", domain: "charlie.test", members: [squatter], proverId: null })).toMatchObject({
      winnerId: null,
      leave: [],
    });
  });

  it("pending becomes an open claim of its first owner; rejected a rejected claim", () => {
    expect(migratedOwnership({ status: "pending", method: null, domain: "charlie.test", members: [squatter, carol], proverId: null })).toEqual({
      claimStatus: "open",
      claimantId: "s",
      winnerId: null,
      leave: [],
      promote: [],
    });
    expect(migratedOwnership({ status: "rejected", method: null, domain: "charlie.test", members: [squatter], proverId: null })).toMatchObject({
      claimStatus: "rejected",
      leave: [],
    });
  });
});
