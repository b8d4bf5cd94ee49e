"use server";

import { revalidatePath } from "next/cache";
import { createAction } from "@/lib/actions/create-action";
import { publicDataChanged } from "@/lib/cache";
import { respondToConcern } from "@/lib/concerns/concerns";
import { organisationDashboardPath } from "@/lib/paths";
import { respondToConcernSchema } from "@/lib/validation/concern";

export const respondToConcernAction = createAction({
  schema: respondToConcernSchema,
  async run(input, { actor, db }) {
    const { organisation } = await respondToConcern(db, actor, input);
    publicDataChanged();
    revalidatePath(organisationDashboardPath(organisation.slug));
    return { status: "success", message: "Your response is published beside the concern and recorded in the ledger." };
  },
});
