import "server-only";
import { randomUUID } from "node:crypto";
import type { PgTable } from "drizzle-orm/pg-core";
import type {
  auditLog,
  commitmentRevisions,
  commitments,
  domainProofs,
  memberships,
  organisations,
  progressReportItems,
  progressReports,
  signatures,
  users,
} from "@/db/schema";
import { commitmentContentHash } from "@/lib/commitments/content-hash";
import type { LedgerEvent } from "@/lib/ledger/events";
import { generateDnsToken } from "@/lib/orgs/dns-check";
import { publicOrganisation } from "@/lib/orgs/public";
import { RESERVED_SLUGS, slugify, uniqueSlug } from "@/lib/orgs/slug";
import { reportContentHash } from "@/lib/reports/content-hash";
import { organisationInputSchema } from "@/lib/validation/organisation";
import { demoCommitmentStatuses, demoCommitmentsFor, demoReportNarratives } from "./commitments";
import { demoOrganisations } from "./organisations";

/**
 * Above this many organisations the demo is built in memory and written in batches rather than
 * through the domain functions one step at a time (see seed-bulk.ts for why).
 */
export const BULK_SEED_THRESHOLD = 200;

const DAY = 24 * 60 * 60 * 1000;
// The same people, titles, statuses and reasons as lib/demo/seed.ts, so both paths tell one story.
const signerTitles = ["Chief Executive Officer", "General Counsel", "Chief Information Security Officer", "Chief Technology Officer", "Managing Director"];
const signerNames = ["Ada Example", "Ben Placeholder", "Chidi Sample", "Dana Demo", "Eero Fictional", "Farah Mock"];
const WITHDRAWAL_REASON = "Our company was acquired and the new owner has not yet reviewed the accord; we withdraw until it has.";
const SUSPENSION_REASON = "Credible public reporting that the company sold intrusion software to a government; suspended while we ask it to respond.";
const REPORT_NOTE = "Done and verified internally.";
/**
 * lib/demo/seed.ts withdraws two signatures and suspends one organisation whatever the count. Past the
 * first BULK_SEED_THRESHOLD organisations, one in a hundred more withdraws and one in 250 more is
 * suspended, so a large directory's status filters have a realistic share to show; up to there
 * both paths write the same history.
 */
const SCALED_FROM = BULK_SEED_THRESHOLD;

type Row<T extends PgTable> = T["$inferInsert"];
// The planner reads these back when a report revises the commitment, so they are always set.
type CommitmentRow = Row<typeof commitments> & { id: string; status: (typeof demoCommitmentStatuses)[number]; revision: number };

/** Every row of the demo history and its log events in log order; `bind` sets each row's ledger index. */
export type DemoPlan = {
  users: Row<typeof users>[];
  moderatorId: string;
  organisations: Row<typeof organisations>[];
  memberships: Row<typeof memberships>[];
  domainProofs: Row<typeof domainProofs>[];
  signatures: Row<typeof signatures>[];
  commitments: CommitmentRow[];
  commitmentRevisions: Row<typeof commitmentRevisions>[];
  progressReports: Row<typeof progressReports>[];
  progressReportItems: Row<typeof progressReportItems>[];
  auditLog: Row<typeof auditLog>[];
  events: Logged[];
};

type Logged = { event: LedgerEvent; bind: (index: number) => void };
type Step = { at: Date; logged: Logged[] };

/**
 * The history lib/demo/seed.ts's seedDemoData makes for `count` organisations, as rows and events
 * instead of calls: the same names, dates, commitments, reports, withdrawals and suspension, and
 * the same events in the same order (its steps sorted by time, ties in the order made), so the
 * log reads the same either way. Pure apart from fresh ids and DNS tokens.
 */
export function planDemoHistory({
  now,
  count,
  version,
  principles,
}: {
  now: Date;
  count: number;
  version: { number: number; contentHash: string };
  principles: string[];
}): DemoPlan {
  const moderatorId = randomUUID();
  const plan: DemoPlan = {
    users: [{ id: moderatorId, email: "moderator@registry.example", name: "Demo Moderator", emailVerified: now, siteRole: "moderator" }],
    moderatorId,
    organisations: [],
    memberships: [],
    domainProofs: [],
    signatures: [],
    commitments: [],
    commitmentRevisions: [],
    progressReports: [],
    progressReportItems: [],
    auditLog: [],
    events: [],
  };
  const steps: Step[] = [];
  const slugs = new Set<string>();

  for (let i = 0; i < count; i++) {
    const demo = demoOrganisations[i % demoOrganisations.length]!;
    const round = Math.floor(i / demoOrganisations.length);
    const name = round === 0 ? demo.name : `${demo.name} ${round + 1}`;
    const registeredAt = new Date(now.getTime() - (540 - Math.floor((i * 530) / Math.max(count, 1))) * DAY);
    const verifiedAt = new Date(registeredAt.getTime() + DAY / 4);
    const signedAt = new Date(registeredAt.getTime() + DAY / 2);
    const signer = { name: signerNames[i % signerNames.length]!, title: signerTitles[i % signerTitles.length]! };
    const values = organisationInputSchema.parse({
      legalName: `${name} (demo) Ltd`,
      displayName: name,
      primaryDomain: `${slugify(name)}.example`,
      country: demo.country,
      sector: demo.sector,
      description: demo.description,
    });
    const base = slugify(values.displayName);
    // uniqueSlug copies what it is given: only a clash (none in practice) pays for that.
    const slug = slugs.has(base) || RESERVED_SLUGS.has(base) ? uniqueSlug(base, slugs) : base;
    slugs.add(slug);
    const domain = values.primaryDomain;
    const organisation = publicOrganisation({ slug, displayName: values.displayName, primaryDomain: domain });
    const withdraws = count >= 10 && (i === 5 || i === count - 4 || (i >= SCALED_FROM && i % 100 === 55));
    const suspended = count >= 10 && (i === 9 || (i >= SCALED_FROM && i % 250 === 229));

    const userId = randomUUID();
    const organisationId = randomUUID();
    plan.users.push({ id: userId, email: `representative@${domain}`, name: signer.name, emailVerified: registeredAt, siteRole: "member" });
    const org: Row<typeof organisations> = {
      id: organisationId,
      ...values,
      slug,
      dnsToken: generateDnsToken(),
      isDemo: true,
      status: "verified",
      verificationMethod: "email_domain",
      verifiedAt,
      createdAt: registeredAt,
      updatedAt: verifiedAt,
    };
    plan.organisations.push(org);
    plan.memberships.push({ organisationId, userId, role: "owner", createdAt: registeredAt });
    plan.domainProofs.push({
      organisationId,
      method: "email_domain",
      outcome: "verified",
      detail: `sign-in email at ${domain}`,
      actorId: userId,
      createdAt: verifiedAt,
    });
    steps.push({
      at: registeredAt,
      logged: [{ event: { kind: "organisation.verified", at: verifiedAt.toISOString(), organisation, method: "email_domain" }, bind: () => {} }],
    });

    const signature: Row<typeof signatures> = {
      id: randomUUID(),
      organisationId,
      accordVersion: version.number,
      contentHash: version.contentHash,
      signerName: signer.name,
      signerTitle: signer.title,
      signedBy: userId,
      signedAt,
    };
    plan.signatures.push(signature);
    steps.push({
      at: signedAt,
      logged: [
        {
          event: { kind: "accord.signed", at: signedAt.toISOString(), organisation, version: version.number, contentHash: version.contentHash, signer },
          bind: (index) => (signature.ledgerIndex = index),
        },
      ],
    });

    const own: CommitmentRow[] = [];
    for (const { at, contentFor } of demoCommitmentsFor({ i, principles, signedAt, now })) {
      const content = contentFor({ domain, slug });
      const { principle } = content;
      const contentHash = commitmentContentHash(content);
      const commitment: CommitmentRow = {
        id: randomUUID(),
        organisationId,
        principleSlug: principle,
        title: content.title,
        description: content.description,
        status: content.status,
        targetDate: content.targetDate,
        evidenceLinks: content.evidenceLinks,
        revision: 1,
        contentHash,
        createdBy: userId,
        createdAt: at,
        updatedAt: at,
      };
      const revision: Row<typeof commitmentRevisions> = {
        commitmentId: commitment.id,
        revision: 1,
        title: content.title,
        description: content.description,
        status: content.status,
        targetDate: content.targetDate,
        evidenceLinks: content.evidenceLinks,
        contentHash,
        authorId: userId,
        createdAt: at,
      };
      own.push(commitment);
      plan.commitments.push(commitment);
      plan.commitmentRevisions.push(revision);
      steps.push({
        at,
        logged: [
          {
            event: { kind: "commitment.registered", at: at.toISOString(), organisation, commitmentId: commitment.id, principle, contentHash },
            bind: (index) => (revision.ledgerIndex = index),
          },
        ],
      });
    }

    // Most who signed over a year ago reported; every third did not, and shows as overdue. The
    // report marks the first commitment achieved, which is a new revision when it was not yet.
    const reportAt = new Date(signedAt.getTime() + 350 * DAY);
    if (reportAt < now && i % 3 !== 0 && !withdraws && !suspended) {
      const logged: Logged[] = [];
      const items = own.map((c, k) => ({ commitmentId: c.id, status: k === 0 ? ("achieved" as const) : c.status, note: k === 0 ? REPORT_NOTE : "" }));
      const first = own[0];
      if (first && first.status !== "achieved") {
        const change = {
          title: first.title,
          description: first.description ?? "",
          status: "achieved" as const,
          targetDate: first.targetDate ?? null,
          evidenceLinks: first.evidenceLinks ?? [],
        };
        const contentHash = commitmentContentHash({ principle: first.principleSlug, ...change });
        Object.assign(first, { status: "achieved", revision: 2, contentHash, updatedAt: reportAt });
        const revision: Row<typeof commitmentRevisions> = {
          commitmentId: first.id,
          revision: 2,
          ...change,
          contentHash,
          authorId: userId,
          createdAt: reportAt,
        };
        plan.commitmentRevisions.push(revision);
        logged.push({
          event: { kind: "commitment.updated", at: reportAt.toISOString(), organisation, commitmentId: first.id, principle: first.principleSlug, contentHash },
          bind: (index) => (revision.ledgerIndex = index),
        });
      }
      const year = reportAt.getUTCFullYear();
      const narrative = demoReportNarratives[i % demoReportNarratives.length]!;
      const contentHash = reportContentHash({ year, narrative, items });
      const report: Row<typeof progressReports> = {
        id: randomUUID(),
        organisationId,
        year,
        narrative,
        contentHash,
        publishedBy: userId,
        publishedAt: reportAt,
      };
      plan.progressReports.push(report);
      plan.progressReportItems.push(...items.map((item) => ({ reportId: report.id!, ...item })));
      logged.push({
        event: { kind: "progress.reported", at: reportAt.toISOString(), organisation, year, contentHash },
        bind: (index) => (report.ledgerIndex = index),
      });
      steps.push({ at: reportAt, logged });
    }

    if (withdraws) {
      const at = new Date(signedAt.getTime() + 60 * DAY < now.getTime() ? signedAt.getTime() + 60 * DAY : now.getTime() - DAY / 2);
      Object.assign(signature, { withdrawnAt: at, withdrawalReason: WITHDRAWAL_REASON, withdrawnBy: userId });
      steps.push({
        at,
        logged: [
          {
            event: { kind: "signature.withdrawn", at: at.toISOString(), organisation, version: version.number, reason: WITHDRAWAL_REASON },
            bind: (index) => (signature.withdrawalLedgerIndex = index),
          },
        ],
      });
    }
    if (suspended) {
      const at = new Date(signedAt.getTime() + 120 * DAY);
      Object.assign(org, { status: "suspended", statusReason: SUSPENSION_REASON, updatedAt: at });
      plan.auditLog.push({
        actorId: moderatorId,
        action: "organisation.suspend",
        targetType: "organisation",
        targetId: organisationId,
        reason: SUSPENSION_REASON,
        createdAt: at,
      });
      steps.push({
        at,
        logged: [{ event: { kind: "organisation.suspended", at: at.toISOString(), organisation, reason: SUSPENSION_REASON }, bind: () => {} }],
      });
    }
  }

  // Stable sort: steps of one organisation at the same instant keep their order, as in lib/demo/seed.ts.
  steps.sort((a, b) => a.at.getTime() - b.at.getTime());
  plan.events = steps.flatMap((step) => step.logged);
  return plan;
}
