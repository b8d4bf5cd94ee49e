import type { DbOrTx } from "@/db/client";
import { getCurrentSigningText } from "@/lib/accord/sign";
import type { SignAccordInput } from "@/lib/validation/signing";

/** A complete signing input for the current version: every principle affirmed. */
export async function fullSignInput(db: DbOrTx, organisationId: string, signer: { signerName: string; signerTitle: string }): Promise<SignAccordInput> {
  const current = await getCurrentSigningText(db);
  if (!current) throw new Error("no accord version");
  return { organisationId, version: current.version.number, ...signer, affirmed: current.snapshot.principles.map((p) => p.slug) };
}
