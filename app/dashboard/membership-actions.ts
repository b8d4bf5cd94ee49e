"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { createAction } from "@/lib/actions/create-action";
import { acceptInvitation, inviteMember, revokeInvitation } from "@/lib/orgs/invitations";
import { decideJoinRequest, leaveOrganisation, requestToJoin } from "@/lib/orgs/membership";
import { acceptInvitationSchema, decideJoinRequestSchema, inviteMemberSchema, revokeInvitationSchema } from "@/lib/validation/membership";
import { organisationActionSchema } from "@/lib/validation/organisation";
import { dashboardPath, organisationDashboardPath } from "@/lib/paths";

export const requestToJoinAction = createAction({
  schema: organisationActionSchema,
  async run({ organisationId }, { actor, db }) {
    const { organisation } = await requestToJoin(db, actor, organisationId);
    revalidatePath(dashboardPath);
    return { status: "success", message: `Asked. The owners of ${organisation.displayName} are told by email; you become a member when one of them approves.` };
  },
});

export const decideJoinRequestAction = createAction({
  schema: decideJoinRequestSchema,
  async run(input, { actor, db }) {
    const { organisation } = await decideJoinRequest(db, actor, input);
    revalidatePath(dashboardPath, "layout");
    // The request leaves the list (and its form with it), so the outcome travels with the page.
    redirect(`${organisationDashboardPath(organisation.slug)}?notice=request-${input.decision === "approve" ? "approved" : "declined"}#members-heading`);
  },
});

export const inviteMemberAction = createAction({
  schema: inviteMemberSchema,
  async run(input, { actor, db }) {
    const { invitation } = await inviteMember(db, actor, input);
    revalidatePath(dashboardPath, "layout");
    // The link itself is only in the mail: whoever reads this page cannot pass it on.
    return { status: "success", message: `Invitation sent to ${invitation.email}. The link works once, for 7 days.`, values: {} };
  },
});

export const revokeInvitationAction = createAction({
  schema: revokeInvitationSchema,
  async run(input, { actor, db }) {
    const organisation = await revokeInvitation(db, actor, input);
    revalidatePath(dashboardPath, "layout");
    redirect(`${organisationDashboardPath(organisation.slug)}?notice=invitation-withdrawn#members-heading`);
  },
});

export const leaveOrganisationAction = createAction({
  schema: organisationActionSchema,
  async run({ organisationId }, { actor, db }) {
    await leaveOrganisation(db, actor, organisationId);
    revalidatePath(dashboardPath, "layout");
    redirect(`${dashboardPath}?notice=left`);
  },
});

export const acceptInvitationAction = createAction({
  schema: acceptInvitationSchema,
  async run({ token }, { actor, db }) {
    const org = await acceptInvitation(db, actor, token);
    revalidatePath(dashboardPath, "layout");
    redirect(`${organisationDashboardPath(org.slug)}?notice=joined`);
  },
});
