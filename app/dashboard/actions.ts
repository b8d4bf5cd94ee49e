"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { createAction } from "@/lib/actions/create-action";
import { publicDataChanged } from "@/lib/cache";
import { changeMember, joinOrganisation } from "@/lib/orgs/membership";
import { registerOrganisation } from "@/lib/orgs/register";
import { verifyByDns, verifyByEmailDomain } from "@/lib/orgs/verify";
import { memberChangeSchema, organisationActionSchema, organisationInputSchema } from "@/lib/validation/organisation";
import { dashboardPath, organisationDashboardPath } from "@/lib/paths";

export const registerOrganisationAction = createAction({
  schema: organisationInputSchema,
  async run(input, { actor, db }) {
    const org = await registerOrganisation(db, actor, input);
    redirect(organisationDashboardPath(org.slug));
  },
});

export const verifyByEmailAction = createAction({
  schema: organisationActionSchema,
  async run({ organisationId }, { actor, db }) {
    const org = await verifyByEmailDomain(db, actor, organisationId);
    publicDataChanged();
    // The proof form disappears once verified, so the confirmation travels with the page.
    redirect(`${organisationDashboardPath(org.slug)}?notice=verified`);
  },
});

export const checkDnsAction = createAction({
  schema: organisationActionSchema,
  async run({ organisationId }, { actor, db }) {
    const result = await verifyByDns(db, actor, organisationId);
    if (result.verified) {
      publicDataChanged();
      redirect(`${organisationDashboardPath(result.slug)}?notice=verified`);
    }
    return { status: "error", message: result.message };
  },
});

export const joinOrganisationAction = createAction({
  schema: organisationActionSchema,
  async run({ organisationId }, { actor, db }) {
    const org = await joinOrganisation(db, actor, organisationId);
    redirect(organisationDashboardPath(org.slug));
  },
});

export const changeMemberAction = createAction({
  schema: memberChangeSchema,
  async run(input, { actor, db }) {
    await changeMember(db, actor, input);
    revalidatePath(dashboardPath, "layout");
    const done = { promote: "is now an owner", demote: "is now a member", remove: "was removed" }[input.change];
    return { status: "success", message: `Done: that person ${done}.` };
  },
});
