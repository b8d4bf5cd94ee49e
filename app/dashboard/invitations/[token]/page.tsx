import Link from "next/link";
import { ActionForm } from "@/components/forms/action-form";
import { getDb } from "@/db/client";
import { getMembership } from "@/db/queries/organisations";
import { requireUser } from "@/lib/auth/session";
import { getInvitationPreview, invitationTokenPattern, maskEmail } from "@/lib/orgs/invitations";
import { acceptInvitationAction } from "../../membership-actions";
import { dashboardPath, invitationPath, organisationDashboardPath } from "@/lib/paths";
import { formatTime } from "@/lib/format/date";

// The token is a secret in the URL: never index it, never send it on as a Referer.
export const metadata = { title: "Invitation · Dashboard", robots: { index: false }, referrer: "no-referrer" as const };

function Notice({ title, children }: { title: string; children: React.ReactNode }) {
  return (
    <div role="status" className="mt-6 rounded-md border border-ink-300 px-5 py-4 dark:border-ink-700">
      <h2 className="font-semibold">{title}</h2>
      <div className="mt-2 text-ink-700 dark:text-ink-200">{children}</div>
    </div>
  );
}

export default async function InvitationPage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const valid = invitationTokenPattern.test(token);
  // Accepting needs a session: signing in comes back here.
  const user = await requireUser(valid ? invitationPath(token) : dashboardPath);
  const db = await getDb();
  const invitation = valid ? await getInvitationPreview(db, token) : null;
  const isMember = invitation ? (await getMembership(db, invitation.organisation.id, user.id)) !== null : false;
  const forMe = invitation !== null && user.email.toLowerCase() === invitation.email;

  return (
    <div className="mx-auto max-w-2xl px-4 py-12 sm:px-6">
      <nav aria-label="Breadcrumb" className="text-sm text-ink-500 dark:text-ink-400">
        <Link href={dashboardPath} className="hover:underline">
          Dashboard
        </Link>{" "}
        / Invitation
      </nav>
      <h1 className="mt-3 font-serif text-4xl font-semibold tracking-tight">{invitation ? `Join ${invitation.organisation.displayName}` : "Invitation"}</h1>

      {!invitation ? (
        <Notice title="This invitation link is not valid">
          <p>Check that you opened the whole link from the email, or ask an owner of the organisation to invite you again.</p>
        </Notice>
      ) : isMember ? (
        <Notice title={`You are a member of ${invitation.organisation.displayName}`}>
          <p>
            <Link href={organisationDashboardPath(invitation.organisation.slug)} className="font-semibold underline">
              Open its dashboard
            </Link>
          </p>
        </Notice>
      ) : invitation.state === "accepted" ? (
        <Notice title="This invitation was already used">
          <p>Each link works once. Ask an owner of {invitation.organisation.displayName} for a new one if you still need it.</p>
        </Notice>
      ) : invitation.state === "withdrawn" ? (
        <Notice title="This invitation was withdrawn">
          <p>An owner of {invitation.organisation.displayName} withdrew it or sent a newer one. Use the newest email, or ask them again.</p>
        </Notice>
      ) : invitation.state === "expired" ? (
        <Notice title="This invitation has expired">
          <p>
            It worked until {formatTime(invitation.expiresAt)}. Ask an owner of {invitation.organisation.displayName} for a new one.
          </p>
        </Notice>
      ) : !forMe ? (
        <Notice title="This invitation is for someone else">
          <p>
            It was sent to {maskEmail(invitation.email)}, and you are signed in as {user.email}. Sign out, then sign in with the invited address and open the
            link again.
          </p>
        </Notice>
      ) : (
        <section aria-labelledby="accept-heading" className="mt-6 rounded-md border border-ink-200 p-6 dark:border-ink-800">
          <h2 id="accept-heading" className="font-serif text-xl font-semibold">
            You are invited to join {invitation.organisation.displayName} ({invitation.organisation.primaryDomain})
          </h2>
          <p className="mt-2 text-muted">
            As a member you can register and update the organisation&apos;s commitments. Owners sign the accord, publish reports and manage members. The
            invitation works once, until {formatTime(invitation.expiresAt)}.
          </p>
          <div className="mt-4">
            <ActionForm action={acceptInvitationAction} hidden={{ token }} submitLabel="Accept the invitation" pendingLabel="Joining…" />
          </div>
        </section>
      )}
    </div>
  );
}
