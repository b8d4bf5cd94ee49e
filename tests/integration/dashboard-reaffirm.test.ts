import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getLatestAccordVersion, insertAccordVersion } from "@/db/queries/accord";
import { getLatestAccordVersionNumber, getStandingVersions } from "@/db/queries/reaffirm";
import { signAccord, withdrawSignature } from "@/lib/accord/sign";
import { hashAccordSnapshot, parseAccordSnapshot } from "@/lib/accord/version";
import { registerOrganisation } from "@/lib/orgs/register";
import { reaffirmationFor } from "@/lib/orgs/reaffirmation";
import { verifyByEmailDomain } from "@/lib/orgs/verify";
import { person } from "../support/people";
import { fullSignInput } from "../support/signing";
import { type Driver, drivers, getReadyDatabase, useFreshDatabase } from "./database";

describe("which organisations must re-affirm", () => {
  it("a verified organisation whose standing signature is older than the newest version, with every version since", () => {
    expect(reaffirmationFor({ status: "verified" }, 1, 3)).toEqual({ signedVersion: 1, latestVersion: 3, changedIn: [2, 3] });
    expect(reaffirmationFor({ status: "verified" }, 3, 3)).toBeNull();
    expect(reaffirmationFor({ status: "verified" }, undefined, 3)).toBeNull();
    expect(reaffirmationFor({ status: "suspended" }, 1, 3)).toBeNull();
    expect(reaffirmationFor({ status: "verified" }, 1, null)).toBeNull();
  });
});

describe.each(drivers)("the dashboard's re-affirm marks on %s", (driver: Driver) => {
  let cleanup: () => Promise<void>;
  beforeAll(async () => {
    ({ cleanup } = await useFreshDatabase(driver, "production"));
  });
  afterAll(async () => {
    await cleanup();
  });

  it("reads each organisation's standing version and the newest one", async () => {
    const db = await getReadyDatabase();
    const signed = async (domain: string) => {
      const owner = await person(db, `owner@${domain}`);
      const org = await registerOrganisation(
        db,
        { userId: owner.id },
        { legalName: `${domain} Ltd`, displayName: domain, primaryDomain: domain, country: "DE", sector: "software" },
      );
      await verifyByEmailDomain(db, { userId: owner.id }, org.id);
      await signAccord(db, { userId: owner.id }, await fullSignInput(db, org.id, { signerName: "Ada Lovelace", signerTitle: "Chief Executive" }));
      return { org, owner };
    };
    const a = await signed("behind.test");
    const b = await signed("current.test");
    const c = await signed("withdrawn.test");
    await withdrawSignature(db, { userId: c.owner.id }, { organisationId: c.org.id, reason: "The board has not approved the signature yet." });
    const v1 = (await getLatestAccordVersion(db))!;
    const snapshot = parseAccordSnapshot(v1.content);
    const v2 = { ...snapshot, preamble: { ...snapshot.preamble, body: `${snapshot.preamble.body}\n\nRevised.` } };
    await insertAccordVersion(db, { number: 2, contentHash: hashAccordSnapshot(v2), changelog: "Revised the preamble.", content: v2, publishedAt: new Date() });
    await signAccord(db, { userId: b.owner.id }, await fullSignInput(db, b.org.id, { signerName: "Ada Lovelace", signerTitle: "Chief Executive" }));

    const latest = await getLatestAccordVersionNumber(db);
    expect(latest).toBe(2);
    const standing = await getStandingVersions(db, [a.org.id, b.org.id, c.org.id]);
    expect(Object.fromEntries(standing)).toEqual({ [a.org.id]: 1, [b.org.id]: 2 });
    expect(reaffirmationFor({ status: "verified" }, standing.get(a.org.id), latest)).toEqual({
      signedVersion: 1,
      latestVersion: 2,
      changedIn: [2],
    });
    expect(reaffirmationFor({ status: "verified" }, standing.get(b.org.id), latest)).toBeNull();
    expect(reaffirmationFor({ status: "verified" }, standing.get(c.org.id), latest)).toBeNull();
  });
});
