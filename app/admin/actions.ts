"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { createAction } from "@/lib/actions/create-action";
import { changeSiteRole } from "@/lib/auth/roles";
import { publicDataChanged } from "@/lib/cache";
import { approveOrganisation, moderateOrganisation, rejectOrganisation, releaseClaim } from "@/lib/orgs/moderation";
import { approveSchema, moderateSchema, rejectSchema, releaseSchema, siteRoleSchema } from "@/lib/validation/organisation";
import { adminPath, organisationDashboardPath } from "@/lib/paths";

export const approveOrganisationAction = createAction({
  schema: approveSchema,
  async run(input, { actor, db }) {
    const org = await approveOrganisation(db, actor, input);
    publicDataChanged();
    // The decided organisation leaves the queue with its form, so the confirmation rides on the URL.
    redirect(`${adminPath}?notice=approved&org=${org.slug}`);
  },
});

export const rejectOrganisationAction = createAction({
  schema: rejectSchema,
  async run(input, { actor, db }) {
    const org = await rejectOrganisation(db, actor, input);
    redirect(`${adminPath}?notice=rejected&org=${org.slug}`);
  },
});

export const releaseClaimAction = createAction({
  schema: releaseSchema,
  async run(input, { actor, db }) {
    const org = await releaseClaim(db, actor, input);
    redirect(`${adminPath}?notice=released&org=${org.slug}`);
  },
});

const moderationNotice = { suspend: "suspended", delist: "delisted", reinstate: "reinstated" } as const;

export const moderateOrganisationAction = createAction({
  schema: moderateSchema,
  async run(input, { actor, db }) {
    const { organisation } = await moderateOrganisation(db, actor, input);
    publicDataChanged();
    revalidatePath(organisationDashboardPath(organisation.slug));
    // The organisation moves to another status tab and its form goes with it: follow it there.
    redirect(`${adminPath}?status=${organisation.status}&notice=${moderationNotice[input.change]}&org=${organisation.slug}`);
  },
});

export const changeSiteRoleAction = createAction({
  schema: siteRoleSchema,
  async run(input, { actor, db }) {
    const updated = await changeSiteRole(db, actor, input);
    revalidatePath(adminPath);
    return { status: "success", message: `${updated?.email} is now ${input.role}.` };
  },
});
