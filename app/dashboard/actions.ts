"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { getDb } from "@/db/client";
import { createAction } from "@/lib/actions/create-action";
import { publicDataChanged } from "@/lib/cache";
import { changeMember, joinOrganisation } from "@/lib/orgs/membership";
import { registerOrganisation } from "@/lib/orgs/register";
import { verifyByDns, verifyByEmailDomain } from "@/lib/orgs/verify";
import { memberChangeSchema, organisationActionSchema, organisationInputSchema } from "@/lib/validation/organisation";
import { dashboardPath, organisationDashboardPath } from "@/lib/paths";

export const registerOrganisationAction = createAction({
  schema: organisationInputSchema,
  async run(input, { user }) {
    const org = await registerOrganisation(await getDb(), { userId: user.id }, input);
    redirect(organisationDashboardPath(org.slug));
  },
});

export const verifyByEmailAction = createAction({
  schema: organisationActionSchema,
  async run({ organisationId }, { user }) {
    const org = await verifyByEmailDomain(await getDb(), { userId: user.id }, organisationId);
    publicDataChanged();
    // The proof form disappears once verified, so the confirmation travels with the page.
    redirect(`${organisationDashboardPath(org.slug)}?notice=verified`);
  },
});

export const checkDnsAction = createAction({
  schema: organisationActionSchema,
  async run({ organisationId }, { user }) {
    const result = await verifyByDns(await getDb(), { userId: user.id }, organisationId);
    if (result.verified) {
      publicDataChanged();
      redirect(`${organisationDashboardPath(result.slug)}?notice=verified`);
    }
    return { status: "error", message: result.message };
  },
});

export const joinOrganisationAction = createAction({
  schema: organisationActionSchema,
  async run({ organisationId }, { user }) {
    const org = await joinOrganisation(await getDb(), { userId: user.id }, organisationId);
    redirect(organisationDashboardPath(org.slug));
  },
});

export const changeMemberAction = createAction({
  schema: memberChangeSchema,
  async run(input, { user }) {
    await changeMember(await getDb(), { userId: user.id }, input);
    revalidatePath(dashboardPath, "layout");
    const done = { promote: "is now an owner", demote: "is now a member", remove: "was removed" }[input.change];
    return { status: "success", message: `Done: that person ${done}.` };
  },
});
