"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { createAction, createJsonAction } from "@/lib/actions/create-action";
import { publicDataChanged } from "@/lib/cache";
import { correctReport } from "@/lib/reports/corrections";
import { type SaveDraftResult, saveReportDraft } from "@/lib/reports/drafts";
import { publishReport } from "@/lib/reports/reports";
import { publishReportSchema } from "@/lib/validation/report";
import { correctReportSchema, saveReportDraftSchema } from "@/lib/validation/report-revision";
import { organisationDashboardPath, reportPath } from "@/lib/paths";

export const publishReportAction = createAction({
  schema: publishReportSchema,
  async run(input, { actor, db }) {
    const { report, organisation } = await publishReport(db, actor, input);
    publicDataChanged();
    revalidatePath(organisationDashboardPath(organisation.slug));
    redirect(reportPath(organisation.slug, report.year));
  },
});

/** The report form's autosave: called by client code with the form's values after a pause in typing. */
export const saveReportDraftAction = createJsonAction({
  schema: saveReportDraftSchema,
  messages: {
    signedOut: "Your session has ended: sign in again to keep saving (the text is still in this page).",
    invalid: (error) => `The draft could not be saved: ${error.issues[0]?.path.join(".") ?? ""} ${error.issues[0]?.message ?? ""}`.trim(),
    failed: "The draft could not be saved just now; it is still in this page and is saved when you type again.",
  },
  // No revalidation: it would re-render the page under the person typing at every save.
  async run(input, { actor, db }): Promise<SaveDraftResult> {
    return saveReportDraft(db, actor, input);
  },
});

export const correctReportAction = createAction({
  schema: correctReportSchema,
  async run(input, { actor, db }) {
    const { report, organisation } = await correctReport(db, actor, input);
    publicDataChanged();
    revalidatePath(organisationDashboardPath(organisation.slug));
    redirect(reportPath(organisation.slug, report.year));
  },
});
