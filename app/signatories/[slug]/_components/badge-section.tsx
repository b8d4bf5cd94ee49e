import type { PublicProfile } from "@/db/queries/profiles";
import { badgePath } from "@/lib/paths";
import { badgeSnippets } from "@/lib/badge/snippets";
import { badgeStateOf } from "@/lib/badge/status";
import { badgeSentence, badgeWidth } from "@/lib/badge/svg";
import { getEnv } from "@/lib/env";
import { BadgeSnippet } from "./badge-snippet";

/** The profile's live badge and the snippets an organisation pastes into its site or README. */
export function BadgeSection({ profile }: { profile: PublicProfile }) {
  const { organisation: org, activeSignatures, withdrawnSignatures } = profile;
  const state = badgeStateOf({
    name: org.name,
    status: org.status,
    activeVersion: activeSignatures[0]?.version ?? null,
    hasWithdrawnSignature: withdrawnSignatures.length > 0,
  });
  const snippets = badgeSnippets({ siteUrl: getEnv().siteUrl, slug: org.slug, name: org.name });
  return (
    <section aria-labelledby="badge-heading" className="mt-10">
      <h2 id="badge-heading" className="section-heading">
        Badge
      </h2>
      <p className="mt-2 text-sm text-muted">
        A live badge for {org.name}&apos;s website or README. It always shows the current status, so a withdrawal or suspension appears on it within minutes.
      </p>
      <p className="mt-4">
        {/* A tiny SVG served with its own caching: next/image would add nothing but a detour. */}
        {/* eslint-disable-next-line @next/next/no-img-element */}
        <img src={badgePath(org.slug)} alt={badgeSentence(state)} width={badgeWidth(state)} height={20} data-testid="profile-badge" />
      </p>
      <div className="mt-4 space-y-4">
        <BadgeSnippet label="HTML" code={snippets.html} />
        <BadgeSnippet label="Markdown" code={snippets.markdown} />
      </div>
    </section>
  );
}
