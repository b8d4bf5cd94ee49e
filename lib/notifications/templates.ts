import { renderNotificationEmail } from "@/lib/email/magic-link";
import type { RenderedEmail } from "@/lib/email/layout";
import { siteName as defaultSiteName } from "@/lib/site";
import type { NoticeKind } from "./notice-kind";

/**
 * One email per notice kind: it names the organisation, says what happened, gives the public
 * reason where there is one, and links to the dashboard (for those who act) or the public profile.
 * Pure functions (no I/O, no environment): the caller passes absolute URLs built on SITE_URL.
 *
 * `facts` are plain strings from the code that made the change. Known keys, all optional:
 * reason, note, version, signerName, signerTitle, method, domain, newOwner, owners, member,
 * requester, change, role, changelog, previousVersion, detail. A missing fact leaves its sentence
 * out, never an "undefined" in the mail.
 */

export type NoticeContext = {
  organisation: { displayName: string; slug: string };
  facts: Record<string, string>;
  /** Absolute URLs on SITE_URL. */
  dashboardUrl: string;
  profileUrl: string;
  siteName?: string;
};

type Draft = { title: string; paragraphs: (string | false | undefined | null)[]; action: "dashboard" | "profile" };

const reasonLine = (facts: Record<string, string>) => (facts.reason ? `Reason given: ${facts.reason}` : undefined);
const versionWord = (facts: Record<string, string>) => (facts.version ? `version ${facts.version} of the accord` : "the accord");

const methodWords: Record<string, string> = {
  email_domain: "by a work email address at the domain",
  dns_txt: "by a DNS TXT record on the domain",
  moderator: "by a moderator's review",
};

const drafts: Record<NoticeKind, (name: string, f: Record<string, string>) => Draft> = {
  "organisation.verified": (name, f) => ({
    title: `${name} is verified`,
    paragraphs: [
      `${name}${f.domain ? ` (${f.domain})` : ""} has proven its domain${f.method && methodWords[f.method] ? ` ${methodWords[f.method]}` : ""} and is now a verified organisation in the registry.`,
      f.note && `Note: ${f.note}`,
      f.detail,
      "Owners can now sign the accord on behalf of the organisation.",
    ],
    action: "dashboard",
  }),
  "accord.signed": (name, f) => ({
    title: `${name} signed ${versionWord(f)}`,
    paragraphs: [
      `${name} signed ${versionWord(f)}${f.signerName ? `; the signature was made by ${f.signerName}${f.signerTitle ? `, ${f.signerTitle}` : ""}` : ""}. It is public and recorded in the registry's ledger.`,
      f.detail,
      "If this was not agreed in your organisation, an owner can withdraw the signature from the dashboard; the withdrawal is public.",
    ],
    action: "dashboard",
  }),
  "accord.reaffirmed": (name, f) => ({
    title: `${name} re-affirmed ${versionWord(f)}`,
    paragraphs: [
      `${name} re-affirmed the accord by signing ${versionWord(f)}${f.signerName ? `; the signature was made by ${f.signerName}${f.signerTitle ? `, ${f.signerTitle}` : ""}` : ""}. It is public and recorded in the registry's ledger.`,
      f.detail,
      "If this was not agreed in your organisation, an owner can withdraw the signature from the dashboard; the withdrawal is public.",
    ],
    action: "dashboard",
  }),
  "signature.withdrawn": (name, f) => ({
    title: `${name} withdrew its signature`,
    paragraphs: [
      `${name} withdrew its signature of ${versionWord(f)}. The withdrawal is public and recorded in the registry's ledger.`,
      reasonLine(f),
      f.detail,
    ],
    action: "profile",
  }),
  "organisation.suspended": (name, f) => ({
    title: `${name} is suspended`,
    paragraphs: [
      `A moderator suspended ${name} in the registry. Its profile stays visible with the reason, and it cannot sign while suspended.`,
      reasonLine(f),
      f.detail,
      "If you think this is a mistake, contact the registry's moderators with what should be corrected.",
    ],
    action: "profile",
  }),
  "organisation.delisted": (name, f) => ({
    title: `${name} is delisted`,
    paragraphs: [`A moderator delisted ${name} from the registry. The profile shows the reason publicly.`, reasonLine(f), f.detail],
    action: "profile",
  }),
  "organisation.reinstated": (name, f) => ({
    title: `${name} is reinstated`,
    paragraphs: [`A moderator reinstated ${name}: it is a verified organisation in the registry again.`, f.reason && `Note: ${f.reason}`, f.detail],
    action: "dashboard",
  }),
  "ownership.changed": (name, f) => ({
    title: `Ownership of ${name} changed`,
    paragraphs: [
      `The owners of ${name} in the registry changed${f.newOwner ? `: ${f.newOwner} is now an owner` : ""}.`,
      f.owners && `Owners now: ${f.owners}.`,
      reasonLine(f),
      f.detail,
      "Ownership follows proof of the domain. If this is unexpected, prove the domain again from the dashboard or contact the moderators.",
    ],
    action: "dashboard",
  }),
  "membership.requested": (name, f) => ({
    title: `${f.requester ?? "Someone"} asks to join ${name}`,
    paragraphs: [`${f.requester ?? "Someone"} asked to join ${name} in the registry. An owner can approve or decline the request on the dashboard.`, f.detail],
    action: "dashboard",
  }),
  "membership.changed": (name, f) => ({
    title: `Membership of ${name} changed`,
    paragraphs: [
      f.member && f.change ? `${f.member}: ${f.change}.` : `The members of ${name} in the registry changed.`,
      f.role && `Role: ${f.role}.`,
      reasonLine(f),
      f.detail,
    ],
    action: "dashboard",
  }),
  "claim.closed": (name, f) => ({
    title: `Your claim to ${f.domain ?? name} is closed`,
    paragraphs: [`The registration of ${name}${f.domain ? ` (${f.domain})` : ""} is closed.`, reasonLine(f), f.detail],
    action: "dashboard",
  }),
  "accord.reaffirm_requested": (name, f) => ({
    title: `${name}: please re-affirm ${versionWord(f)}`,
    paragraphs: [
      `A new version of the accord${f.version ? `, version ${f.version},` : ""} was published. ${name}'s signature stands for ${f.previousVersion ? `version ${f.previousVersion}` : "an earlier version"}.`,
      f.changelog && `What changed: ${f.changelog}`,
      "An owner can read the new text and re-affirm it from the dashboard. Until then the profile shows the version you signed.",
    ],
    action: "dashboard",
  }),
  "concern.admitted": (name, f) => ({
    title: `A public concern about ${name}`,
    paragraphs: [
      `A moderator admitted a public concern that ${name} acted against the accord's principle${f.principle ? ` "${f.principle}"` : ""}. It is now public, marked "under review", and recorded in the registry's ledger. Who raised it is not disclosed.`,
      f.statement && `The concern as published: ${f.statement}`,
      "An owner can publish one response, shown beside the concern, from the dashboard.",
      f.detail,
    ],
    action: "dashboard",
  }),
  "concern.resolved": (name, f) => ({
    title: `A public concern about ${name} is ${f.outcome ?? "decided"}`,
    paragraphs: [
      `The public concern about ${name} is now ${f.outcome ?? "decided"}. The outcome is public and recorded in the registry's ledger.`,
      reasonLine(f),
      f.detail,
    ],
    action: "dashboard",
  }),
};

export function renderNotice(kind: NoticeKind, context: NoticeContext): RenderedEmail {
  const { organisation, facts, dashboardUrl, profileUrl, siteName = defaultSiteName } = context;
  const draft = drafts[kind](organisation.displayName, facts);
  const paragraphs = draft.paragraphs.filter((p): p is string => typeof p === "string" && p.trim() !== "");
  paragraphs.push(`You receive this because you are an owner or member of ${organisation.displayName} in ${siteName}.`);
  const action =
    draft.action === "dashboard" ? { label: "Open the dashboard", url: dashboardUrl } : { label: `See ${organisation.displayName}'s profile`, url: profileUrl };
  return renderNotificationEmail({ title: draft.title, paragraphs, action, siteName });
}
