import "server-only";
import type { DbOrTx } from "@/db/client";
import { getLatestAccordVersion } from "@/db/queries/accord";
import { getActiveSignatures, insertSignature, updateSignature } from "@/db/queries/signatures";
import { isUniqueViolation } from "@/lib/db-errors";
import { AppError } from "@/lib/errors";
import { appendEvent } from "@/lib/ledger/io/log";
import { loadForActor } from "@/lib/orgs/access";
import { publicOrganisation } from "@/lib/orgs/public";
import type { SignAccordInput, WithdrawInput } from "@/lib/validation/signing";
import { parseAccordSnapshot } from "./version";
import { refreshSignatoryListing } from "@/db/queries/listings";
import { notifyOrganisation } from "@/lib/notifications/notify";
import { queueSignatureConfirmation } from "@/lib/notifications/signature";

/**
 * An owner of a verified organisation signs the latest accord version, bound to its content hash,
 * having affirmed every principle of that version. The signature and its log entry commit
 * together. Signing a newer version while an older one stands is the re-affirmation.
 */
export async function signAccord(db: DbOrTx, actor: { userId: string }, input: SignAccordInput, options: { now?: Date } = {}) {
  try {
    return await db.transaction(async (tx) => {
      const { org } = await loadForActor(tx, actor, input.organisationId, "sign");
      if (org.status !== "verified") {
        const why = { pending: "must prove its domain before it can sign", rejected: "was not accepted", suspended: "is suspended", delisted: "is delisted" }[
          org.status
        ];
        throw new AppError("forbidden", `${org.displayName} ${why}, so it cannot sign.`);
      }
      const version = await getLatestAccordVersion(tx);
      if (!version) throw new AppError("unavailable", "The accord has not been published yet.");
      if (input.version !== version.number) {
        throw new AppError(
          "conflict",
          `Version ${version.number} of the accord was published while you were reading version ${input.version}. Please read it and sign again.`,
        );
      }
      const snapshot = parseAccordSnapshot(version.content);
      const missing = snapshot.principles.filter((p) => !input.affirmed.includes(p.slug));
      if (missing.length > 0) {
        const fields = Object.fromEntries(missing.map((p) => [`affirm-${p.slug}`, "must be affirmed to sign"]));
        throw new AppError("invalid", `Affirm each principle to sign: ${missing.map((p) => p.title).join("; ")}.`, fields);
      }
      const standing = await getActiveSignatures(tx, org.id);
      if (standing.some((s) => s.accordVersion === version.number)) {
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
      const recorded = await updateSignature(tx, signature.id, { ledgerIndex: entry.index });
      await refreshSignatoryListing(tx, org.id);
      // Told in the same transaction (lib/notifications): the signer gets the confirmation with
      // the hash and receipt, every other owner and member a notice.
      const reaffirmation = standing.length > 0;
      await queueSignatureConfirmation(tx, { signerId: actor.userId, organisation: org, signature: recorded, ledgerIndex: entry.index, reaffirmation });
      await notifyOrganisation(tx, {
        organisationId: org.id,
        kind: reaffirmation ? "accord.reaffirmed" : "accord.signed",
        facts: { version: String(version.number), signerName: signature.signerName, signerTitle: signature.signerTitle },
        excludeUserIds: [actor.userId],
        now: signature.signedAt,
      });
      // An older signature still standing makes this a re-affirmation of the newer text.
      return { signature: recorded, organisation: org, ledgerIndex: entry.index, reaffirmation: standing.length > 0 };
    });
  } catch (error) {
    if (isUniqueViolation(error, "signatures_one_active_per_version")) {
      throw new AppError("conflict", "This organisation has already signed this version.", undefined, { cause: error });
    }
    throw error;
  }
}

/**
 * An owner withdraws the organisation's signature with a public reason. Every standing signature
 * (all versions) is withdrawn and each withdrawal is logged; nothing is deleted.
 */
export async function withdrawSignature(db: DbOrTx, actor: { userId: string }, input: WithdrawInput, options: { now?: Date } = {}) {
  return db.transaction(async (tx) => {
    const { org } = await loadForActor(tx, actor, input.organisationId, "withdraw");
    const active = await getActiveSignatures(tx, org.id);
    if (active.length === 0) throw new AppError("conflict", `${org.displayName} has no signature to withdraw.`);
    const now = options.now ?? new Date();
    const withdrawn = [];
    for (const signature of active) {
      const entry = await appendEvent(tx, {
        kind: "signature.withdrawn",
        at: now.toISOString(),
        organisation: publicOrganisation(org),
        version: signature.accordVersion,
        reason: input.reason,
      });
      withdrawn.push(
        await updateSignature(tx, signature.id, {
          withdrawnAt: now,
          withdrawalReason: input.reason,
          withdrawnBy: actor.userId,
          withdrawalLedgerIndex: entry.index,
        }),
      );
    }
    await refreshSignatoryListing(tx, org.id);
    await notifyOrganisation(tx, {
      organisationId: org.id,
      kind: "signature.withdrawn",
      facts: {
        version: active
          .map((s) => s.accordVersion)
          .sort((a, b) => a - b)
          .join(" and "),
        reason: input.reason,
      },
      now,
    });
    return { organisation: org, withdrawn };
  });
}

/** The version a signer is asked to sign now, with its text, or null before the first import. */
export async function getCurrentSigningText(tx: DbOrTx) {
  const version = await getLatestAccordVersion(tx);
  return version ? { version, snapshot: parseAccordSnapshot(version.content) } : null;
}
