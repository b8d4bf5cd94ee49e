/**
 * Every internal address of the registry, built in one place (as transparency-dev/tessera's
 * api/layout/paths.go does for its log): pages, emails, the feed, the API and the badge all link
 * through these, so an address changes here or nowhere. Slugs and indexes are already validated
 * where they come from; nothing here encodes them.
 */

export const API_BASE = "/api/v1";
export const SIGNATORIES_API_PATH = `${API_BASE}/signatories`;
export const OPENAPI_PATH = `${API_BASE}/openapi.json`;
export const CSV_PATH = "/signatories.csv";
export const FEED_PATH = "/feed.xml";
export const TRANSPARENCY_API_PATH = `${API_BASE}/transparency`;
export const TRANSPARENCY_CSV_PATH = "/transparency.csv";
export const COMMITMENTS_API_PATH = `${API_BASE}/commitments`;
export const CONCERNS_API_PATH = `${API_BASE}/concerns`;
export const STATS_JSON_PATH = `${API_BASE}/stats`;

export const homePath = "/";
export const accordPath = "/accord";
export const versionsPath = "/accord/versions";
export const directoryPath = "/signatories";
export const statsPath = "/signatories/stats";
export const transparencyPath = "/transparency";
export const ledgerPath = "/ledger";
export const developersPath = "/developers";
export const joinPath = "/join";
export const aboutPath = "/about";
export const faqPath = "/faq";
export const signPath = "/sign";
export const signInPath = "/sign-in";
export const checkEmailPath = "/sign-in/check-email";
export const signInErrorPath = "/sign-in/error";
export const signOutPath = "/sign-out";
export const signDonePath = "/sign/done";
export const dashboardPath = "/dashboard";
export const newOrganisationPath = "/dashboard/organisations/new";
export const studioPath = "/studio";
export const adminPath = "/admin";
export const concernsPath = "/concerns";
export const newConcernPath = "/dashboard/concerns/new";
export const myConcernsPath = "/dashboard/concerns";
export const commitmentSearchPath = "/commitments";
export const adminConcernsPath = "/admin/concerns";

/* The accord */
export const principlePath = (slug: string) => `/accord/principles/${slug}`;
export const versionPath = (number: number | string) => `/accord/versions/${number}`;
export const versionDiffPath = (number: number | string) => `${versionPath(number)}/diff`;
export const versionSnapshotPath = (number: number) => `${versionPath(number)}/snapshot.json`;
/** The name a downloaded snapshot is saved under. */
export const snapshotFileName = (number: number) => `tech-accord-v${number}.json`;

/* Signatories */
export const profilePath = (slug: string) => `/signatories/${slug}`;
export const reportPath = (slug: string, year: number | string) => `${profilePath(slug)}/reports/${year}`;
export const badgePath = (slug: string) => `/badge/${slug}.svg`;
export const signatoryTransparencyPath = (slug: string) => `${profilePath(slug)}/transparency`;
export const signatoryApiPath = (slug: string) => `${SIGNATORIES_API_PATH}/${slug}`;

/* Public concerns */
export const concernPath = (id: string) => `${concernsPath}/${id}`;
export const newConcernForPath = (slug: string) => `${newConcernPath}?organisation=${slug}`;
export const concernResponsePath = (slug: string, id: string) => `${organisationDashboardPath(slug)}/concerns/${id}`;

/* The ledger */
export const ledgerEntryPath = (index: number | string) => `/ledger/entries/${index}`;
/** The latest checkpoint with a quorum of witness cosignatures (until there is one, the log's latest). */
export const ledgerCheckpointPath = "/ledger/checkpoint";
/** The latest checkpoint the log signed, before witnesses cosign it. */
export const ledgerLatestCheckpointPath = "/ledger/checkpoint/latest";
export const ledgerWitnessesApiPath = `${API_BASE}/ledger/witnesses`;
export const receiptPath = (index: number | string) => `${ledgerEntryPath(index)}/receipt`;
export const ledgerEntryApiPath = (index: number) => `${API_BASE}/ledger/entries/${index}`;

/* Signed-in areas */
export const signInPathFor = (returnTo: string) => `${signInPath}?callbackUrl=${encodeURIComponent(returnTo)}`;
export const signForPath = (slug: string) => `${signPath}?organisation=${slug}`;
export const organisationDashboardPath = (slug: string) => `/dashboard/organisations/${slug}`;
export const commitmentPath = (slug: string, id: string) => `${organisationDashboardPath(slug)}/commitments/${id}`;
export const newReportPath = (slug: string) => `${organisationDashboardPath(slug)}/reports/new`;
/** The report form for a year's draft (members write it, owners publish it). */
export const reportDraftPath = (slug: string, year: number) => `${newReportPath(slug)}?year=${year}`;
export const correctReportPath = (slug: string, year: number | string) => `${organisationDashboardPath(slug)}/reports/${year}/correct`;
/** One revision of a public report (1 is the original). */
export const reportRevisionPath = (slug: string, year: number | string, revision: number) => `${reportPath(slug, year)}?revision=${revision}`;
export const transparencyDashboardPath = (slug: string) => `${organisationDashboardPath(slug)}/transparency`;
export const correctTransparencyPath = (slug: string, period: string) => `${transparencyDashboardPath(slug)}/${period}/correct`;
export const invitationPath = (token: string) => `/dashboard/invitations/${token}`;
export const studioDocumentPath = (key: string) => `${studioPath}/${key}`;
