import { z } from "zod";

/**
 * The public events the ledger records. Public fields only: no email address, user id or private
 * note ever goes into an entry, because entries can never be removed.
 */
const at = z.iso.datetime({ offset: false, message: "must be an RFC 3339 UTC time ending in Z" });
const sha256Hex = z.string().regex(/^[0-9a-f]{64}$/, "must be a lower-case hex SHA-256");
const text = (max: number) => z.string().trim().min(1).max(max);
const reason = z.string().trim().min(1).max(1000);

export const eventOrganisationSchema = z.strictObject({
  slug: z
    .string()
    .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/)
    .max(64),
  name: text(200),
  domain: z
    .string()
    .min(3)
    .max(253)
    .regex(/^[a-z0-9.-]+$/),
});

const orgEvent = <K extends string, S extends z.ZodRawShape>(kind: K, shape: S) =>
  z.strictObject({ kind: z.literal(kind), at, organisation: eventOrganisationSchema, ...shape });

export const ledgerEventSchema = z.discriminatedUnion("kind", [
  orgEvent("organisation.verified", { method: z.enum(["email_domain", "dns_txt", "moderator"]) }),
  orgEvent("organisation.suspended", { reason }),
  orgEvent("organisation.delisted", { reason }),
  orgEvent("organisation.reinstated", { reason }),
  z.strictObject({
    kind: z.literal("accord.published"),
    at,
    version: z.number().int().positive(),
    contentHash: sha256Hex,
    changelog: text(2000),
  }),
  orgEvent("accord.signed", {
    version: z.number().int().positive(),
    contentHash: sha256Hex,
    signer: z.strictObject({ name: text(200), title: text(200) }),
  }),
  orgEvent("signature.withdrawn", { version: z.number().int().positive(), reason }),
  orgEvent("commitment.registered", { commitmentId: z.uuid(), principle: text(80), contentHash: sha256Hex }),
  orgEvent("commitment.updated", { commitmentId: z.uuid(), principle: text(80), contentHash: sha256Hex }),
  orgEvent("progress.reported", { year: z.number().int().min(2000).max(2200), contentHash: sha256Hex }),
  orgEvent("progress.corrected", { year: z.number().int().min(2000).max(2200), revision: z.number().int().min(2), reason, contentHash: sha256Hex }),
  orgEvent("transparency.published", { period: z.string().regex(/^\d{4}-H[12]$/), revision: z.literal(1), contentHash: sha256Hex }),
  orgEvent("transparency.corrected", { period: z.string().regex(/^\d{4}-H[12]$/), revision: z.number().int().min(2), reason, contentHash: sha256Hex }),
  // Public concerns (lib/concerns): the moderator-approved text's hash, the signatory's response, the outcome.
  orgEvent("concern.admitted", { concernId: z.uuid(), principle: text(80), contentHash: sha256Hex }),
  orgEvent("concern.responded", { concernId: z.uuid(), contentHash: sha256Hex }),
  orgEvent("concern.resolved", { concernId: z.uuid(), outcome: z.enum(["upheld", "not_upheld", "withdrawn"]), reason }),
]);

export type LedgerEvent = z.infer<typeof ledgerEventSchema>;
export type LedgerEventKind = LedgerEvent["kind"];

/** One sentence for people, used by the ledger pages and profiles. */
export function describeEvent(event: LedgerEvent): string {
  switch (event.kind) {
    case "organisation.verified":
      return `${event.organisation.name} proved it controls ${event.organisation.domain} (${{ email_domain: "work email at the domain", dns_txt: "DNS TXT record", moderator: "moderator review" }[event.method]}).`;
    case "organisation.suspended":
      return `${event.organisation.name} was suspended: ${event.reason}`;
    case "organisation.delisted":
      return `${event.organisation.name} was delisted: ${event.reason}`;
    case "organisation.reinstated":
      return `${event.organisation.name} was reinstated: ${event.reason}`;
    case "accord.published":
      return `Version ${event.version} of the accord was published.`;
    case "accord.signed":
      return `${event.organisation.name} signed version ${event.version} of the accord (signed by ${event.signer.name}, ${event.signer.title}).`;
    case "signature.withdrawn":
      return `${event.organisation.name} withdrew its signature of version ${event.version}: ${event.reason}`;
    case "commitment.registered":
      return `${event.organisation.name} registered a commitment under "${event.principle}".`;
    case "commitment.updated":
      return `${event.organisation.name} updated a commitment under "${event.principle}".`;
    case "progress.reported":
      return `${event.organisation.name} published its progress report for ${event.year}.`;
    case "progress.corrected":
      return `${event.organisation.name} corrected its progress report for ${event.year} (revision ${event.revision}): ${event.reason}`;
    case "transparency.published":
      return `${event.organisation.name} published its transparency report on government requests for ${event.period}.`;
    case "transparency.corrected":
      return `${event.organisation.name} corrected its transparency report for ${event.period} (revision ${event.revision}): ${event.reason}`;
    case "concern.admitted":
      return `A moderator admitted a public concern that ${event.organisation.name} acted against "${event.principle}".`;
    case "concern.responded":
      return `${event.organisation.name} responded to a public concern.`;
    case "concern.resolved":
      return event.outcome === "withdrawn"
        ? `A public concern about ${event.organisation.name} was withdrawn by its submitter.`
        : `A public concern about ${event.organisation.name} was ${event.outcome === "upheld" ? "upheld" : "not upheld"}: ${event.reason}`;
  }
}
