import "server-only";
import type { DbOrTx } from "@/db/client";
import { getLatestAccordVersion } from "@/db/queries/accord";
import { getMembership, getOrganisationById } from "@/db/queries/organisations";
import { getActiveSignature, insertSignature } from "@/db/queries/signatures";
import { AppError } from "@/lib/errors";

export type SignInput = { organisationId: string; signerName: string; signerTitle: string };

/** An owner of a verified organisation signs the latest accord version, bound to its content hash. */
export async function signAccord(tx: DbOrTx, actor: { userId: string }, input: SignInput, options: { now?: Date } = {}) {
  const [org, membership, version] = await Promise.all([
    getOrganisationById(tx, input.organisationId),
    getMembership(tx, input.organisationId, actor.userId),
    getLatestAccordVersion(tx),
  ]);
  if (!org) throw new AppError("not_found", "No such organisation.");
  if (membership?.role !== "owner") throw new AppError("forbidden", "Only an owner of the organisation can sign for it.");
  if (org.status !== "verified") throw new AppError("forbidden", "The organisation must be verified before it can sign.");
  if (!version) throw new AppError("unavailable", "The accord has not been published yet.");
  if (await getActiveSignature(tx, org.id, version.number)) {
    throw new AppError("conflict", `${org.displayName} has already signed version ${version.number}.`);
  }
  return insertSignature(tx, {
    organisationId: org.id,
    accordVersion: version.number,
    contentHash: version.contentHash,
    signerName: input.signerName,
    signerTitle: input.signerTitle,
    signedBy: actor.userId,
    signedAt: options.now ?? new Date(),
  });
}
