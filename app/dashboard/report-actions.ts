"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { getDb } from "@/db/client";
import { createAction } from "@/lib/actions/create-action";
import { publicDataChanged } from "@/lib/cache";
import { publishReport } from "@/lib/reports/reports";
import { publishReportSchema } from "@/lib/validation/report";
import { organisationDashboardPath, reportPath } from "@/lib/paths";

export const publishReportAction = createAction({
  schema: publishReportSchema,
  async run(input, { user }) {
    const { report, organisation } = await publishReport(await getDb(), { userId: user.id }, input);
    publicDataChanged();
    revalidatePath(organisationDashboardPath(organisation.slug));
    redirect(reportPath(organisation.slug, report.year));
  },
});
