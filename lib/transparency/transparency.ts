import "server-only";
import type { DbOrTx } from "@/db/client";
import { getActiveSignatures } from "@/db/queries/signatures";
import {
  getCurrentTransparencyReport,
  insertTransparencyReport,
  insertTransparencyRows,
  setTransparencyLedgerIndex,
  supersedeTransparencyReport,
  getTransparencyRows,
} from "@/db/queries/transparency";
import { isUniqueViolation } from "@/lib/db-errors";
import { AppError } from "@/lib/errors";
import { appendEvent } from "@/lib/ledger/io/log";
import { loadForActor } from "@/lib/orgs/access";
import { publicOrganisation } from "@/lib/orgs/public";
import type { TransparencyInput } from "@/lib/validation/transparency";
import { countText, parsePeriod, periodLabel } from "./figures";
import { lineFromRow, rowFromLine, transparencyContentHash } from "./records";
import { columnOfCount, validateLines } from "./validate";
import { countKeys } from "./figures";

const INVALID = "Please correct the highlighted fields.";

/**
 * Checks figures again in the data layer, whoever calls (a form, the CSV upload, the seed): the
 * period must have ended by `now`, and every line must pass the same rules as the form's.
 */
function checkFigures(input: TransparencyInput, now: Date) {
  const period = parsePeriod(input.period, now);
  if (!period.ok) throw new AppError("invalid", INVALID, { period: period.message });
  const lines = input.rows.map((line) => ({
    country: line.country,
    instrument: line.instrument,
    ...Object.fromEntries(countKeys.map((k) => [columnOfCount[k], countText(line[k])])),
  }));
  const checked = validateLines(lines);
  if (!checked.ok) {
    const first = checked.problems[0]!;
    throw new AppError("invalid", `Line ${first.line}, ${first.column}: ${first.message}`);
  }
  const { min, max } = input.customersNotified;
  if (!Number.isInteger(min) || !Number.isInteger(max) || min < 0 || max < min) {
    throw new AppError("invalid", INVALID, { notified: "must be a whole number of 0 or more, or a band" });
  }
  return { period: period.period, rows: checked.rows };
}

/** Who may publish, and whether the organisation may: owners of a verified signatory. */
async function loadPublisher(tx: DbOrTx, actor: { userId: string }, organisationId: string) {
  const { org } = await loadForActor(tx, actor, organisationId, "publishTransparency");
  if (org.status !== "verified") throw new AppError("forbidden", `${org.displayName} is ${org.status}, so it cannot publish figures.`);
  if ((await getActiveSignatures(tx, org.id)).length === 0) {
    throw new AppError("forbidden", `${org.displayName} has not signed the accord, so it does not publish transparency reports here.`);
  }
  return org;
}

/**
 * Publishes an organisation's figures for a half-year: the first revision, its lines and its
 * ledger entry (with the content's SHA-256) commit together or not at all. One report per
 * period: a second one is refused, and a correction goes through `correctTransparencyReport`.
 */
export async function publishTransparencyReport(db: DbOrTx, actor: { userId: string }, input: TransparencyInput, options: { now?: Date } = {}) {
  const now = options.now ?? new Date();
  try {
    return await db.transaction(async (tx) => {
      const org = await loadPublisher(tx, actor, input.organisationId);
      const { period, rows } = checkFigures(input, now);
      if (await getCurrentTransparencyReport(tx, org.id, period)) {
        throw new AppError("invalid", INVALID, {
          period: `${org.displayName} already published figures for ${periodLabel(period)}: publish a correction, with its reason, instead`,
        });
      }
      const contentHash = transparencyContentHash({ period, customersNotified: input.customersNotified, rows });
      const report = await insertTransparencyReport(tx, {
        organisationId: org.id,
        period,
        revision: 1,
        reason: null,
        notifiedMin: input.customersNotified.min,
        notifiedMax: input.customersNotified.max,
        contentHash,
        publishedBy: actor.userId,
        publishedAt: now,
      });
      await insertTransparencyRows(
        tx,
        rows.map((line) => rowFromLine(report.id, line)),
      );
      const entry = await appendEvent(tx, {
        kind: "transparency.published",
        at: now.toISOString(),
        organisation: publicOrganisation(org),
        period,
        revision: 1,
        contentHash,
      });
      await setTransparencyLedgerIndex(tx, report.id, entry.index);
      return { report: { ...report, ledgerIndex: entry.index }, organisation: org };
    });
  } catch (error) {
    if (isUniqueViolation(error)) {
      throw new AppError("invalid", INVALID, { period: `figures for ${periodLabel(input.period)} were just published` }, { cause: error });
    }
    throw error;
  }
}

/**
 * Corrects a published period: a new revision with its public reason, logged with the new
 * content's hash; the earlier revision stays as it was, marked as no longer current. A correction
 * that changes no figure is refused (it would only add noise to the record).
 */
export async function correctTransparencyReport(db: DbOrTx, actor: { userId: string }, input: TransparencyInput, options: { now?: Date } = {}) {
  const now = options.now ?? new Date();
  const reason = (input.reason ?? "").trim();
  if (reason.length < 10) throw new AppError("invalid", INVALID, { reason: "must be at least 10 characters: say what was wrong, it is public" });
  try {
    return await db.transaction(async (tx) => {
      const org = await loadPublisher(tx, actor, input.organisationId);
      const { period, rows } = checkFigures(input, now);
      const previous = await getCurrentTransparencyReport(tx, org.id, period);
      if (!previous) throw new AppError("invalid", INVALID, { period: `${org.displayName} has not published figures for ${periodLabel(period)} yet` });
      const contentHash = transparencyContentHash({ period, customersNotified: input.customersNotified, rows });
      if (contentHash === previous.contentHash) {
        throw new AppError("invalid", "The correction changes no figure: the published report already says exactly this.");
      }
      await supersedeTransparencyReport(tx, previous.id);
      const revision = previous.revision + 1;
      const report = await insertTransparencyReport(tx, {
        organisationId: org.id,
        period,
        revision,
        reason,
        notifiedMin: input.customersNotified.min,
        notifiedMax: input.customersNotified.max,
        contentHash,
        publishedBy: actor.userId,
        publishedAt: now,
      });
      await insertTransparencyRows(
        tx,
        rows.map((line) => rowFromLine(report.id, line)),
      );
      const entry = await appendEvent(tx, {
        kind: "transparency.corrected",
        at: now.toISOString(),
        organisation: publicOrganisation(org),
        period,
        revision,
        reason,
        contentHash,
      });
      await setTransparencyLedgerIndex(tx, report.id, entry.index);
      return { report: { ...report, ledgerIndex: entry.index }, previous, organisation: org };
    });
  } catch (error) {
    if (isUniqueViolation(error)) {
      throw new AppError(
        "conflict",
        "Someone else corrected this report a moment ago: reload to see their revision, then correct it if still needed.",
        undefined,
        {
          cause: error,
        },
      );
    }
    throw error;
  }
}

/** The current figures of a period, as lines (the correction form starts from them). */
export async function getCurrentFigures(db: DbOrTx, organisationId: string, period: string) {
  const report = await getCurrentTransparencyReport(db, organisationId, period);
  if (!report) return null;
  const rows = await getTransparencyRows(db, [report.id]);
  return { report, rows: rows.map(lineFromRow) };
}
