"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { z } from "zod";
import { createAction } from "@/lib/actions/create-action";
import { changeSiteRole } from "@/lib/auth/roles";
import { publicDataChanged } from "@/lib/cache";
import { approveOrganisation, moderateOrganisation, rejectOrganisation, releaseClaim } from "@/lib/orgs/moderation";
import { approveSchema, moderateSchema, rejectSchema, releaseSchema, siteRoleSchema } from "@/lib/validation/organisation";
import { moderationReturnPath } from "@/lib/validation/moderation-query";
import { adminPath, organisationDashboardPath } from "@/lib/paths";

/*
 * Every moderation form posts the view it was on (`view`: the page's filters, search and page
 * position) and comes back to it with its own notice, so a moderator working through a filtered
 * queue stays in it, and each message replaces the last one rather than piling up beside it.
 */
const view = { view: z.string().max(2000).optional() };

export const approveOrganisationAction = createAction({
  schema: approveSchema.extend(view),
  async run(input, { actor, db }) {
    const org = await approveOrganisation(db, actor, input);
    publicDataChanged();
    // The decided organisation leaves the queue with its form, so the confirmation rides on the URL.
    redirect(moderationReturnPath(adminPath, input.view, { notice: "approved", org: org.slug }));
  },
});

export const rejectOrganisationAction = createAction({
  schema: rejectSchema.extend(view),
  async run(input, { actor, db }) {
    const org = await rejectOrganisation(db, actor, input);
    redirect(moderationReturnPath(adminPath, input.view, { notice: "rejected", org: org.slug }));
  },
});

export const releaseClaimAction = createAction({
  schema: releaseSchema.extend(view),
  async run(input, { actor, db }) {
    const org = await releaseClaim(db, actor, input);
    redirect(moderationReturnPath(adminPath, input.view, { notice: "released", org: org.slug }));
  },
});

const moderationNotice = { suspend: "suspended", delist: "delisted", reinstate: "reinstated" } as const;

export const moderateOrganisationAction = createAction({
  schema: moderateSchema.extend(view),
  async run(input, { actor, db }) {
    const { organisation } = await moderateOrganisation(db, actor, input);
    publicDataChanged();
    revalidatePath(organisationDashboardPath(organisation.slug));
    // The organisation moves to another status tab and its form goes with it: follow it there.
    redirect(moderationReturnPath(adminPath, input.view, { notice: moderationNotice[input.change], org: organisation.slug, status: organisation.status }));
  },
});

export const changeSiteRoleAction = createAction({
  schema: siteRoleSchema.extend(view),
  async run(input, { actor, db }) {
    const updated = await changeSiteRole(db, actor, input);
    revalidatePath(adminPath);
    // The message is shown beside the person, from the URL: a later action's address drops it.
    redirect(moderationReturnPath(adminPath, input.view, { notice: "role", user: updated?.id ?? input.userId }));
  },
});
