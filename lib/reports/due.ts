const DAY = 24 * 60 * 60 * 1000;
export const OVERDUE_GRACE_DAYS = 90;

export type ReportDue = { dueAt: Date; overdue: boolean; daysLate: number };

/** Whole days from `dueAt` to `now` (negative before it). */
export function daysPast(dueAt: Date, now: Date): number {
  return Math.floor((now.getTime() - dueAt.getTime()) / DAY);
}

/** The profile's rule: "report overdue" once a report is more than 90 whole days late. */
export function isOverdue(dueAt: Date, now: Date): boolean {
  return daysPast(dueAt, now) > OVERDUE_GRACE_DAYS;
}

function addYear(date: Date): Date {
  const next = new Date(date);
  next.setUTCFullYear(next.getUTCFullYear() + 1);
  return next;
}

/**
 * A signatory reports once a year: a year after signing, then a year after its last report. It is
 * shown publicly as "report overdue" 90 days after that, the way the UN Global Compact marks
 * participants that stop communicating. No standing signature, nothing due.
 */
export function reportDue(input: { firstSignedAt: Date | null; lastReportAt: Date | null; now: Date }): ReportDue | null {
  if (!input.firstSignedAt) return null;
  const basis = input.lastReportAt && input.lastReportAt > input.firstSignedAt ? input.lastReportAt : input.firstSignedAt;
  const dueAt = addYear(basis);
  const daysLate = daysPast(dueAt, input.now);
  return { dueAt, overdue: isOverdue(dueAt, input.now), daysLate: Math.max(0, daysLate) };
}

/** The dates the rule starts from: the earliest standing signature and the latest report. */
export function reportBasis(standingSignedAt: readonly Date[], reportsPublishedAt: readonly Date[]): { firstSignedAt: Date | null; lastReportAt: Date | null } {
  const firstSignedAt = standingSignedAt.reduce<Date | null>((first, d) => (!first || d < first ? d : first), null);
  const lastReportAt = reportsPublishedAt.reduce<Date | null>((last, d) => (!last || d > last ? d : last), null);
  return { firstSignedAt, lastReportAt };
}

/** When the next report is due, from the organisation's standing signatures and published reports. */
export function reportDueFor(standingSignedAt: readonly Date[], reportsPublishedAt: readonly Date[], now: Date): ReportDue | null {
  return reportDue({ ...reportBasis(standingSignedAt, reportsPublishedAt), now });
}
