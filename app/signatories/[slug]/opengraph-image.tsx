import { notFound } from "next/navigation";
import { formatDate } from "@/lib/format/date";
import { renderShareImage, shareImageSize } from "@/components/share-image";
import { type PublicProfile, getPublicProfile } from "@/db/queries/profiles";
import { organisationSlugSchema } from "@/lib/validation/organisation";

export const alt = "An organisation's standing in the Tech Accord registry";
export const size = shareImageSize;
export const contentType = "image/png";

/** The card says what the profile says first: signed (and when), withdrawn, or under a moderator's sanction. */
function card({ organisation: org, activeSignatures, withdrawnSignatures }: PublicProfile): { title: string; footer: string } {
  const current = activeSignatures[0];
  if (org.status === "suspended")
    return { title: `${org.name} is suspended from the Tech Accord registry`, footer: `Suspended by a moderator · ${org.domain}` };
  if (org.status === "delisted") return { title: `${org.name} was delisted from the Tech Accord registry`, footer: `Delisted by a moderator · ${org.domain}` };
  if (current)
    return { title: `${org.name} signed the Tech Accord`, footer: `Version ${current.version}, signed ${formatDate(current.signedAt)} · ${org.domain}` };
  const withdrawn = withdrawnSignatures[0]?.withdrawal;
  if (withdrawn) return { title: `${org.name} withdrew from the Tech Accord`, footer: `Signature withdrawn ${formatDate(withdrawn.at)} · ${org.domain}` };
  return { title: `${org.name} has not signed the Tech Accord yet`, footer: `Identity proven · ${org.domain}` };
}

export default async function Image({ params }: { params: Promise<{ slug: string }> }) {
  const parsed = organisationSlugSchema.safeParse((await params).slug);
  const profile = parsed.success ? await getPublicProfile(parsed.data) : null;
  if (!profile) notFound();
  return renderShareImage({ eyebrow: "Tech Accord Registry · Signatories", ...card(profile) });
}
