import { describe, expect, it } from "vitest";
import { type Action, type Actor, actions, can, decide, permissions, refusalMessage } from "@/lib/permissions";

const owner: Actor = { organisationRole: "owner", siteRole: "member" };
const member: Actor = { organisationRole: "member", siteRole: "member" };
const outsider: Actor = { organisationRole: null, siteRole: "member" };
const editor: Actor = { organisationRole: null, siteRole: "editor" };
const moderator: Actor = { organisationRole: null, siteRole: "moderator" };
const admin: Actor = { organisationRole: null, siteRole: "admin" };
const moderatorMember: Actor = { organisationRole: "member", siteRole: "moderator" };
const adminOwner: Actor = { organisationRole: "owner", siteRole: "admin" };

const who = { owner, member, outsider, editor, moderator, admin, moderatorMember, adminOwner };

/** The whole table, written out: a change to who may do what must change this test too. */
const expected: Record<Action, (keyof typeof who)[]> = {
  sign: ["owner", "adminOwner"],
  reaffirm: ["owner", "adminOwner"],
  withdraw: ["owner", "adminOwner"],
  publishReport: ["owner", "adminOwner"],
  publishTransparency: ["owner", "adminOwner"],
  correctReport: ["owner", "adminOwner"],
  draftReport: ["owner", "member", "moderatorMember", "adminOwner"],
  editOrganisation: ["owner", "adminOwner"],
  manageMembers: ["owner", "adminOwner"],
  inviteMember: ["owner", "adminOwner"],
  decideJoinRequest: ["owner", "adminOwner"],
  registerCommitment: ["owner", "member", "moderatorMember", "adminOwner"],
  updateCommitment: ["owner", "member", "moderatorMember", "adminOwner"],
  proveDomain: ["owner", "member", "moderatorMember", "adminOwner"],
  viewMembers: ["owner", "member", "moderatorMember", "adminOwner"],
  approve: ["moderator", "admin"],
  reject: ["moderator", "admin"],
  release: ["moderator", "admin"],
  suspend: ["moderator", "admin"],
  delist: ["moderator", "admin"],
  reinstate: ["moderator", "admin"],
  moderateConcern: ["moderator", "admin"],
  respondToConcern: ["owner", "adminOwner"],
};

describe("the permissions table", () => {
  it("names every action once, and the expectations cover them all", () => {
    expect([...actions].sort()).toEqual(Object.keys(expected).sort());
  });

  it.each(actions)("%s: exactly the expected people may", (action) => {
    const allowed = Object.entries(who)
      .filter(([, actor]) => can(action, actor))
      .map(([name]) => name);
    expect(allowed.sort()).toEqual([...expected[action]].sort());
  });

  it("a moderator or admin who belongs to the organisation is refused moderation with its own reason", () => {
    for (const action of ["approve", "reject", "release", "suspend", "delist", "reinstate"] as const) {
      expect(decide(action, moderatorMember)).toEqual({ allowed: false, reason: "own-organisation" });
      expect(decide(action, adminOwner)).toEqual({ allowed: false, reason: "own-organisation" });
      expect(decide(action, member)).toEqual({ allowed: false, reason: "role" });
    }
  });

  it("moderation is for site roles only, and nothing else is", () => {
    for (const action of actions) {
      const rule = permissions[action];
      expect(rule.organisation.length === 0, action).toBe(rule.site.length > 0);
    }
  });

  it("refusals say who may, and why a moderator may not", () => {
    expect(refusalMessage("sign", "role", "Charlie")).toBe("Only owners of Charlie can sign the accord.");
    expect(refusalMessage("registerCommitment", "role", "Charlie")).toBe("Only members of Charlie can register commitments.");
    expect(refusalMessage("suspend", "role", "Charlie")).toBe("Only moderators can suspend an organisation.");
    expect(refusalMessage("suspend", "own-organisation", "Charlie")).toBe("You belong to Charlie; another moderator must decide.");
  });
});
