"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { createAction } from "@/lib/actions/create-action";
import { publicDataChanged } from "@/lib/cache";
import { createCommitment, updateCommitment } from "@/lib/commitments/commitments";
import { AppError } from "@/lib/errors";
import { createCommitmentSchema, updateCommitmentSchema } from "@/lib/validation/commitment";
import { organisationDashboardPath } from "@/lib/paths";

export const createCommitmentAction = createAction({
  schema: createCommitmentSchema,
  async run(input, { actor, db }) {
    const { organisation } = await createCommitment(db, actor, input);
    publicDataChanged();
    revalidatePath(organisationDashboardPath(organisation.slug));
    // No values returned: the form empties, ready for the next commitment.
    return { status: "success", message: `Added “${input.title}”: it is public on your profile and recorded in the ledger.` };
  },
});

export const updateCommitmentAction = createAction({
  schema: updateCommitmentSchema,
  async run(input, { actor, db }) {
    let result: Awaited<ReturnType<typeof updateCommitment>>;
    try {
      result = await updateCommitment(db, actor, input);
    } catch (error) {
      // A stale revision is tied to the hidden `revision` field so the form can offer a reload.
      if (error instanceof AppError && error.code === "conflict") throw new AppError("conflict", error.message, { revision: error.message }, { cause: error });
      throw error;
    }
    if (!result.changed) return { status: "success", message: "Nothing changed, so no new revision was written." };
    publicDataChanged();
    const base = organisationDashboardPath(result.organisation.slug);
    revalidatePath(base);
    redirect(`${base}/commitments/${result.commitment.id}?notice=updated`);
  },
});
