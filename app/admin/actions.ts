"use server";

import { revalidatePath } from "next/cache";
import { getDb } from "@/db/client";
import { createAction } from "@/lib/actions/create-action";
import { changeSiteRole } from "@/lib/auth/roles";
import { publicDataChanged } from "@/lib/cache";
import { approveOrganisation, rejectOrganisation } from "@/lib/orgs/moderation";
import { approveSchema, rejectSchema, siteRoleSchema } from "@/lib/validation/organisation";

export const approveOrganisationAction = createAction({
  schema: approveSchema,
  async run(input, { user }) {
    const org = await approveOrganisation(await getDb(), { userId: user.id }, input);
    publicDataChanged();
    revalidatePath("/admin");
    return { status: "success", message: `${org.displayName} is verified by moderator review.` };
  },
});

export const rejectOrganisationAction = createAction({
  schema: rejectSchema,
  async run(input, { user }) {
    const org = await rejectOrganisation(await getDb(), { userId: user.id }, input);
    revalidatePath("/admin");
    return { status: "success", message: `${org.displayName} was rejected.` };
  },
});

export const changeSiteRoleAction = createAction({
  schema: siteRoleSchema,
  async run(input, { user }) {
    const updated = await changeSiteRole(await getDb(), { userId: user.id }, input);
    revalidatePath("/admin");
    return { status: "success", message: `${updated?.email} is now ${input.role}.` };
  },
});
