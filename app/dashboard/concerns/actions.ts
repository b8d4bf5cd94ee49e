"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { createAction } from "@/lib/actions/create-action";
import { publicDataChanged } from "@/lib/cache";
import { submitConcern, withdrawConcern } from "@/lib/concerns/concerns";
import { myConcernsPath } from "@/lib/paths";
import { submitConcernSchema, withdrawConcernSchema } from "@/lib/validation/concern";

export const submitConcernAction = createAction({
  schema: submitConcernSchema,
  async run(input, { actor, db }) {
    await submitConcern(db, actor, input);
    redirect(`${myConcernsPath}?notice=submitted`);
  },
});

export const withdrawConcernAction = createAction({
  schema: withdrawConcernSchema,
  async run(input, { actor, db }) {
    const { wasPublic } = await withdrawConcern(db, actor, input);
    if (wasPublic) publicDataChanged();
    revalidatePath(myConcernsPath);
    redirect(`${myConcernsPath}?notice=withdrawn`);
  },
});
