import { ActionForm } from "@/components/forms/action-form";
import { InviteForm } from "./membership-forms";
import { getDb } from "@/db/client";
import { getOpenInvitations, getPendingJoinRequests } from "@/db/queries/membership";
import { getMembers } from "@/db/queries/organisations";
import type { Membership, Organisation } from "@/db/schema";
import type { CurrentUser } from "@/lib/auth/session";
import { can } from "@/lib/permissions";
import { changeMemberAction } from "../../../actions";
import { decideJoinRequestAction, leaveOrganisationAction, revokeInvitationAction } from "../../../membership-actions";
import { formatDate } from "@/lib/format/date";
import { OutcomeNotice } from "@/components/forms/outcome-notice";

function DateText({ date }: { date: Date }) {
  return <time dateTime={date.toISOString()}>{formatDate(date)}</time>;
}

/** Outcomes of actions whose form leaves the page with them, carried by `?notice=`. */
const notices: Record<string, (name: string) => string> = {
  joined: (name) => `Welcome: you are now a member of ${name}.`,
  "request-approved": () => "Request approved: they are now a member, and everyone was told by email.",
  "request-declined": () => "Request declined: they are not a member.",
  "invitation-withdrawn": () => "Invitation withdrawn: its link no longer works.",
};

const listClass = "mt-4 divide-y divide-ink-200 rounded-md border border-ink-200 dark:divide-ink-800 dark:border-ink-800";
const emptyClass = "mt-4 rounded-md border border-dashed border-ink-300 p-4 text-ink-600 dark:border-ink-700 dark:text-ink-300";

/**
 * Who belongs to the organisation and how people join it: the members (owners change roles and
 * remove), requests to join from subdomain addresses (owners decide), invitations (owners send
 * and withdraw) and leaving. Controls show only where the permissions table allows them, the same
 * table the data layer enforces.
 */
export async function MembersPanel({
  organisation: org,
  user,
  membership,
  notice,
}: {
  organisation: Organisation;
  user: CurrentUser;
  membership: Membership | null;
  notice?: string | string[];
}) {
  const actor = { organisationRole: membership?.role ?? null, siteRole: user.siteRole };
  const established = org.status !== "pending" && org.status !== "rejected";
  const mayManage = can("manageMembers", actor);
  const mayDecide = can("decideJoinRequest", actor) && established;
  const mayInvite = can("inviteMember", actor) && established;
  const db = await getDb();
  const [members, requests, invitations] = await Promise.all([
    getMembers(db, org.id),
    mayDecide ? getPendingJoinRequests(db, org.id) : Promise.resolve([]),
    mayInvite ? getOpenInvitations(db, org.id, new Date()) : Promise.resolve([]),
  ]);
  const owners = members.filter((m) => m.role === "owner").length;
  const lastOwner = membership?.role === "owner" && owners <= 1;

  return (
    <section aria-labelledby="members-heading" className="mt-10">
      <h2 id="members-heading" className="section-heading">
        Members
      </h2>
      {typeof notice === "string" && membership && notices[notice] ? (
        <OutcomeNotice className="mt-4 rounded-md bg-accord-50 px-4 py-3 font-medium text-accord-800 dark:bg-accord-800/40 dark:text-accord-100">
          {notices[notice](org.displayName)}
        </OutcomeNotice>
      ) : null}
      <p className="mt-2 text-muted">
        Owners sign, re-affirm and withdraw, publish the yearly report and manage members. Members register and update commitments.
      </p>
      <ul className={listClass}>
        {members.map((m) => (
          <li key={m.userId} className="flex flex-wrap items-center justify-between gap-3 px-4 py-3">
            <div>
              <p className="font-medium">
                {m.email}
                {m.userId === user.id ? <span className="font-normal text-muted"> (you)</span> : null}
              </p>
              <p className="text-sm text-muted">{m.role}</p>
            </div>
            {mayManage && m.userId !== user.id ? (
              <div className="flex flex-wrap gap-2">
                <ActionForm
                  action={changeMemberAction}
                  hidden={{ organisationId: org.id, userId: m.userId, change: m.role === "owner" ? "demote" : "promote" }}
                  submitLabel={m.role === "owner" ? "Make member" : "Make owner"}
                  tone="secondary"
                  className="flex items-center gap-2"
                />
                <ActionForm
                  action={changeMemberAction}
                  hidden={{ organisationId: org.id, userId: m.userId, change: "remove" }}
                  submitLabel="Remove"
                  tone="danger"
                  className="flex items-center gap-2"
                />
              </div>
            ) : null}
          </li>
        ))}
      </ul>
      <p className="mt-2 text-sm text-muted">
        Colleagues who sign in with a confirmed address at {org.primaryDomain} can join from their dashboard. Addresses at its subdomains ask to join, and an
        owner decides. Anyone else needs an owner&apos;s invitation.
      </p>

      {membership ? (
        <div className="mt-4">
          {lastOwner ? (
            <p className="text-sm text-muted">You are the only owner of {org.displayName}: make someone else an owner before you can leave.</p>
          ) : (
            <ActionForm
              action={leaveOrganisationAction}
              hidden={{ organisationId: org.id }}
              submitLabel={`Leave ${org.displayName}`}
              pendingLabel="Leaving…"
              tone="danger"
            />
          )}
        </div>
      ) : null}

      {mayDecide ? (
        <div className="mt-8">
          <h3 id="requests-heading" className="text-lg font-semibold">
            Requests to join
          </h3>
          {requests.length === 0 ? (
            <p className={emptyClass}>Nobody is waiting to join.</p>
          ) : (
            <ul aria-labelledby="requests-heading" className={listClass}>
              {requests.map((r) => (
                <li key={r.id} className="flex flex-wrap items-center justify-between gap-3 px-4 py-3">
                  <div>
                    <p className="font-medium">{r.email}</p>
                    <p className="text-sm text-muted">
                      asked on <DateText date={r.createdAt} />
                    </p>
                  </div>
                  <div className="flex flex-wrap gap-2">
                    <ActionForm
                      action={decideJoinRequestAction}
                      hidden={{ organisationId: org.id, requestId: r.id, decision: "approve" }}
                      submitLabel={`Approve ${r.email}`}
                      pendingLabel="Approving…"
                      tone="secondary"
                      className="flex items-center gap-2"
                    />
                    <ActionForm
                      action={decideJoinRequestAction}
                      hidden={{ organisationId: org.id, requestId: r.id, decision: "decline" }}
                      submitLabel={`Decline ${r.email}`}
                      pendingLabel="Declining…"
                      tone="danger"
                      className="flex items-center gap-2"
                    />
                  </div>
                </li>
              ))}
            </ul>
          )}
        </div>
      ) : null}

      {mayInvite ? (
        <div className="mt-8">
          <h3 id="invite-heading" className="text-lg font-semibold">
            Invite a colleague
          </h3>
          <div className="mt-3 max-w-xl">
            <InviteForm organisationId={org.id} />
          </div>
          <h4 id="invitations-heading" className="mt-6 font-semibold">
            Open invitations
          </h4>
          {invitations.length === 0 ? (
            <p className={emptyClass}>No open invitations.</p>
          ) : (
            <ul aria-labelledby="invitations-heading" className={listClass}>
              {invitations.map((i) => (
                <li key={i.id} className="flex flex-wrap items-center justify-between gap-3 px-4 py-3">
                  <div>
                    <p className="font-medium">{i.email}</p>
                    <p className="text-sm text-muted">
                      sent <DateText date={i.createdAt} />
                      {i.invitedBy ? ` by ${i.invitedBy}` : ""}, works until <DateText date={i.expiresAt} />
                    </p>
                  </div>
                  <ActionForm
                    action={revokeInvitationAction}
                    hidden={{ organisationId: org.id, invitationId: i.id }}
                    submitLabel={`Withdraw invitation to ${i.email}`}
                    pendingLabel="Withdrawing…"
                    tone="secondary"
                    className="flex items-center gap-2"
                  />
                </li>
              ))}
            </ul>
          )}
        </div>
      ) : can("inviteMember", actor) ? (
        <p className="mt-6 text-sm text-muted">Invitations and requests to join open once {org.displayName} has proven its domain.</p>
      ) : null}
    </section>
  );
}
