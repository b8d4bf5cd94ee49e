import { z } from "zod";
import { organisationIdSchema } from "./organisation";

/** An address to invite: trimmed and lower-cased, so one person is one invitation. */
export const invitationEmailSchema = z
  .string()
  .trim()
  .toLowerCase()
  .max(254, "must be at most 254 characters")
  .pipe(z.email("must be an email address, such as carol@example.org"));

export const inviteMemberSchema = z.object({ organisationId: organisationIdSchema, email: invitationEmailSchema });

export const revokeInvitationSchema = z.object({ organisationId: organisationIdSchema, invitationId: z.uuid("is not a valid invitation") });

export const decideJoinRequestSchema = z.object({
  organisationId: organisationIdSchema,
  requestId: z.uuid("is not a valid request"),
  decision: z.enum(["approve", "decline"], { message: "must be approve or decline" }),
});

export const acceptInvitationSchema = z.object({ token: z.string().regex(/^[A-Za-z0-9_-]{43}$/, "is not a valid invitation link") });
