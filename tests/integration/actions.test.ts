import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { countOrganisations, getMembers, getOrganisationByDomain } from "@/db/queries/organisations";
import { initialActionState } from "@/lib/actions/action-state";
import { defineActions } from "@/lib/actions/define-actions";
import type { CurrentUser } from "@/lib/auth/session";
import { registerOrganisation } from "@/lib/orgs/register";
import { organisationInputSchema } from "@/lib/validation/organisation";
import { person } from "../support/people";
import { type Driver, drivers, getReadyDatabase, useFreshDatabase } from "./database";

function form(fields: Record<string, string>): FormData {
  const data = new FormData();
  for (const [key, value] of Object.entries(fields)) data.set(key, value);
  return data;
}

describe.each(drivers)("server actions run with one context on %s", (driver: Driver) => {
  let cleanup: () => Promise<void>;
  beforeAll(async () => {
    ({ cleanup } = await useFreshDatabase(driver, "production"));
  });
  afterAll(async () => {
    await cleanup();
  });

  /** The action as app/dashboard/actions.ts builds it, signed in as `user` on the test's database. */
  function registerAs(user: { id: string; email: string }) {
    const session: CurrentUser = { id: user.id, email: user.email, name: null, emailVerified: true, siteRole: "member" };
    const { createAction } = defineActions({ currentUser: async () => session, database: getReadyDatabase });
    return createAction({
      schema: organisationInputSchema,
      async run(input, { db, actor }) {
        const org = await registerOrganisation(db, actor, input);
        return { status: "success", message: org.slug };
      },
    });
  }

  const fields = { legalName: "Context Ltd", displayName: "Context", primaryDomain: "context.test", country: "FR", sector: "software" };

  it("acts as the signed-in user: the organisation is registered with them as its owner", async () => {
    const db = await getReadyDatabase();
    const owner = await person(db, "owner@context.test");
    const state = await registerAs(owner)(initialActionState, form(fields));
    expect(state.status).toBe("success");
    const org = await getOrganisationByDomain(db, "context.test");
    expect(org?.slug).toBe(state.message);
    expect((await getMembers(db, org!.id)).map((m) => ({ userId: m.userId, role: m.role }))).toEqual([{ userId: owner.id, role: "owner" }]);
  });

  it("answers a domain refusal with its message and field, refilling the form, and writes nothing", async () => {
    const db = await getReadyDatabase();
    const owner = await person(db, "owner@again.test");
    const again = { ...fields, primaryDomain: "again.test" };
    expect((await registerAs(owner)(initialActionState, form(again))).status).toBe("success");
    const before = await countOrganisations(db);
    const state = await registerAs(owner)(initialActionState, form({ ...again, displayName: "Twice" }));
    expect(state).toMatchObject({
      status: "error",
      message: "You already have an open claim to again.test: prove it from its page.",
      values: { ...again, displayName: "Twice" },
    });
    expect(state.fieldErrors).toHaveProperty("primaryDomain");
    expect(await countOrganisations(db)).toBe(before);
  });
});
