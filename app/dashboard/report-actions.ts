"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { createAction } from "@/lib/actions/create-action";
import { publicDataChanged } from "@/lib/cache";
import { publishReport } from "@/lib/reports/reports";
import { publishReportSchema } from "@/lib/validation/report";
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
