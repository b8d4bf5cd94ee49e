/**
 * Who may do what to an organisation: the one permissions table. Every mutation in lib/ asks it
 * (through `loadForActor` in lib/orgs/access.ts) and the dashboard asks it to decide which buttons
 * to show, so the rule and the interface never disagree. Pure: no I/O.
 *
 * An action is allowed by a role in the organisation (owner, member) or by a site role
 * (moderator, admin). Site roles act from outside: a moderator who belongs to the organisation
 * never moderates it, because one person would then be both party and judge.
 */

export type OrganisationRole = "owner" | "member";
export type SiteRole = "member" | "moderator" | "editor" | "admin";

type Rule = {
  /** Organisation roles that may do it. */
  readonly organisation: readonly OrganisationRole[];
  /** Site roles that may do it, on organisations they do not belong to. */
  readonly site: readonly SiteRole[];
  /** What the action is, for refusals: "Only owners of X can <what>." */
  readonly what: string;
};

const owners = ["owner"] as const;
const everyone = ["owner", "member"] as const;
const moderators = ["moderator", "admin"] as const;

const forOwners = (what: string): Rule => ({ organisation: owners, site: [], what });
const forMembers = (what: string): Rule => ({ organisation: everyone, site: [], what });
const forModerators = (what: string): Rule => ({ organisation: [], site: moderators, what });

export const permissions = {
  // The organisation's word in public: owners only.
  sign: forOwners("sign the accord"),
  reaffirm: forOwners("re-affirm the accord"),
  withdraw: forOwners("withdraw the signature"),
  publishReport: forOwners("publish the yearly report"),
  publishTransparency: forOwners("publish or correct transparency reports on government requests"),
  correctReport: forOwners("correct a published report"),
  editOrganisation: forOwners("edit the organisation's details"),
  // Who speaks for it: owners only.
  manageMembers: forOwners("manage members"),
  inviteMember: forOwners("invite colleagues"),
  decideJoinRequest: forOwners("approve or decline requests to join"),
  // The work itself: every member.
  registerCommitment: forMembers("register commitments"),
  updateCommitment: forMembers("update commitments"),
  // A report is written by whoever does the work; an owner reads the draft and publishes it.
  draftReport: forMembers("draft the yearly report"),
  proveDomain: forMembers("prove the organisation's domain"),
  viewMembers: forMembers("see the members"),
  // Moderation, from outside the organisation.
  approve: forModerators("approve an organisation"),
  reject: forModerators("reject an organisation"),
  release: forModerators("release a claim"),
  suspend: forModerators("suspend an organisation"),
  delist: forModerators("delist an organisation"),
  reinstate: forModerators("reinstate an organisation"),
  // Public concerns (lib/concerns): moderators decide from outside, owners answer for the organisation.
  moderateConcern: forModerators("handle a concern about an organisation"),
  respondToConcern: forOwners("respond to a public concern"),
} as const satisfies Record<string, Rule>;

export type Action = keyof typeof permissions;

export const actions = Object.keys(permissions) as Action[];

export type Actor = { organisationRole: OrganisationRole | null; siteRole: SiteRole };

export type Decision = { allowed: true } | { allowed: false; reason: "role" | "own-organisation" };

/** Whether `actor` may do `action` to one organisation, and if not, why. */
export function decide(action: Action, actor: Actor): Decision {
  const rule: Rule = permissions[action];
  if (actor.organisationRole && rule.organisation.includes(actor.organisationRole)) return { allowed: true };
  if (rule.site.includes(actor.siteRole)) {
    return actor.organisationRole ? { allowed: false, reason: "own-organisation" } : { allowed: true };
  }
  return { allowed: false, reason: "role" };
}

/** A site role that moderates (the admin page, the moderation actions, any organisation's dashboard read-only). */
export function isModeratorRole(siteRole: string | null | undefined): boolean {
  return (moderators as readonly string[]).includes(siteRole ?? "");
}

/** A site role that edits the accord's text in the studio. */
export function isEditorRole(siteRole: string | null | undefined): boolean {
  return siteRole === "editor" || siteRole === "admin";
}

/** For the interface: show a control only when the data layer would accept it. */
export function can(action: Action, actor: Actor): boolean {
  return decide(action, actor).allowed;
}

/** The sentence a refused actor reads. */
export function refusalMessage(action: Action, reason: "role" | "own-organisation", organisationName: string): string {
  const rule: Rule = permissions[action];
  if (reason === "own-organisation") return `You belong to ${organisationName}; another moderator must decide.`;
  const who = [
    ...rule.organisation.map((r) => (r === "owner" ? `owners of ${organisationName}` : `members of ${organisationName}`)),
    ...(rule.site.length > 0 ? ["moderators"] : []),
  ];
  // "owners and members" reads as "members": every owner is a member.
  const whoText = rule.organisation.length === 2 ? `members of ${organisationName}` : who.join(" or ");
  return `Only ${whoText} can ${rule.what}.`;
}
