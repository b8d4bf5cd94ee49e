import { z } from "zod";
import { domainSchema } from "@/lib/orgs/domain";
import { countryCodes } from "./countries";

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

const regionNames = new Intl.DisplayNames(["en"], { type: "region" });

/** The English name of an ISO 3166-1 alpha-2 code, or undefined when the code is not assigned. */
export function countryName(code: string): string | undefined {
  return countryCodes.has(code) ? regionNames.of(code) : undefined;
}

/** The name shown for a stored country code or sector: its English name, or the value itself if unknown. */
export const countryLabel = (code: string) => countryName(code) ?? code;
export const sectorLabel = (sector: string) => sectorLabels[sector as Sector] ?? sector;

export const countryCodeSchema = z
  .string()
  .trim()
  .toUpperCase()
  .refine((c) => countryName(c) !== undefined, "must be an ISO 3166-1 country code, such as DE or KE");

export const organisationSlugSchema = z
  .string()
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, "must be lower-case letters, digits and hyphens")
  .min(2)
  .max(64);

const text = (max: number) => z.string().trim().min(1, "is required").max(max, `must be at most ${max} characters`);

export const organisationInputSchema = z.object({
  legalName: text(200),
  displayName: text(120),
  primaryDomain: domainSchema,
  website: z.preprocess(
    (v) => (v === "" ? undefined : v),
    z
      .url({ protocol: /^https$/, message: "must be an https:// address" })
      .max(300)
      .optional(),
  ),
  country: countryCodeSchema,
  sector: z.enum(sectors, { message: "must be one of the listed sectors" }),
  description: z.string().trim().max(1000, "must be at most 1000 characters").default(""),
});

export type OrganisationInput = z.input<typeof organisationInputSchema>;

export const organisationIdSchema = z.uuid("is not a valid organisation");

export const organisationActionSchema = z.object({ organisationId: organisationIdSchema });

export const memberChangeSchema = z.object({
  organisationId: organisationIdSchema,
  userId: z.string().min(1).max(100),
  change: z.enum(["promote", "demote", "remove"]),
});

const publicReason = (min: number) =>
  z.string().trim().min(min, `must be at least ${min} characters: it is shown to the organisation`).max(1000, "must be at most 1000 characters");

export const approveSchema = z.object({ organisationId: organisationIdSchema, note: publicReason(3) });
export const rejectSchema = z.object({ organisationId: organisationIdSchema, reason: publicReason(10) });
/** Releasing a claim frees its domain; the reason is shown to the claimant. */
export const releaseSchema = z.object({ organisationId: organisationIdSchema, reason: publicReason(10) });

export const siteRoleSchema = z.object({
  userId: z.string().min(1).max(100),
  role: z.enum(["member", "moderator", "editor", "admin"], { message: "must be member, moderator, editor or admin" }),
  reason: z.string().trim().max(500).default(""),
});

export const moderationChanges = ["suspend", "delist", "reinstate"] as const;

export const moderateSchema = z.object({
  organisationId: organisationIdSchema,
  change: z.enum(moderationChanges, { message: "must be suspend, delist or reinstate" }),
  reason: publicReason(10),
});

export type ModerateInput = z.output<typeof moderateSchema>;
