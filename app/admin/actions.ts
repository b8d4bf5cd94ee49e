"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
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
    // The decided organisation leaves the queue with its form, so the confirmation rides on the URL.
    redirect(`/admin?notice=approved&org=${org.slug}`);
  },
});

export const rejectOrganisationAction = createAction({
  schema: rejectSchema,
  async run(input, { user }) {
    const org = await rejectOrganisation(await getDb(), { userId: user.id }, input);
    redirect(`/admin?notice=rejected&org=${org.slug}`);
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
