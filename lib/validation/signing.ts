import { z } from "zod";
import { organisationIdSchema } from "./organisation";

const person = (label: string) => z.string().trim().min(2, `${label} is required`).max(200, "must be at most 200 characters");

/**
 * The signing form. Each principle is affirmed by its own checkbox named `affirm-<slug>`; which
 * principles a version has is known only from the version itself, so the data layer checks that
 * every one of them was affirmed.
 */
export const signAccordSchema = z
  .looseObject({
    organisationId: organisationIdSchema,
    version: z.coerce.number({ message: "is not a version" }).int().positive(),
    signerName: person("Your full name"),
    signerTitle: person("Your job title"),
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
  reason: z.string().trim().min(20, "must be at least 20 characters: it is published with the withdrawal").max(1000, "must be at most 1000 characters"),
});

export type WithdrawInput = z.output<typeof withdrawSchema>;
