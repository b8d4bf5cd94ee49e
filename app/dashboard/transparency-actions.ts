"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { createAction, type ActionContext } from "@/lib/actions/create-action";
import { publicDataChanged } from "@/lib/cache";
import { signatoryTransparencyPath, transparencyDashboardPath } from "@/lib/paths";
import { correctTransparencyReport, publishTransparencyReport } from "@/lib/transparency/transparency";
import { type TransparencyInput, transparencyCsvSchema, transparencyFormSchema } from "@/lib/validation/transparency";

/** Publishes a period's first revision, or (with a reason) a correction; then shows the public page at that period. */
async function save(input: TransparencyInput, { actor, db }: ActionContext): Promise<never> {
  const { organisation, report } =
    input.reason === null ? await publishTransparencyReport(db, actor, input) : await correctTransparencyReport(db, actor, input);
  publicDataChanged();
  revalidatePath(transparencyDashboardPath(organisation.slug));
  redirect(`${signatoryTransparencyPath(organisation.slug)}#${report.period}`);
}

/** The lines typed into the form. */
export const saveTransparencyAction = createAction({ schema: transparencyFormSchema, run: save });

/** The same from a CSV file: nothing is saved unless every row is valid. */
export const uploadTransparencyCsvAction = createAction({ schema: transparencyCsvSchema, run: save });
