import "server-only";
import { SEND_EMAIL_JOB } from "@/lib/notifications/notify";
import { sendOutboxEmail } from "@/lib/notifications/deliver";
import { CLOSE_EXPIRED_CLAIMS_JOB, closeExpiredClaimsJob } from "@/lib/orgs/claims";
import { REMINDER_SCAN_JOB, reminderScanJob } from "@/lib/reports/reminders";
import { cosignLatestCheckpoint, LEDGER_COSIGN_JOB } from "@/lib/ledger/io/witnesses";
import type { JobHandler } from "./runner";

/**
 * Every kind of background job, by name. A new kind (witness cosigning, reminders, closing
 * expired claims) is a handler added here and jobs queued with its name (db/queries/jobs.ts
 * insertJobs), in the transaction of the change that calls for it.
 */
export const jobHandlers: Record<string, JobHandler> = {
  [SEND_EMAIL_JOB]: sendOutboxEmail,
  [CLOSE_EXPIRED_CLAIMS_JOB]: closeExpiredClaimsJob,
  // Coalesced: one queued at a time, it submits the latest checkpoint to every witness.
  [LEDGER_COSIGN_JOB]: async (job, context) => {
    await cosignLatestCheckpoint(job, context);
  },
  [REMINDER_SCAN_JOB]: reminderScanJob,
};
