"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { createAction } from "@/lib/actions/create-action";
import { publicDataChanged } from "@/lib/cache";
import { admitConcern, declineConcern, resolveConcern } from "@/lib/concerns/concerns";
import { adminConcernsPath } from "@/lib/paths";
import { admitConcernSchema, declineConcernSchema, resolveConcernSchema } from "@/lib/validation/concern";

// Each decision takes the concern out of its place in the queue, so the confirmation rides on the URL.

export const admitConcernAction = createAction({
  schema: admitConcernSchema,
  async run(input, { actor, db }) {
    await admitConcern(db, actor, input);
    publicDataChanged();
    revalidatePath(adminConcernsPath);
    redirect(`${adminConcernsPath}?notice=admitted`);
  },
});

export const declineConcernAction = createAction({
  schema: declineConcernSchema,
  async run(input, { actor, db }) {
    await declineConcern(db, actor, input);
    revalidatePath(adminConcernsPath);
    redirect(`${adminConcernsPath}?notice=declined`);
  },
});

export const resolveConcernAction = createAction({
  schema: resolveConcernSchema,
  async run(input, { actor, db }) {
    const { concern } = await resolveConcern(db, actor, input);
    publicDataChanged();
    revalidatePath(adminConcernsPath);
    redirect(`${adminConcernsPath}?notice=${concern.status}`);
  },
});
