"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { getDb } from "@/db/client";
import { signAccord } from "@/lib/accord/sign";
import { createAction } from "@/lib/actions/create-action";
import { publicDataChanged } from "@/lib/cache";
import { sendEmail } from "@/lib/email/send";
import { renderSignatureConfirmationEmail } from "@/lib/email/signature-confirmation";
import { AppError } from "@/lib/errors";
import { absoluteUrl } from "@/lib/site";
import { signAccordSchema } from "@/lib/validation/signing";

type Signed = Awaited<ReturnType<typeof signAccord>>;

/**
 * The signature is committed before this runs, so a mail failure is logged and reported on the
 * confirmation page, never allowed to look like the signing failed.
 */
async function sendConfirmation(to: string, { signature, organisation, ledgerIndex, reaffirmation }: Signed): Promise<boolean> {
  try {
    const email = renderSignatureConfirmationEmail({
      organisation: organisation.displayName,
      version: signature.accordVersion,
      contentHash: signature.contentHash,
      signerName: signature.signerName,
      signerTitle: signature.signerTitle,
      signedAt: signature.signedAt,
      entryUrl: absoluteUrl(`/ledger/entries/${ledgerIndex}`),
      receiptUrl: absoluteUrl(`/ledger/entries/${ledgerIndex}/receipt`),
      dashboardUrl: absoluteUrl(`/dashboard/organisations/${organisation.slug}`),
      reaffirmation,
    });
    await sendEmail({ to, ...email });
    return true;
  } catch (error) {
    console.error(`[registry] signature ${signature.id} is recorded, but its confirmation email failed:`, error instanceof Error ? error.message : error);
    return false;
  }
}

export const signAccordAction = createAction({
  schema: signAccordSchema,
  async run(input, { user }) {
    let signed: Signed;
    try {
      signed = await signAccord(await getDb(), { userId: user.id }, input);
    } catch (error) {
      // A version published, or a signature made, while this form was open: refresh the page
      // behind the message so it shows the text and status as they are now.
      if (error instanceof AppError && error.code === "conflict") revalidatePath("/sign");
      throw error;
    }
    publicDataChanged();
    revalidatePath("/dashboard", "layout");
    const emailed = await sendConfirmation(user.email, signed);
    const query = new URLSearchParams({ organisation: signed.organisation.slug });
    if (!emailed) query.set("email", "unsent");
    redirect(`/sign/done?${query}`);
  },
});
