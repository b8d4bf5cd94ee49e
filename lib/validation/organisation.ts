import { z } from "zod";
import { domainSchema } from "@/lib/orgs/domain";
import { countryName } from "./countries";
import { limitedText, requiredText } from "./limited-text";
import { textLimits } from "./text-limit";

export const sectors = [
  "cloud-and-hosting",
  "software",
  "hardware-and-devices",
  "telecommunications",
  "cybersecurity",
  "social-media-and-messaging",
  "finance-and-payments",
  "health-technology",
  "energy-and-utilities",
  "research-and-education",
  "non-profit",
  "other",
] as const;

export const sectorLabels: Record<(typeof sectors)[number], string> = {
  "cloud-and-hosting": "Cloud and hosting",
  software: "Software",
  "hardware-and-devices": "Hardware and devices",
  telecommunications: "Telecommunications",
  cybersecurity: "Cybersecurity",
  "social-media-and-messaging": "Social media and messaging",
  "finance-and-payments": "Finance and payments",
  "health-technology": "Health technology",
  "energy-and-utilities": "Energy and utilities",
  "research-and-education": "Research and education",
  "non-profit": "Non-profit",
  other: "Other",
};

export type Sector = (typeof sectors)[number];

/** The name shown for a stored country code or sector: its English name, or the value itself if unknown. */
export const countryLabel = (code: string) => countryName(code) ?? code;
export const sectorLabel = (sector: string) => sectorLabels[sector as Sector] ?? sector;

export const countryCodeSchema = z
  .string({ message: "Choose a country" })
  .trim()
  .toUpperCase()
  .min(1, "Choose a country")
  .refine((c) => countryName(c) !== undefined, "must be an ISO 3166-1 country code, such as DE or KE");

export const organisationSlugSchema = z
  .string()
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, "must be lower-case letters, digits and hyphens")
  .min(2)
  .max(64);

/**
 * What is wrong with a web address that must be https: the scheme named when it is another one, so
 * "http://…" is told to use https rather than that it is not an address.
 */
export function httpsAddressProblem(value: string): string | undefined {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return /^[a-z][a-z0-9+.-]*:/i.test(value) ? "is not a web address" : "must start with https://";
  }
  if (url.protocol === "http:") return "must start with https://, not http://";
  if (url.protocol !== "https:") return `must be an https:// address, not ${url.protocol}`;
  if (!url.hostname.includes(".")) return "is not a web address: the domain is incomplete";
  if (url.username || url.password) return "must not contain a user name or password";
  return undefined;
}

export const organisationInputSchema = z.object({
  legalName: requiredText(textLimits.legalName, "Enter the organisation's legal name"),
  displayName: requiredText(textLimits.displayName, "Enter the name the registry should show"),
  primaryDomain: domainSchema,
  website: z.preprocess(
    (v) => (v === "" ? undefined : v),
    z
      .string()
      .trim()
      .max(300, "is too long: at most 300 characters")
      .superRefine((value, ctx) => {
        const problem = httpsAddressProblem(value);
        if (problem) ctx.addIssue({ code: "custom", message: problem });
      })
      .optional(),
  ),
  country: countryCodeSchema,
  sector: z.preprocess(
    (v) => (v === "" ? undefined : v),
    z.enum(sectors, { error: (issue) => (issue.input === undefined ? "Choose a sector" : "must be one of the listed sectors") }),
  ),
  description: limitedText(textLimits.organisationDescription),
});

export type OrganisationInput = z.input<typeof organisationInputSchema>;

export const organisationIdSchema = z.uuid("is not a valid organisation");

export const organisationActionSchema = z.object({ organisationId: organisationIdSchema });

export const memberChangeSchema = z.object({
  organisationId: organisationIdSchema,
  userId: z.string().min(1).max(100),
  change: z.enum(["promote", "demote", "remove"]),
});

const publicReason = (limit: { min: number; max: number }) =>
  limitedText(limit, { tooShort: `must be at least ${limit.min} characters: it is shown to the organisation` });

export const approveSchema = z.object({ organisationId: organisationIdSchema, note: publicReason(textLimits.approvalNote) });
export const rejectSchema = z.object({ organisationId: organisationIdSchema, reason: publicReason(textLimits.moderationReason) });
/** Releasing a claim frees its domain; the reason is shown to the claimant. */
export const releaseSchema = z.object({ organisationId: organisationIdSchema, reason: publicReason(textLimits.moderationReason) });

export const siteRoleSchema = z.object({
  userId: z.string().min(1).max(100),
  role: z.enum(["member", "moderator", "editor", "admin"], { message: "must be member, moderator, editor or admin" }),
  reason: limitedText(textLimits.siteRoleReason),
});

export const moderationChanges = ["suspend", "delist", "reinstate"] as const;

export const moderateSchema = z.object({
  organisationId: organisationIdSchema,
  change: z.enum(moderationChanges, { message: "must be suspend, delist or reinstate" }),
  reason: publicReason(textLimits.moderationReason),
});

export type ModerateInput = z.output<typeof moderateSchema>;
