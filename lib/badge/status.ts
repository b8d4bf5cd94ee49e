/**
 * What a live badge says about an organisation. Unknown slugs and organisations that were never
 * public (pending, rejected) are all "not found", so a badge reveals nothing the profile would not.
 */
export type BadgeState =
  | { kind: "signed"; name: string; version: number }
  | { kind: "withdrawn"; name: string }
  | { kind: "suspended"; name: string }
  | { kind: "delisted"; name: string }
  | { kind: "unsigned"; name: string }
  | { kind: "not-found" };

export const notFoundBadge: BadgeState = { kind: "not-found" };

export type BadgeFacts = {
  name: string;
  status: "pending" | "verified" | "rejected" | "suspended" | "delisted";
  /** The newest accord version with a standing signature, if any. */
  activeVersion: number | null;
  hasWithdrawnSignature: boolean;
};

/** Moderation outranks signatures: a suspended signatory's badge must not keep saying "signed". */
export function badgeStateOf(facts: BadgeFacts | null): BadgeState {
  if (!facts || facts.status === "pending" || facts.status === "rejected") return notFoundBadge;
  const { name } = facts;
  if (facts.status === "suspended") return { kind: "suspended", name };
  if (facts.status === "delisted") return { kind: "delisted", name };
  if (facts.activeVersion !== null) return { kind: "signed", name, version: facts.activeVersion };
  return facts.hasWithdrawnSignature ? { kind: "withdrawn", name } : { kind: "unsigned", name };
}
