import { getTableColumns, sql } from "drizzle-orm";
import { bigint, boolean, customType, check, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";

/** PostgreSQL's text search document type; read as its text form, though nothing reads it whole. */
const tsvector = customType<{ data: string }>({ dataType: () => "tsvector" });

const createdAt = () => timestamp("created_at", { withTimezone: true, mode: "date" }).notNull().defaultNow();
const updatedAt = () => timestamp("updated_at", { withTimezone: true, mode: "date" }).notNull().defaultNow();

/* ---------- Auth.js (drizzle adapter) tables: property names are the adapter's, SQL is ours ---------- */

export const users = pgTable("users", {
  id: text("id")
    .primaryKey()
    .$defaultFn(() => crypto.randomUUID()),
  name: text("name"),
  email: text("email").notNull().unique(),
  emailVerified: timestamp("email_verified", { withTimezone: true, mode: "date" }),
  image: text("image"),
  siteRole: text("site_role", { enum: ["member", "moderator", "editor", "admin"] })
    .notNull()
    .default("member"),
  createdAt: createdAt(),
});

export const accounts = pgTable(
  "accounts",
  {
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    type: text("type").notNull(),
    provider: text("provider").notNull(),
    providerAccountId: text("provider_account_id").notNull(),
    refresh_token: text("refresh_token"),
    access_token: text("access_token"),
    expires_at: integer("expires_at"),
    token_type: text("token_type"),
    scope: text("scope"),
    id_token: text("id_token"),
    session_state: text("session_state"),
  },
  (t) => [primaryKey({ columns: [t.provider, t.providerAccountId] }), index("accounts_user_id_idx").on(t.userId)],
);

export const sessions = pgTable(
  "sessions",
  {
    sessionToken: text("session_token").primaryKey(),
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    expires: timestamp("expires", { withTimezone: true, mode: "date" }).notNull(),
  },
  (t) => [index("sessions_user_id_idx").on(t.userId)],
);

export const verificationTokens = pgTable(
  "verification_tokens",
  {
    identifier: text("identifier").notNull(),
    token: text("token").notNull(),
    expires: timestamp("expires", { withTimezone: true, mode: "date" }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.identifier, t.token] })],
);

/* ---------- Organisations ---------- */

export const organisationStatuses = ["pending", "verified", "rejected", "suspended", "delisted"] as const;
/** The statuses whose organisation has a public profile, with its commitments, reports and concerns (pending and rejected ones have none). */
export const publicOrganisationStatuses = ["verified", "suspended", "delisted"] as const;
/** The statuses without a public profile. */
export const hiddenOrganisationStatuses = organisationStatuses.filter((status) => !(publicOrganisationStatuses as readonly string[]).includes(status));
export const verificationMethods = ["email_domain", "dns_txt", "moderator"] as const;

export const organisations = pgTable(
  "organisations",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    slug: text("slug").notNull().unique(),
    legalName: text("legal_name").notNull(),
    displayName: text("display_name").notNull(),
    /**
     * Unique only among organisations that proved it (verified, suspended, delisted): pending rows
     * are claims, several may name one domain, and a rejected or closed claim never blocks it.
     */
    primaryDomain: text("primary_domain").notNull(),
    website: text("website"),
    country: text("country").notNull(),
    sector: text("sector").notNull(),
    description: text("description").notNull().default(""),
    status: text("status", { enum: organisationStatuses }).notNull().default("pending"),
    verificationMethod: text("verification_method", { enum: verificationMethods }),
    verifiedAt: timestamp("verified_at", { withTimezone: true, mode: "date" }),
    /** Public reason for a rejection, suspension or delisting. */
    statusReason: text("status_reason"),
    /** Secret until published by the organisation in DNS: `_tech-accord.<domain> TXT "tech-accord-verification=<token>"`. */
    dnsToken: text("dns_token"),
    isDemo: boolean("is_demo").notNull().default(false),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index("organisations_status_idx").on(t.status),
    // /admin's default order (each status by registration date) pages by keyset on this.
    index("organisations_status_created_idx").on(t.status, t.createdAt, t.id),
    index("organisations_primary_domain_idx").on(t.primaryDomain),
    uniqueIndex("organisations_registered_domain")
      .on(t.primaryDomain)
      .where(sql`${t.status} in ('verified', 'suspended', 'delisted')`),
    check("organisations_country_iso", sql`${t.country} ~ '^[A-Z]{2}$'`),
  ],
);

export const memberships = pgTable(
  "memberships",
  {
    organisationId: uuid("organisation_id")
      .notNull()
      .references(() => organisations.id, { onDelete: "cascade" }),
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    role: text("role", { enum: ["owner", "member"] })
      .notNull()
      .default("member"),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.organisationId, t.userId] }), index("memberships_user_id_idx").on(t.userId)],
);

export const joinRequestStatuses = ["pending", "approved", "declined", "withdrawn"] as const;

/**
 * Someone whose confirmed address is not at exactly the organisation's domain (a subdomain, say)
 * asks to join; an owner approves or declines. One open request per person and organisation.
 */
export const joinRequests = pgTable(
  "join_requests",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    organisationId: uuid("organisation_id")
      .notNull()
      .references(() => organisations.id, { onDelete: "cascade" }),
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    /** The address the request was made with, as it was then (the user may change it later). */
    email: text("email").notNull(),
    status: text("status", { enum: joinRequestStatuses }).notNull().default("pending"),
    decidedBy: text("decided_by").references(() => users.id, { onDelete: "set null" }),
    decidedAt: timestamp("decided_at", { withTimezone: true, mode: "date" }),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex("join_requests_one_pending")
      .on(t.organisationId, t.userId)
      .where(sql`${t.status} = 'pending'`),
    index("join_requests_organisation_idx").on(t.organisationId, t.status),
  ],
);

/**
 * An owner invites a colleague by email. The link's token is secret and only its SHA-256 is kept;
 * it works once, until `expires_at`, and only for the invited address.
 */
export const invitations = pgTable(
  "invitations",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    organisationId: uuid("organisation_id")
      .notNull()
      .references(() => organisations.id, { onDelete: "cascade" }),
    email: text("email").notNull(),
    tokenHash: text("token_hash").notNull().unique(),
    invitedBy: text("invited_by").references(() => users.id, { onDelete: "set null" }),
    expiresAt: timestamp("expires_at", { withTimezone: true, mode: "date" }).notNull(),
    acceptedAt: timestamp("accepted_at", { withTimezone: true, mode: "date" }),
    acceptedBy: text("accepted_by").references(() => users.id, { onDelete: "set null" }),
    revokedAt: timestamp("revoked_at", { withTimezone: true, mode: "date" }),
    createdAt: createdAt(),
  },
  (t) => [index("invitations_organisation_idx").on(t.organisationId, t.createdAt)],
);

/* ---------- Domain claims (see lib/orgs/claims.ts) ---------- */

/**
 * open: can still be proven until expires_at; won: proven (its organisation is verified);
 * closed: another claim to the domain was proven first; expired: 30 days without proof;
 * released: a moderator freed the domain with a reason; rejected: a moderator rejected it.
 */
export const claimStatuses = ["open", "won", "closed", "expired", "released", "rejected"] as const;

/**
 * One claim per registration: each pending organisation row is one claimant's claim to its domain
 * (the row's dns_token is that claim's own token). Private: never in the ledger or public output.
 */
export const domainClaims = pgTable(
  "domain_claims",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    organisationId: uuid("organisation_id")
      .notNull()
      .unique()
      .references(() => organisations.id, { onDelete: "cascade" }),
    domain: text("domain").notNull(),
    claimantId: text("claimant_id").references(() => users.id, { onDelete: "set null" }),
    status: text("status", { enum: claimStatuses }).notNull().default("open"),
    expiresAt: timestamp("expires_at", { withTimezone: true, mode: "date" }).notNull(),
    /** Who proved it (the new owner), and how: set when the claim is won. */
    provenBy: text("proven_by").references(() => users.id, { onDelete: "set null" }),
    proofMethod: text("proof_method", { enum: verificationMethods }),
    closedReason: text("closed_reason"),
    closedAt: timestamp("closed_at", { withTimezone: true, mode: "date" }),
    createdAt: createdAt(),
  },
  (t) => [index("domain_claims_domain_idx").on(t.domain, t.status), index("domain_claims_claimant_idx").on(t.claimantId, t.status)],
);

export type DomainClaim = typeof domainClaims.$inferSelect;

/* ---------- The accord ---------- */

export const accordVersions = pgTable("accord_versions", {
  number: integer("number").primaryKey(),
  contentHash: text("content_hash").notNull(),
  changelog: text("changelog").notNull(),
  /** Canonical snapshot of the preamble and principles exactly as signed. */
  content: jsonb("content").notNull(),
  publishedAt: timestamp("published_at", { withTimezone: true, mode: "date" }).notNull().defaultNow(),
  publishedBy: text("published_by").references(() => users.id, { onDelete: "set null" }),
});

export const signatures = pgTable(
  "signatures",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    organisationId: uuid("organisation_id")
      .notNull()
      .references(() => organisations.id, { onDelete: "cascade" }),
    accordVersion: integer("accord_version")
      .notNull()
      .references(() => accordVersions.number),
    contentHash: text("content_hash").notNull(),
    signerName: text("signer_name").notNull(),
    signerTitle: text("signer_title").notNull(),
    signedBy: text("signed_by").references(() => users.id, { onDelete: "set null" }),
    signedAt: timestamp("signed_at", { withTimezone: true, mode: "date" }).notNull().defaultNow(),
    /** The ledger entry that recorded the signature (accord.signed). */
    ledgerIndex: bigint("ledger_index", { mode: "number" }),
    withdrawnAt: timestamp("withdrawn_at", { withTimezone: true, mode: "date" }),
    withdrawalReason: text("withdrawal_reason"),
    withdrawnBy: text("withdrawn_by").references(() => users.id, { onDelete: "set null" }),
    withdrawalLedgerIndex: bigint("withdrawal_ledger_index", { mode: "number" }),
  },
  (t) => [
    uniqueIndex("signatures_one_active_per_version")
      .on(t.organisationId, t.accordVersion)
      .where(sql`${t.withdrawnAt} is null`),
    index("signatures_signed_at_idx").on(t.signedAt),
    index("signatures_organisation_idx").on(t.organisationId, t.signedAt),
  ],
);

export const commitmentStatuses = ["planned", "in_progress", "achieved", "discontinued"] as const;

export const commitments = pgTable(
  "commitments",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    organisationId: uuid("organisation_id")
      .notNull()
      .references(() => organisations.id, { onDelete: "cascade" }),
    principleSlug: text("principle_slug").notNull(),
    title: text("title").notNull(),
    description: text("description").notNull().default(""),
    status: text("status", { enum: commitmentStatuses }).notNull().default("planned"),
    targetDate: text("target_date"),
    evidenceLinks: jsonb("evidence_links").$type<string[]>().notNull().default([]),
    /** Starts at 1; every edit adds a row to commitment_revisions and bumps it (optimistic lock). */
    revision: integer("revision").notNull().default(1),
    /** SHA-256 of the canonical JSON of the public content, as logged. */
    contentHash: text("content_hash").notNull().default(""),
    createdBy: text("created_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
    /**
     * The title and description as PostgreSQL text search sees them, kept by the database on every
     * write: ranking a common phrase's thousands of matches reads it instead of re-parsing each text
     * (db/queries/commitment-search.ts). Never read with the rest of a row (commitmentColumns).
     */
    searchDocument: tsvector("search_document").generatedAlwaysAs(sql`to_tsvector('english', title || ' ' || description)`),
  },
  // fastupdate off: a GIN index otherwise queues new entries in a pending list that every search
  // scans until a vacuum merges it, and PGlite never vacuums on its own (searches 23 ms → 7.5 ms at
  // 10,000 organisations once the list was merged). Commitments are written rarely, searched often.
  (t) => [
    index("commitments_organisation_id_idx").on(t.organisationId),
    index("commitments_search_idx").using("gin", t.searchDocument).with({ fastupdate: false }),
  ],
);

const { searchDocument: _searchDocument, ...wholeRowColumns } = getTableColumns(commitments);
/** A commitment's columns without its search document: what every query reading whole rows selects. */
export const commitmentColumns = wholeRowColumns;

/** Every version of every commitment, with its author, time and log entry: edits never erase. */
export const commitmentRevisions = pgTable(
  "commitment_revisions",
  {
    commitmentId: uuid("commitment_id")
      .notNull()
      .references(() => commitments.id, { onDelete: "cascade" }),
    revision: integer("revision").notNull(),
    title: text("title").notNull(),
    description: text("description").notNull(),
    status: text("status", { enum: commitmentStatuses }).notNull(),
    targetDate: text("target_date"),
    evidenceLinks: jsonb("evidence_links").$type<string[]>().notNull(),
    contentHash: text("content_hash").notNull(),
    authorId: text("author_id").references(() => users.id, { onDelete: "set null" }),
    ledgerIndex: bigint("ledger_index", { mode: "number" }),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.commitmentId, t.revision] })],
);

/** The yearly progress report: a narrative and a status per commitment. One per organisation and year. */
export const progressReports = pgTable(
  "progress_reports",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    organisationId: uuid("organisation_id")
      .notNull()
      .references(() => organisations.id, { onDelete: "cascade" }),
    year: integer("year").notNull(),
    narrative: text("narrative").notNull(),
    contentHash: text("content_hash").notNull(),
    publishedBy: text("published_by").references(() => users.id, { onDelete: "set null" }),
    publishedAt: timestamp("published_at", { withTimezone: true, mode: "date" }).notNull().defaultNow(),
    ledgerIndex: bigint("ledger_index", { mode: "number" }),
  },
  (t) => [uniqueIndex("progress_reports_org_year").on(t.organisationId, t.year), index("progress_reports_published_idx").on(t.publishedAt)],
);

export const progressReportItems = pgTable(
  "progress_report_items",
  {
    reportId: uuid("report_id")
      .notNull()
      .references(() => progressReports.id, { onDelete: "cascade" }),
    commitmentId: uuid("commitment_id")
      .notNull()
      .references(() => commitments.id, { onDelete: "cascade" }),
    status: text("status", { enum: commitmentStatuses }).notNull(),
    note: text("note").notNull().default(""),
  },
  (t) => [primaryKey({ columns: [t.reportId, t.commitmentId] })],
);

/** One line of a report as a draft or a correction keeps it (the published original's lines are progress_report_items). */
export type ReportLine = { commitmentId: string; status: (typeof commitmentStatuses)[number]; note: string };

/**
 * A report being written: private to the organisation's members, saved as they type, one per
 * organisation and year. Never read by a public page; publishing the year deletes it.
 */
export const progressReportDrafts = pgTable(
  "progress_report_drafts",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    organisationId: uuid("organisation_id")
      .notNull()
      .references(() => organisations.id, { onDelete: "cascade" }),
    year: integer("year").notNull(),
    narrative: text("narrative").notNull().default(""),
    items: jsonb("items").$type<ReportLine[]>().notNull().default([]),
    /** Bumped by every save: a save based on an older revision is refused (two editors, two tabs). */
    revision: integer("revision").notNull().default(1),
    updatedBy: text("updated_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [uniqueIndex("progress_report_drafts_org_year").on(t.organisationId, t.year)],
);

/**
 * A correction of a published report: a new revision (2, 3, …) with its public reason and the
 * SHA-256 of its content, logged as progress.corrected. The original (revision 1, in
 * progress_reports and its items) and earlier corrections are never changed, so every hash in the
 * ledger still matches the text it was computed from.
 */
export const progressReportCorrections = pgTable(
  "progress_report_corrections",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    reportId: uuid("report_id")
      .notNull()
      .references(() => progressReports.id, { onDelete: "cascade" }),
    revision: integer("revision").notNull(),
    reason: text("reason").notNull(),
    narrative: text("narrative").notNull(),
    items: jsonb("items").$type<ReportLine[]>().notNull(),
    contentHash: text("content_hash").notNull(),
    correctedBy: text("corrected_by").references(() => users.id, { onDelete: "set null" }),
    correctedAt: timestamp("corrected_at", { withTimezone: true, mode: "date" }).notNull().defaultNow(),
    ledgerIndex: bigint("ledger_index", { mode: "number" }),
  },
  (t) => [
    uniqueIndex("progress_report_corrections_report_revision").on(t.reportId, t.revision),
    check("progress_report_corrections_revision", sql`${t.revision} >= 2`),
  ],
);

export const reportReminderKinds = ["due_60", "due_14", "overdue"] as const;

/**
 * Reminders about a report falling due, one row per organisation, due date and kind: the row is
 * inserted with the reminder's mail in one transaction, so each reminder goes out once however
 * many instances look. A reminder made pointless by a later one (the server was down through
 * both dates) is recorded as skipped, never sent late.
 */
export const reportReminders = pgTable(
  "report_reminders",
  {
    organisationId: uuid("organisation_id")
      .notNull()
      .references(() => organisations.id, { onDelete: "cascade" }),
    /** The due date the reminder is about (ISO date): a new report moves it, and reminders start again. */
    dueOn: text("due_on").notNull(),
    kind: text("kind", { enum: reportReminderKinds }).notNull(),
    skipped: boolean("skipped").notNull().default(false),
    recipients: integer("recipients").notNull().default(0),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.organisationId, t.dueOn, t.kind] })],
);

/** The moderators' daily digest: one row per UTC day, inserted with its mail. */
export const moderatorDigests = pgTable("moderator_digests", {
  day: text("day").primaryKey(),
  waiting: integer("waiting").notNull(),
  recipients: integer("recipients").notNull(),
  createdAt: createdAt(),
});

/* ---------- Transparency reports on government requests (see lib/transparency) ---------- */

/** Kinds of legal instrument a government request may use, in the order forms and tables show them. */
export const transparencyInstruments = ["court_order", "subpoena", "emergency", "national_security", "other"] as const;

/**
 * One revision of an organisation's figures for a half-year (`2026-H1`). A correction inserts a
 * new revision with its reason and marks the previous one no longer current; no figure is ever
 * updated in place. Every count is stored as bounds: equal bounds are an exact figure, different
 * ones a band (such as 0–249) for where law forbids an exact number.
 */
export const transparencyReports = pgTable(
  "transparency_reports",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    organisationId: uuid("organisation_id")
      .notNull()
      .references(() => organisations.id, { onDelete: "cascade" }),
    period: text("period").notNull(),
    revision: integer("revision").notNull(),
    current: boolean("current").notNull().default(true),
    /** Why this revision corrects the previous one; null for the first. Public. */
    reason: text("reason"),
    notifiedMin: integer("notified_min").notNull(),
    notifiedMax: integer("notified_max").notNull(),
    contentHash: text("content_hash").notNull(),
    publishedBy: text("published_by").references(() => users.id, { onDelete: "set null" }),
    publishedAt: timestamp("published_at", { withTimezone: true, mode: "date" }).notNull().defaultNow(),
    ledgerIndex: bigint("ledger_index", { mode: "number" }),
  },
  (t) => [
    uniqueIndex("transparency_reports_org_period_revision").on(t.organisationId, t.period, t.revision),
    uniqueIndex("transparency_reports_current")
      .on(t.organisationId, t.period)
      .where(sql`${t.current}`),
    index("transparency_reports_period_idx")
      .on(t.period)
      .where(sql`${t.current}`),
    check("transparency_reports_period_format", sql`${t.period} ~ '^[0-9]{4}-H[12]$'`),
    check("transparency_reports_notified_bounds", sql`${t.notifiedMin} >= 0 and ${t.notifiedMax} >= ${t.notifiedMin}`),
  ],
);

const bounds = (name: string) => ({ min: integer(`${name}_min`).notNull(), max: integer(`${name}_max`).notNull() });

/** One line of a revision: a requesting country and an instrument, with each count's bounds. */
export const transparencyRows = pgTable(
  "transparency_rows",
  {
    reportId: uuid("report_id")
      .notNull()
      .references(() => transparencyReports.id, { onDelete: "cascade" }),
    country: text("country").notNull(),
    instrument: text("instrument", { enum: transparencyInstruments }).notNull(),
    requestsMin: bounds("requests").min,
    requestsMax: bounds("requests").max,
    accountsMin: bounds("accounts").min,
    accountsMax: bounds("accounts").max,
    contentMin: bounds("content").min,
    contentMax: bounds("content").max,
    nonContentMin: bounds("non_content").min,
    nonContentMax: bounds("non_content").max,
    noDataMin: bounds("no_data").min,
    noDataMax: bounds("no_data").max,
    rejectedMin: bounds("rejected").min,
    rejectedMax: bounds("rejected").max,
    pendingMin: bounds("pending").min,
    pendingMax: bounds("pending").max,
    challengedMin: bounds("challenged").min,
    challengedMax: bounds("challenged").max,
  },
  (t) => [
    primaryKey({ columns: [t.reportId, t.country, t.instrument] }),
    index("transparency_rows_country_idx").on(t.country),
    check("transparency_rows_country_iso", sql`${t.country} ~ '^[A-Z]{2}$'`),
    check(
      "transparency_rows_bounds",
      sql`${t.requestsMin} >= 0 and ${t.requestsMax} >= ${t.requestsMin} and ${t.accountsMin} >= 0 and ${t.accountsMax} >= ${t.accountsMin} and ${t.contentMin} >= 0 and ${t.contentMax} >= ${t.contentMin} and ${t.nonContentMin} >= 0 and ${t.nonContentMax} >= ${t.nonContentMin} and ${t.noDataMin} >= 0 and ${t.noDataMax} >= ${t.noDataMin} and ${t.rejectedMin} >= 0 and ${t.rejectedMax} >= ${t.rejectedMin} and ${t.pendingMin} >= 0 and ${t.pendingMax} >= ${t.pendingMin} and ${t.challengedMin} >= 0 and ${t.challengedMax} >= ${t.challengedMin}`,
    ),
  ],
);

/* ---------- Public concerns about a signatory's conduct (see lib/concerns) ---------- */

/**
 * A concern's life: `submitted` (private, waiting for a moderator), `declined` (private, with a
 * reason for the submitter), `under_review` (admitted: public), `upheld` / `not_upheld` (decided,
 * public), `withdrawn` (by the submitter; public only if it had been admitted).
 */
export const concernStatuses = ["submitted", "declined", "under_review", "upheld", "not_upheld", "withdrawn"] as const;

export const concerns = pgTable(
  "concerns",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    organisationId: uuid("organisation_id")
      .notNull()
      .references(() => organisations.id, { onDelete: "cascade" }),
    principleSlug: text("principle_slug").notNull(),
    /** Private: never in a public page, the API, the feed or the log. */
    submitterId: text("submitter_id").references(() => users.id, { onDelete: "set null" }),
    /** What the submitter wrote (private: the public text is the moderator-approved version). */
    statement: text("statement").notNull(),
    evidenceLinks: jsonb("evidence_links").$type<string[]>().notNull().default([]),
    status: text("status", { enum: concernStatuses }).notNull().default("submitted"),
    /** The moderator-approved public text, set on admission. */
    publicStatement: text("public_statement"),
    publicEvidenceLinks: jsonb("public_evidence_links").$type<string[]>(),
    /** SHA-256 of the public text as logged on admission. */
    contentHash: text("content_hash"),
    /** Private reason for the submitter when declined. */
    declineReason: text("decline_reason"),
    moderatorId: text("moderator_id").references(() => users.id, { onDelete: "set null" }),
    admittedAt: timestamp("admitted_at", { withTimezone: true, mode: "date" }),
    admissionLedgerIndex: bigint("admission_ledger_index", { mode: "number" }),
    response: text("response"),
    responseHash: text("response_hash"),
    respondedBy: text("responded_by").references(() => users.id, { onDelete: "set null" }),
    respondedAt: timestamp("responded_at", { withTimezone: true, mode: "date" }),
    responseLedgerIndex: bigint("response_ledger_index", { mode: "number" }),
    /** The public reason for the outcome (upheld, not upheld, withdrawn). */
    outcomeReason: text("outcome_reason"),
    resolvedAt: timestamp("resolved_at", { withTimezone: true, mode: "date" }),
    resolutionLedgerIndex: bigint("resolution_ledger_index", { mode: "number" }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index("concerns_status_idx").on(t.status, t.admittedAt),
    index("concerns_organisation_idx").on(t.organisationId, t.admittedAt),
    index("concerns_submitter_idx").on(t.submitterId, t.createdAt),
    index("concerns_queue_idx").on(t.status, t.createdAt),
  ],
);

export type Concern = typeof concerns.$inferSelect;

/* ---------- The public directory (derived; see db/queries/listings.ts) ---------- */

export const listingStatuses = ["active", "withdrawn", "suspended"] as const;

/**
 * One row per listed signatory (an organisation that has signed and is verified or suspended),
 * rebuilt from the source tables by every change that affects it, so the directory, the API and
 * the CSV filter, sort and count one indexed table instead of joining five per request.
 */
export const signatoryListings = pgTable(
  "signatory_listings",
  {
    organisationId: uuid("organisation_id")
      .primaryKey()
      .references(() => organisations.id, { onDelete: "cascade" }),
    slug: text("slug").notNull().unique(),
    name: text("name").notNull(),
    legalName: text("legal_name").notNull(),
    domain: text("domain").notNull(),
    website: text("website"),
    country: text("country").notNull(),
    sector: text("sector").notNull(),
    /** lower(unaccent(name, legal name, domain)): what search matches, trigram-indexed. */
    searchText: text("search_text").notNull(),
    /** lower(unaccent(name)): sorting by name ignores case and accents. */
    sortName: text("sort_name").notNull(),
    status: text("status", { enum: listingStatuses }).notNull(),
    statusReason: text("status_reason"),
    /** The newest version with a standing signature, else the last version signed. */
    accordVersion: integer("accord_version").notNull(),
    contentHash: text("content_hash").notNull(),
    signerName: text("signer_name").notNull(),
    signerTitle: text("signer_title").notNull(),
    /** When that signature was made. */
    signedAt: timestamp("signed_at", { withTimezone: true, mode: "date" }).notNull(),
    signatureLedgerIndex: bigint("signature_ledger_index", { mode: "number" }),
    /** The earliest standing signature: a year after it (or the last report) a report falls due. */
    firstSignedAt: timestamp("first_signed_at", { withTimezone: true, mode: "date" }).notNull(),
    withdrawnAt: timestamp("withdrawn_at", { withTimezone: true, mode: "date" }),
    withdrawalReason: text("withdrawal_reason"),
    lastReportAt: timestamp("last_report_at", { withTimezone: true, mode: "date" }),
    /** When the next report falls due, for active signatories only. */
    reportDueAt: timestamp("report_due_at", { withTimezone: true, mode: "date" }),
    verificationMethod: text("verification_method", { enum: verificationMethods }),
    verifiedAt: timestamp("verified_at", { withTimezone: true, mode: "date" }),
    commitmentCount: integer("commitment_count").notNull().default(0),
    reportCount: integer("report_count").notNull().default(0),
    isDemo: boolean("is_demo").notNull().default(false),
    updatedAt: updatedAt(),
  },
  (t) => [
    // fastupdate off, like commitments_search_idx: no pending list for every directory search to scan.
    index("signatory_listings_search_idx")
      .using("gin", sql`${t.searchText} gin_trgm_ops`)
      .with({ fastupdate: false }),
    index("signatory_listings_signed_idx").on(t.signedAt, t.slug),
    index("signatory_listings_name_idx").on(t.sortName, t.slug),
    index("signatory_listings_status_idx").on(t.status, t.signedAt),
    index("signatory_listings_country_idx").on(t.country),
    index("signatory_listings_sector_idx").on(t.sector),
  ],
);

export type SignatoryListing = typeof signatoryListings.$inferSelect;

/* ---------- Identity proofs, moderation audit, rate limits ---------- */

/** Every attempt to prove an organisation's domain, successful or not: method, time, actor. */
export const domainProofs = pgTable(
  "domain_proofs",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    organisationId: uuid("organisation_id")
      .notNull()
      .references(() => organisations.id, { onDelete: "cascade" }),
    method: text("method", { enum: verificationMethods }).notNull(),
    outcome: text("outcome").notNull(),
    detail: text("detail").notNull().default(""),
    actorId: text("actor_id").references(() => users.id, { onDelete: "set null" }),
    createdAt: createdAt(),
  },
  (t) => [index("domain_proofs_organisation_idx").on(t.organisationId, t.createdAt)],
);

/** Moderator and admin actions (who, what, when, why); the public ones are also in the ledger. */
export const auditLog = pgTable(
  "audit_log",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    actorId: text("actor_id").references(() => users.id, { onDelete: "set null" }),
    action: text("action").notNull(),
    targetType: text("target_type").notNull(),
    targetId: text("target_id").notNull(),
    reason: text("reason").notNull().default(""),
    createdAt: createdAt(),
  },
  (t) => [index("audit_log_created_idx").on(t.createdAt)],
);

/** One row per counted attempt; a sliding window counts them (shared by all app instances). */
export const rateLimitHits = pgTable(
  "rate_limit_hits",
  {
    bucket: text("bucket").notNull(),
    at: timestamp("at", { withTimezone: true, mode: "date" }).notNull().defaultNow(),
  },
  (t) => [index("rate_limit_hits_bucket_at_idx").on(t.bucket, t.at)],
);

/* ---------- Background jobs and the notification outbox (lib/jobs, lib/notifications) ---------- */

export const jobStates = ["queued", "running", "done", "dead"] as const;

/**
 * Work done after commit by the server's one job runner, leased in the database so several
 * instances share it: a runner takes due rows with FOR UPDATE SKIP LOCKED and holds them until
 * `locked_until`; a lease that expires (a crashed instance) is taken over. Failures back off
 * (`run_at`) and a job is `dead` after `max_attempts`.
 */
export const jobs = pgTable(
  "jobs",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    /** Handler name, e.g. "email.send". */
    kind: text("kind").notNull(),
    payload: jsonb("payload").notNull().default({}),
    /** Optional idempotency key: queueing the same key twice keeps one job. */
    key: text("key").unique(),
    state: text("state", { enum: jobStates }).notNull().default("queued"),
    attempts: integer("attempts").notNull().default(0),
    maxAttempts: integer("max_attempts").notNull().default(12),
    /** When the job is next due (first run, or after back-off). */
    runAt: timestamp("run_at", { withTimezone: true, mode: "date" }).notNull().defaultNow(),
    lockedBy: text("locked_by"),
    lockedUntil: timestamp("locked_until", { withTimezone: true, mode: "date" }),
    lastError: text("last_error"),
    finishedAt: timestamp("finished_at", { withTimezone: true, mode: "date" }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index("jobs_due_idx")
      .on(t.runAt)
      .where(sql`${t.state} = 'queued'`),
    index("jobs_lease_idx")
      .on(t.lockedUntil)
      .where(sql`${t.state} = 'running'`),
  ],
);

/**
 * Every email the registry queues about an organisation or to one address: the rendered message
 * exactly as sent, with a stable Message-ID so a retried delivery is the same message to the
 * receiver. Written in the transaction of the change it reports; sent by the "email.send" job.
 */
export const notificationOutbox = pgTable(
  "notification_outbox",
  {
    id: uuid("id").primaryKey(),
    /** Idempotency key: the same notice to the same person is queued once. */
    key: text("key").notNull().unique(),
    kind: text("kind").notNull(),
    organisationId: uuid("organisation_id").references(() => organisations.id, { onDelete: "cascade" }),
    recipientUserId: text("recipient_user_id").references(() => users.id, { onDelete: "set null" }),
    toAddress: text("to_address").notNull(),
    subject: text("subject").notNull(),
    textBody: text("text_body").notNull(),
    htmlBody: text("html_body").notNull(),
    messageId: text("message_id").notNull().unique(),
    jobId: uuid("job_id").references(() => jobs.id, { onDelete: "set null" }),
    sentAt: timestamp("sent_at", { withTimezone: true, mode: "date" }),
    createdAt: createdAt(),
  },
  (t) => [index("notification_outbox_organisation_idx").on(t.organisationId, t.createdAt)],
);

export type Job = typeof jobs.$inferSelect;
export type OutboxEmail = typeof notificationOutbox.$inferSelect;

export type User = typeof users.$inferSelect;
export type DomainProof = typeof domainProofs.$inferSelect;
export type Organisation = typeof organisations.$inferSelect;
export type NewOrganisation = typeof organisations.$inferInsert;
export type Membership = typeof memberships.$inferSelect;
export type JoinRequest = typeof joinRequests.$inferSelect;
export type Invitation = typeof invitations.$inferSelect;
export type AccordVersion = typeof accordVersions.$inferSelect;
export type Signature = typeof signatures.$inferSelect;
export type Commitment = Omit<typeof commitments.$inferSelect, "searchDocument">;
export type CommitmentRevision = typeof commitmentRevisions.$inferSelect;
export type ProgressReport = typeof progressReports.$inferSelect;
export type ProgressReportItem = typeof progressReportItems.$inferSelect;
export type ProgressReportDraft = typeof progressReportDrafts.$inferSelect;
export type ProgressReportCorrection = typeof progressReportCorrections.$inferSelect;
export type TransparencyReport = typeof transparencyReports.$inferSelect;
export type TransparencyRow = typeof transparencyRows.$inferSelect;

/* ---------- The ledger (append-only; see lib/ledger) ---------- */

const bytea = customType<{ data: Uint8Array; driverData: Uint8Array }>({
  dataType: () => "bytea",
  fromDriver: (value) => new Uint8Array(value),
});

export const ledgerEntries = pgTable(
  "ledger_entries",
  {
    index: bigint("idx", { mode: "number" }).primaryKey(),
    /** Canonical JSON bytes exactly as hashed into the tree. */
    data: bytea("data").notNull(),
    kind: text("kind").notNull(),
    organisationSlug: text("organisation_slug"),
    at: timestamp("at", { withTimezone: true, mode: "date" }).notNull(),
  },
  (t) => [index("ledger_entries_organisation_idx").on(t.organisationSlug, t.index)],
);

/** Every complete subtree hash: (height, index) covers leaves [index·2^height, (index+1)·2^height). */
export const ledgerHashes = pgTable(
  "ledger_hashes",
  {
    level: integer("level").notNull(),
    index: bigint("idx", { mode: "number" }).notNull(),
    hash: bytea("hash").notNull(),
  },
  (t) => [primaryKey({ columns: [t.level, t.index] })],
);

export const ledgerCheckpoints = pgTable("ledger_checkpoints", {
  size: bigint("size", { mode: "number" }).primaryKey(),
  rootHash: bytea("root_hash").notNull(),
  /** The signed note, byte for byte as served at /ledger/checkpoint. */
  signedNote: text("signed_note").notNull(),
  createdAt: createdAt(),
});

/**
 * The log's identity, one row written when the log is created (a log from before this table adopts
 * it from its latest checkpoint): the origin every checkpoint names and the verifier key that signs
 * them, never the private key. A start whose SITE_URL or LEDGER_SIGNING_KEY disagrees refuses
 * (lib/ledger/io/identity.ts), so the log never mixes origins or keys.
 */
export const ledgerIdentity = pgTable(
  "ledger_identity",
  {
    id: integer("id").primaryKey().default(1),
    origin: text("origin").notNull(),
    verifierKey: text("verifier_key").notNull(),
    createdAt: createdAt(),
  },
  (t) => [check("ledger_identity_one_row", sql`${t.id} = 1`)],
);

/**
 * Witness cosignatures (C2SP tlog-cosignature) of the log's checkpoints, one row per witness and
 * tree size: the signature line exactly as the witness returned it, to be appended to the log's
 * signed checkpoint of that size. The witness is identified by its verifier key (name and key).
 */
export const ledgerCosignatures = pgTable(
  "ledger_cosignatures",
  {
    witnessKey: text("witness_key").notNull(),
    size: bigint("size", { mode: "number" }).notNull(),
    /** "— <name> <base64(key ID ‖ timestamp ‖ signature)>", without the newline. */
    signatureLine: text("signature_line").notNull(),
    /** The time the witness put in its cosignature. */
    cosignedAt: timestamp("cosigned_at", { withTimezone: true, mode: "date" }).notNull(),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.witnessKey, t.size] }), index("ledger_cosignatures_size_idx").on(t.size)],
);

/**
 * What the log knows of each witness it asks to cosign: the size the witness says it last cosigned
 * (from a 409), and the back-off after failures, so one unreachable witness is retried on its own
 * schedule without holding back the others.
 */
export const ledgerWitnessStatus = pgTable("ledger_witness_status", {
  witnessKey: text("witness_key").primaryKey(),
  /** The witness's latest cosigned size as far as the log knows (0: never). */
  knownSize: bigint("known_size", { mode: "number" }).notNull().default(0),
  failures: integer("failures").notNull().default(0),
  lastError: text("last_error"),
  lastAttemptAt: timestamp("last_attempt_at", { withTimezone: true, mode: "date" }),
  /** Not asked again before this time (back-off after a failure). */
  nextAttemptAt: timestamp("next_attempt_at", { withTimezone: true, mode: "date" }),
  updatedAt: updatedAt(),
});

export type LedgerEntryRow = typeof ledgerEntries.$inferSelect;
export type LedgerCheckpointRow = typeof ledgerCheckpoints.$inferSelect;

/* ---------- The policy studio (see lib/studio) ---------- */

export const studioDocumentKinds = ["preamble", "principle", "page"] as const;
/** published: live text, no pending change; draft: unpublished changes; review: waiting for a second editor. */
export const studioDocumentStates = ["published", "draft", "review"] as const;
/** Who wrote a draft: an editor in the studio, or a release that changed the shipped file in content/. */
export const studioDraftOrigins = ["editor", "release"] as const;

/**
 * One row per document the public site renders (the preamble, each principle, each page): its
 * published MDX source (frontmatter included) and at most one draft. `draftRevision` is the
 * optimistic lock: every change to the draft or its review state bumps it, and a write based on
 * an older value is a conflict rather than a silent overwrite.
 */
export const studioDocuments = pgTable(
  "studio_documents",
  {
    /** "preamble", a page slug ("about"), or "principle-<slug>": stable, used in studio URLs. */
    key: text("key").primaryKey(),
    kind: text("kind", { enum: studioDocumentKinds }).notNull(),
    /** Null until first published (a principle added in the studio or by a release). */
    publishedSource: text("published_source"),
    /** 0 until first published; then the revision in studio_revisions that is live. */
    publishedRevision: integer("published_revision").notNull().default(0),
    publishedAt: timestamp("published_at", { withTimezone: true, mode: "date" }),
    publishedBy: text("published_by").references(() => users.id, { onDelete: "set null" }),
    /** A removed principle keeps its row and history (its slug stays reserved for commitments). */
    removedAt: timestamp("removed_at", { withTimezone: true, mode: "date" }),
    state: text("state", { enum: studioDocumentStates }).notNull().default("published"),
    /** Null when there is no draft, or when the draft removes the principle (`draftRemoval`). */
    draftSource: text("draft_source"),
    draftRemoval: boolean("draft_removal").notNull().default(false),
    draftRevision: integer("draft_revision").notNull().default(0),
    draftOrigin: text("draft_origin", { enum: studioDraftOrigins }),
    draftUpdatedAt: timestamp("draft_updated_at", { withTimezone: true, mode: "date" }),
    draftUpdatedBy: text("draft_updated_by").references(() => users.id, { onDelete: "set null" }),
    /**
     * Every editor who changed the current draft (saved, proposed a removal, created the principle),
     * cleared with the draft when it is published or discarded. Under the two-person rule none of
     * them may approve it: the last writer alone is not the author of a colleague's text.
     */
    draftAuthors: text("draft_authors")
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    reviewRequestedBy: text("review_requested_by").references(() => users.id, { onDelete: "set null" }),
    reviewRequestedAt: timestamp("review_requested_at", { withTimezone: true, mode: "date" }),
    /** The changelog the requester wrote; published with the change when a second editor approves. */
    reviewChangelog: text("review_changelog"),
    /** Why a reviewer sent the draft back, shown in the editor until the next request. */
    returnComment: text("return_comment"),
    returnedBy: text("returned_by").references(() => users.id, { onDelete: "set null" }),
    returnedAt: timestamp("returned_at", { withTimezone: true, mode: "date" }),
    /** SHA-256 of the shipped file in content/ last imported: a release that changes it makes a draft. */
    shippedHash: text("shipped_hash"),
    createdAt: createdAt(),
  },
  (t) => [
    index("studio_documents_kind_idx").on(t.kind),
    check("studio_documents_draft_state", sql`(${t.state} = 'published') = (${t.draftSource} is null and not ${t.draftRemoval})`),
  ],
);

/** Every text ever published for a document, with its changelog, who made it live, and the accord version it produced. */
export const studioRevisions = pgTable(
  "studio_revisions",
  {
    documentKey: text("document_key")
      .notNull()
      .references(() => studioDocuments.key, { onDelete: "cascade" }),
    revision: integer("revision").notNull(),
    /** Null for the revision that removed a principle from the accord. */
    source: text("source"),
    changelog: text("changelog").notNull(),
    origin: text("origin", { enum: studioDraftOrigins }).notNull(),
    /** Who asked for review (null when published directly). */
    requestedBy: text("requested_by").references(() => users.id, { onDelete: "set null" }),
    /** Who made it live: the publishing editor, or the approving reviewer. */
    publishedBy: text("published_by").references(() => users.id, { onDelete: "set null" }),
    accordVersion: integer("accord_version").references(() => accordVersions.number),
    publishedAt: timestamp("published_at", { withTimezone: true, mode: "date" }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.documentKey, t.revision] }), index("studio_revisions_version_idx").on(t.accordVersion)],
);

export const studioEventActions = [
  "principle.created",
  "removal.proposed",
  "review.requested",
  "review.approved",
  "review.returned",
  "draft.discarded",
  "release.imported",
] as const;

/**
 * The studio's audit trail: who asked for review, approved, sent back (with the comment), discarded,
 * and what a release imported. A draft that is discarded or replaced by a release is kept in
 * `source`, so no saved text is ever lost.
 */
export const studioEvents = pgTable(
  "studio_events",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    documentKey: text("document_key")
      .notNull()
      .references(() => studioDocuments.key, { onDelete: "cascade" }),
    action: text("action", { enum: studioEventActions }).notNull(),
    actorId: text("actor_id").references(() => users.id, { onDelete: "set null" }),
    comment: text("comment").notNull().default(""),
    source: text("source"),
    createdAt: createdAt(),
  },
  (t) => [index("studio_events_document_idx").on(t.documentKey, t.createdAt)],
);

export type StudioDocument = typeof studioDocuments.$inferSelect;
export type StudioRevision = typeof studioRevisions.$inferSelect;
export type StudioEvent = typeof studioEvents.$inferSelect;

/**
 * Every page-cache purge, numbered, so instances sharing this database agree: the purging instance
 * writes a row and sends NOTIFY in one transaction (db/cache-purge-bus.mjs); an instance that was
 * not listening (a dropped connection) replays the rows after the last number it saw. Old rows
 * are pruned; an instance whose last number was pruned drops its whole cache instead.
 */
export const cachePurges = pgTable("cache_purges", {
  seq: bigint("seq", { mode: "number" }).primaryKey().generatedAlwaysAsIdentity(),
  tags: text("tags").array().notNull(),
  purgedAt: timestamp("purged_at", { withTimezone: true, mode: "date" }).notNull().defaultNow(),
});
