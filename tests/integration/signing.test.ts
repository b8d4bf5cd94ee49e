import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getLatestAccordVersion, insertAccordVersion } from "@/db/queries/accord";
import { getLedgerEntry, getLedgerSize } from "@/db/queries/ledger";
import { getSignatureHistory } from "@/db/queries/signatures";
import { signAccord, withdrawSignature } from "@/lib/accord/sign";
import { hashAccordSnapshot, parseAccordSnapshot } from "@/lib/accord/version";
import { AppError } from "@/lib/errors";
import { joinOrganisation } from "@/lib/orgs/membership";
import { moderateOrganisation } from "@/lib/orgs/moderation";
import { registerOrganisation } from "@/lib/orgs/register";
import { verifyByEmailDomain } from "@/lib/orgs/verify";
import { fullSignInput } from "../support/signing";
import { person, refusal } from "../support/people";
import { type Driver, drivers, getReadyDatabase, useFreshDatabase } from "./database";

type Db = Awaited<ReturnType<typeof getReadyDatabase>>;

async function loggedEvent(db: Db, index: number) {
  const entry = await getLedgerEntry(db, index);
  expect(entry, `ledger entry ${index}`).not.toBeNull();
  return JSON.parse(new TextDecoder().decode(entry!.data)) as Record<string, unknown>;
}

const signer = { signerName: "Ada Lovelace", signerTitle: "Chief Executive Officer" };
const reason = "We are leaving the accord because our board decided so.";

describe.each(drivers)("signing and withdrawing on %s", (driver: Driver) => {
  let cleanup: () => Promise<void>;
  beforeAll(async () => {
    ({ cleanup } = await useFreshDatabase(driver, "production"));
  });
  afterAll(async () => {
    await cleanup();
  });

  /** A verified organisation with an owner and a member, an outsider, and a moderator. */
  async function world(domain: string, options: { verify?: boolean } = {}) {
    const db = await getReadyDatabase();
    const owner = await person(db, `owner@${domain}`);
    const org = await registerOrganisation(
      db,
      { userId: owner.id },
      { legalName: `${domain} Ltd`, displayName: domain, primaryDomain: domain, country: "DE", sector: "software" },
    );
    if (options.verify ?? true) await verifyByEmailDomain(db, { userId: owner.id }, org.id);
    const member = await person(db, `member@${domain}`);
    await joinOrganisation(db, { userId: member.id }, org.id);
    return { db, org, owner, member, outsider: await person(db, "someone@elsewhere.test"), moderator: await person(db, "mod@registry.test", "moderator") };
  }

  /** Signatures of the organisation and the ledger's size: what a refused attempt must leave alone. */
  async function footprint(db: Db, organisationId: string) {
    return { signatures: (await getSignatureHistory(db, organisationId)).length, ledger: await getLedgerSize(db) };
  }

  it("an owner signs: bound to the version's hash, logged as accord.signed with the signer", async () => {
    const w = await world("signs.test");
    const version = (await getLatestAccordVersion(w.db))!;
    const before = await footprint(w.db, w.org.id);
    const { signature, ledgerIndex } = await signAccord(w.db, { userId: w.owner.id }, await fullSignInput(w.db, w.org.id, signer));
    expect(signature).toMatchObject({
      organisationId: w.org.id,
      accordVersion: version.number,
      contentHash: version.contentHash,
      ...signer,
      signedBy: w.owner.id,
      withdrawnAt: null,
    });
    expect(signature.ledgerIndex).toBe(ledgerIndex);
    expect(await footprint(w.db, w.org.id)).toEqual({ signatures: before.signatures + 1, ledger: before.ledger + 1 });
    expect(await loggedEvent(w.db, ledgerIndex)).toMatchObject({
      kind: "accord.signed",
      organisation: { domain: "signs.test" },
      version: version.number,
      contentHash: version.contentHash,
      signer: { name: signer.signerName, title: signer.signerTitle },
    });
  });

  it("refuses a missing affirmation, naming its field, and writes nothing", async () => {
    const w = await world("unaffirmed.test");
    const input = await fullSignInput(w.db, w.org.id, signer);
    const [skipped, ...rest] = input.affirmed;
    const before = await footprint(w.db, w.org.id);
    const error = await signAccord(w.db, { userId: w.owner.id }, { ...input, affirmed: rest }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe("invalid");
    expect(Object.keys((error as AppError).fields ?? {})).toEqual([`affirm-${skipped}`]);
    expect(await footprint(w.db, w.org.id)).toEqual(before);
  });

  it("refuses a version other than the current one as a conflict, and writes nothing", async () => {
    const w = await world("stale.test");
    const input = await fullSignInput(w.db, w.org.id, signer);
    const before = await footprint(w.db, w.org.id);
    expect(await refusal(signAccord(w.db, { userId: w.owner.id }, { ...input, version: input.version + 1 }))).toBe("conflict");
    expect(await footprint(w.db, w.org.id)).toEqual(before);
  });

  it("only owners sign: members, outsiders, moderators and owners of another organisation are refused", async () => {
    const w = await world("owners-only.test");
    const other = await world("other-org.test");
    const input = await fullSignInput(w.db, w.org.id, signer);
    const before = await footprint(w.db, w.org.id);
    expect(await refusal(signAccord(w.db, { userId: w.member.id }, input))).toBe("forbidden");
    expect(await refusal(signAccord(w.db, { userId: w.outsider.id }, input))).toBe("forbidden");
    expect(await refusal(signAccord(w.db, { userId: w.moderator.id }, input))).toBe("forbidden");
    // An owner forging the id of an organisation they do not belong to.
    expect(await refusal(signAccord(w.db, { userId: other.owner.id }, input))).toBe("forbidden");
    expect(await footprint(w.db, w.org.id)).toEqual(before);
  });

  it("pending, suspended and delisted organisations cannot sign", async () => {
    const pending = await world("pending-sign.test", { verify: false });
    const suspended = await world("suspended-sign.test");
    await moderateOrganisation(
      suspended.db,
      { userId: suspended.moderator.id },
      { organisationId: suspended.org.id, change: "suspend", reason: "Under review after a complaint." },
    );
    const delisted = await world("delisted-sign.test");
    await moderateOrganisation(
      delisted.db,
      { userId: delisted.moderator.id },
      { organisationId: delisted.org.id, change: "delist", reason: "The company no longer exists." },
    );
    for (const w of [pending, suspended, delisted]) {
      const before = await footprint(w.db, w.org.id);
      expect(await refusal(signAccord(w.db, { userId: w.owner.id }, await fullSignInput(w.db, w.org.id, signer))), w.org.primaryDomain).toBe("forbidden");
      expect(await footprint(w.db, w.org.id)).toEqual(before);
    }
  });

  it("signing the same version twice is a conflict", async () => {
    const w = await world("twice.test");
    const input = await fullSignInput(w.db, w.org.id, signer);
    await signAccord(w.db, { userId: w.owner.id }, input);
    const before = await footprint(w.db, w.org.id);
    expect(await refusal(signAccord(w.db, { userId: w.owner.id }, input))).toBe("conflict");
    expect(await footprint(w.db, w.org.id)).toEqual(before);
  });

  it("withdraws with a logged public reason; only owners; twice is a conflict; signing again is a new event", async () => {
    const w = await world("withdraws.test");
    const first = await signAccord(w.db, { userId: w.owner.id }, await fullSignInput(w.db, w.org.id, signer));
    const before = await footprint(w.db, w.org.id);
    for (const who of [w.member, w.outsider, w.moderator]) {
      expect(await refusal(withdrawSignature(w.db, { userId: who.id }, { organisationId: w.org.id, reason }))).toBe("forbidden");
    }
    expect(await footprint(w.db, w.org.id)).toEqual(before);

    const { withdrawn } = await withdrawSignature(w.db, { userId: w.owner.id }, { organisationId: w.org.id, reason });
    expect(withdrawn).toHaveLength(1);
    expect(withdrawn[0]).toMatchObject({ id: first.signature.id, withdrawalReason: reason, withdrawnBy: w.owner.id });
    expect(withdrawn[0]!.withdrawnAt).toBeInstanceOf(Date);
    expect(withdrawn[0]!.withdrawalLedgerIndex).toBe(before.ledger);
    expect(await loggedEvent(w.db, withdrawn[0]!.withdrawalLedgerIndex!)).toMatchObject({
      kind: "signature.withdrawn",
      organisation: { domain: "withdraws.test" },
      version: first.signature.accordVersion,
      reason,
    });
    expect(await refusal(withdrawSignature(w.db, { userId: w.owner.id }, { organisationId: w.org.id, reason }))).toBe("conflict");

    const again = await signAccord(w.db, { userId: w.owner.id }, await fullSignInput(w.db, w.org.id, { signerName: "Grace Hopper", signerTitle: "Chair" }));
    expect(again.signature.id).not.toBe(first.signature.id);
    expect(again.ledgerIndex).toBeGreaterThan(withdrawn[0]!.withdrawalLedgerIndex!);
    expect(await loggedEvent(w.db, again.ledgerIndex)).toMatchObject({ kind: "accord.signed", signer: { name: "Grace Hopper", title: "Chair" } });
    const history = await getSignatureHistory(w.db, w.org.id);
    expect(history.map((s) => s.withdrawnAt === null)).toEqual([false, true]);
  });

  // Last: it publishes a second version, which every later test in this database would see.
  it("re-affirms a newer version while the older signature stands; the old version number is then stale", async () => {
    const w = await world("reaffirms.test");
    const v1 = await signAccord(w.db, { userId: w.owner.id }, await fullSignInput(w.db, w.org.id, signer));
    const latest = (await getLatestAccordVersion(w.db))!;
    const snapshot = parseAccordSnapshot(latest.content);
    const changed = { ...snapshot, preamble: { ...snapshot.preamble, summary: `${snapshot.preamble.summary} (revised)` } };
    const v2 = await insertAccordVersion(w.db, {
      number: latest.number + 1,
      contentHash: hashAccordSnapshot(changed),
      changelog: "Revised summary.",
      content: changed,
    });

    expect(await refusal(signAccord(w.db, { userId: w.owner.id }, { ...(await fullSignInput(w.db, w.org.id, signer)), version: latest.number }))).toBe(
      "conflict",
    );
    const reaffirmed = await signAccord(w.db, { userId: w.owner.id }, await fullSignInput(w.db, w.org.id, signer));
    expect(reaffirmed.signature).toMatchObject({ accordVersion: v2.number, contentHash: v2.contentHash });
    const standing = (await getSignatureHistory(w.db, w.org.id)).filter((s) => s.withdrawnAt === null);
    expect(standing.map((s) => s.id).sort()).toEqual([v1.signature.id, reaffirmed.signature.id].sort());

    // Withdrawing ends every standing signature, each with its own ledger entry.
    const { withdrawn } = await withdrawSignature(w.db, { userId: w.owner.id }, { organisationId: w.org.id, reason });
    expect(withdrawn.map((s) => s.accordVersion).sort()).toEqual([latest.number, v2.number]);
    expect(new Set(withdrawn.map((s) => s.withdrawalLedgerIndex)).size).toBe(2);
  });
});
