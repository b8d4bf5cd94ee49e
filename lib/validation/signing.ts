import { z } from "zod";
import { limitedText } from "./limited-text";
import { organisationIdSchema } from "./organisation";
import { textLimits } from "./text-limit";

const person = (label: string, limit: { min: number; max: number }) =>
  limitedText(limit, { required: `Enter ${label}`, tooShort: `must be at least ${limit.min} characters` });

/**
 * The signing form. Each principle is affirmed by its own checkbox named `affirm-<slug>`; which
 * principles a version has is known only from the version itself, so the data layer checks that
 * every one of them was affirmed.
 */
export const signAccordSchema = z
  .looseObject({
    organisationId: organisationIdSchema,
    version: z.coerce.number({ message: "is not a version" }).int().positive(),
    signerName: person("your full name", textLimits.signerName),
    signerTitle: person("your job title", textLimits.signerTitle),
    attestation: z.literal("on", { message: "You must confirm that you are authorised to sign for the organisation" }),
  })
  .transform(({ organisationId, version, signerName, signerTitle, ...rest }) => ({
    organisationId,
    version,
    signerName,
    signerTitle,
    affirmed: Object.entries(rest)
      .filter(([key, value]) => key.startsWith("affirm-") && value === "on")
      .map(([key]) => key.slice("affirm-".length)),
  }));

export type SignAccordInput = z.output<typeof signAccordSchema>;

export const withdrawSchema = z.object({
  organisationId: organisationIdSchema,
  reason: limitedText(textLimits.withdrawalReason, { tooShort: "must be at least 20 characters: it is published with the withdrawal" }),
});

export type WithdrawInput = z.output<typeof withdrawSchema>;
