"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { getDb } from "@/db/client";
import { createAction } from "@/lib/actions/create-action";
import { acceptInvitation, inviteMember, revokeInvitation } from "@/lib/orgs/invitations";
import { decideJoinRequest, leaveOrganisation, requestToJoin } from "@/lib/orgs/membership";
import { acceptInvitationSchema, decideJoinRequestSchema, inviteMemberSchema, revokeInvitationSchema } from "@/lib/validation/membership";
import { organisationActionSchema } from "@/lib/validation/organisation";
import { dashboardPath, organisationDashboardPath } from "@/lib/paths";

export const requestToJoinAction = createAction({
  schema: organisationActionSchema,
  async run({ organisationId }, { user }) {
    const { organisation } = await requestToJoin(await getDb(), { userId: user.id }, organisationId);
    revalidatePath(dashboardPath);
    return { status: "success", message: `Asked. The owners of ${organisation.displayName} are told by email; you become a member when one of them approves.` };
  },
});

export const decideJoinRequestAction = createAction({
  schema: decideJoinRequestSchema,
  async run(input, { user }) {
    const { organisation } = await decideJoinRequest(await getDb(), { userId: user.id }, input);
    revalidatePath(dashboardPath, "layout");
    // The request leaves the list (and its form with it), so the outcome travels with the page.
    redirect(`${organisationDashboardPath(organisation.slug)}?notice=request-${input.decision === "approve" ? "approved" : "declined"}#members-heading`);
  },
});

export const inviteMemberAction = createAction({
  schema: inviteMemberSchema,
  async run(input, { user }) {
    const { invitation } = await inviteMember(await getDb(), { userId: user.id }, input);
    revalidatePath(dashboardPath, "layout");
    // The link itself is only in the mail: whoever reads this page cannot pass it on.
    return { status: "success", message: `Invitation sent to ${invitation.email}. The link works once, for 7 days.`, values: {} };
  },
});

export const revokeInvitationAction = createAction({
  schema: revokeInvitationSchema,
  async run(input, { user }) {
    const organisation = await revokeInvitation(await getDb(), { userId: user.id }, input);
    revalidatePath(dashboardPath, "layout");
    redirect(`${organisationDashboardPath(organisation.slug)}?notice=invitation-withdrawn#members-heading`);
  },
});

export const leaveOrganisationAction = createAction({
  schema: organisationActionSchema,
  async run({ organisationId }, { user }) {
    await leaveOrganisation(await getDb(), { userId: user.id }, organisationId);
    revalidatePath(dashboardPath, "layout");
    redirect(`${dashboardPath}?notice=left`);
  },
});

export const acceptInvitationAction = createAction({
  schema: acceptInvitationSchema,
  async run({ token }, { user }) {
    const org = await acceptInvitation(await getDb(), { userId: user.id }, token);
    revalidatePath(dashboardPath, "layout");
    redirect(`${organisationDashboardPath(org.slug)}?notice=joined`);
  },
});
