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

export const homePath = "/";
export const accordPath = "/accord";
export const versionsPath = "/accord/versions";
export const directoryPath = "/signatories";
export const statsPath = "/signatories/stats";
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
export const signatoryApiPath = (slug: string) => `${SIGNATORIES_API_PATH}/${slug}`;

/* The ledger */
export const ledgerEntryPath = (index: number | string) => `/ledger/entries/${index}`;
export const receiptPath = (index: number | string) => `${ledgerEntryPath(index)}/receipt`;
export const ledgerEntryApiPath = (index: number) => `${API_BASE}/ledger/entries/${index}`;

/* Signed-in areas */
export const signInPathFor = (returnTo: string) => `${signInPath}?callbackUrl=${encodeURIComponent(returnTo)}`;
export const signForPath = (slug: string) => `${signPath}?organisation=${slug}`;
export const organisationDashboardPath = (slug: string) => `/dashboard/organisations/${slug}`;
export const commitmentPath = (slug: string, id: string) => `${organisationDashboardPath(slug)}/commitments/${id}`;
export const newReportPath = (slug: string) => `${organisationDashboardPath(slug)}/reports/new`;
export const invitationPath = (token: string) => `/dashboard/invitations/${token}`;
export const studioDocumentPath = (key: string) => `${studioPath}/${key}`;
