"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { withdrawSignature } from "@/lib/accord/sign";
import { createAction } from "@/lib/actions/create-action";
import { publicDataChanged } from "@/lib/cache";
import { withdrawSchema } from "@/lib/validation/signing";
import { dashboardPath, organisationDashboardPath } from "@/lib/paths";

export const withdrawSignatureAction = createAction({
  schema: withdrawSchema,
  async run(input, { actor, db }) {
    const { organisation } = await withdrawSignature(db, actor, input);
    publicDataChanged();
    revalidatePath(dashboardPath, "layout");
    // The withdraw form disappears with the signature, so the confirmation travels with the page.
    redirect(`${organisationDashboardPath(organisation.slug)}?notice=withdrawn`);
  },
});
