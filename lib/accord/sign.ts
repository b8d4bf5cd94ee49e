import "server-only";
import type { DbOrTx } from "@/db/client";
import { getLatestAccordVersion } from "@/db/queries/accord";
import { getMembership, getOrganisationById } from "@/db/queries/organisations";
import { getActiveSignature, insertSignature } from "@/db/queries/signatures";
import { AppError } from "@/lib/errors";
import { appendEvent } from "@/lib/ledger/log";
import { publicOrganisation } from "@/lib/orgs/public";

export type SignInput = { organisationId: string; signerName: string; signerTitle: string };

/**
 * An owner of a verified organisation signs the latest accord version, bound to its content
 * hash; the signature and its log entry commit together.
 */
export async function signAccord(db: DbOrTx, actor: { userId: string }, input: SignInput, options: { now?: Date } = {}) {
  return db.transaction(async (tx) => {
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
    const signature = await insertSignature(tx, {
      organisationId: org.id,
      accordVersion: version.number,
      contentHash: version.contentHash,
      signerName: input.signerName,
      signerTitle: input.signerTitle,
      signedBy: actor.userId,
      signedAt: options.now ?? new Date(),
    });
    const entry = await appendEvent(tx, {
      kind: "accord.signed",
      at: signature.signedAt.toISOString(),
      organisation: publicOrganisation(org),
      version: version.number,
      contentHash: version.contentHash,
      signer: { name: signature.signerName, title: signature.signerTitle },
    });
    return { signature, ledgerIndex: entry.index };
  });
}
