import "server-only";
import type { DbOrTx } from "@/db/client";
import { getUserById } from "@/db/queries/users";
import type { Organisation, Signature } from "@/db/schema";
import { renderSignatureConfirmationEmail } from "@/lib/email/signature-confirmation";
import { absoluteUrl } from "@/lib/site";
import { queueEmail } from "./notify";
import { ledgerEntryPath, organisationDashboardPath, receiptPath } from "@/lib/paths";

/**
 * The signer's confirmation (what was signed, the hash, the ledger entry and receipt), queued in
 * the signing transaction like every other notice, so an SMTP outage delays it instead of losing
 * it. Demo organisations get no mail.
 */
export async function queueSignatureConfirmation(
  tx: DbOrTx,
  input: { signerId: string; organisation: Organisation; signature: Signature; ledgerIndex: number; reaffirmation: boolean },
): Promise<void> {
  const { organisation, signature, ledgerIndex, reaffirmation } = input;
  if (organisation.isDemo) return;
  const signer = await getUserById(tx, input.signerId);
  if (!signer) return;
  const email = renderSignatureConfirmationEmail({
    organisation: organisation.displayName,
    version: signature.accordVersion,
    contentHash: signature.contentHash,
    signerName: signature.signerName,
    signerTitle: signature.signerTitle,
    signedAt: signature.signedAt,
    entryUrl: absoluteUrl(ledgerEntryPath(ledgerIndex)),
    receiptUrl: absoluteUrl(receiptPath(ledgerIndex)),
    dashboardUrl: absoluteUrl(organisationDashboardPath(organisation.slug)),
    reaffirmation,
  });
  await queueEmail(tx, {
    to: signer.email,
    ...email,
    key: `signature:${signature.id}:confirmation`,
    kind: reaffirmation ? "accord.reaffirmed" : "accord.signed",
    organisationId: organisation.id,
    now: signature.signedAt,
  });
}
