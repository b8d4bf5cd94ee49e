"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { signAccord } from "@/lib/accord/sign";
import { createAction } from "@/lib/actions/create-action";
import { publicDataChanged } from "@/lib/cache";
import { AppError } from "@/lib/errors";
import { signAccordSchema } from "@/lib/validation/signing";
import { dashboardPath, signDonePath, signPath } from "@/lib/paths";

export const signAccordAction = createAction({
  schema: signAccordSchema,
  async run(input, { actor, db }) {
    let signed: Awaited<ReturnType<typeof signAccord>>;
    try {
      signed = await signAccord(db, actor, input);
    } catch (error) {
      // A version published, or a signature made, while this form was open: refresh the page
      // behind the message so it shows the text and status as they are now.
      if (error instanceof AppError && error.code === "conflict") revalidatePath(signPath);
      throw error;
    }
    publicDataChanged();
    revalidatePath(dashboardPath, "layout");
    // The confirmation and the notices were queued in the signing transaction (lib/notifications).
    const query = new URLSearchParams({ organisation: signed.organisation.slug });
    redirect(`${signDonePath}?${query}`);
  },
});
