import Link from "next/link";
import type { ReactNode } from "react";
import { CodeBlock } from "@/components/code-block";
import { TableOfContents } from "@/components/table-of-contents";
import { verificationMethods } from "@/db/schema";
import type { BadgeState } from "@/lib/badge/status";
import { badgeSnippets } from "@/lib/badge/snippets";
import { badgeMessage } from "@/lib/badge/svg";
import { FEED_EVENT_KINDS, FEED_LIMIT, type FeedEventKind } from "@/lib/feed/atom";
import { pageMetadata } from "@/lib/metadata";
import { csvColumns, CSV_FILENAME } from "@/lib/open-data/csv";
import { exampleCsv, exampleEntry, exampleError, exampleListBody } from "@/lib/open-data/examples";
import { OPEN_DATA_CACHE_CONTROL } from "@/lib/open-data/http";
import { API_LIMIT_DEFAULT } from "@/lib/open-data/query";
import {
  CSV_PATH,
  FEED_PATH,
  OPENAPI_PATH,
  SIGNATORIES_API_PATH,
  TRANSPARENCY_API_PATH,
  TRANSPARENCY_CSV_PATH,
  developersPath,
  directoryPath,
  ledgerPath,
} from "@/lib/paths";
import { absoluteUrl } from "@/lib/site";
import { API_LIMIT_MAX, DEFAULT_SORT, DIRECTORY_QUERY_MAX, directorySorts, directoryStatuses } from "@/lib/validation/directory";
import { sectors } from "@/lib/validation/organisation";
import { linkClass } from "@/components/styles";
import { COMMITMENT_QUERY_MAX, COMMITMENT_SEARCH_LIMIT_MAX, COMMITMENT_SEARCH_PAGE_MAX } from "@/lib/validation/commitment-search";
import { COMMITMENTS_API_PATH, CONCERNS_API_PATH, STATS_JSON_PATH, commitmentSearchPath, concernsPath, statsPath } from "@/lib/paths";
import { ledgerKindDocs } from "./_components/ledger-kinds";
import { TransparencySection } from "./_components/transparency-section";

export const metadata = pageMetadata({
  title: "Open data for developers",
  description: "The registry's JSON API, CSV download, Atom feed, live badges and verifiable ledger: no key, open CORS, documented with OpenAPI 3.1.",
  path: developersPath,
});

const toc = [
  { id: "at-a-glance", text: "At a glance", depth: 2 },
  { id: "json-api", text: "JSON API", depth: 2 },
  { id: "parameters", text: "Parameters", depth: 3 },
  { id: "pagination", text: "Pagination with cursors", depth: 3 },
  { id: "one-signatory", text: "One signatory", depth: 3 },
  { id: "errors", text: "Errors", depth: 3 },
  { id: "caching", text: "Caching, ETag and CORS", depth: 3 },
  { id: "csv", text: "CSV download", depth: 2 },
  { id: "feed", text: "Atom feed", depth: 2 },
  { id: "commitment-search", text: "Commitment search", depth: 2 },
  { id: "concerns", text: "Public concerns", depth: 2 },
  { id: "statistics", text: "Statistics", depth: 2 },
  { id: "transparency", text: "Transparency reports", depth: 2 },
  { id: "badges", text: "Status badges", depth: 2 },
  { id: "ledger", text: "The ledger", depth: 2 },
  { id: "ledger-kinds", text: "Ledger event kinds", depth: 3 },
  { id: "openapi", text: "OpenAPI description", depth: 2 },
];

const feedKindText: Record<FeedEventKind, string> = {
  "accord.signed": "an organisation signed a version of the accord",
  "signature.withdrawn": "an organisation withdrew its signature, with its public reason",
  "organisation.suspended": "a moderator suspended an organisation, with the public reason",
  "organisation.delisted": "a moderator delisted an organisation, with the public reason",
  "organisation.reinstated": "a moderator reinstated an organisation",
  "progress.reported": "a signatory published its yearly progress report",
  "progress.corrected": "a signatory corrected a published progress report, with its public reason",
  "transparency.published": "a signatory published its figures on government requests for a half-year",
  "transparency.corrected": "a signatory corrected its figures for a half-year, with its public reason",
  "concern.admitted": "a moderator admitted a public concern about a signatory (its submitter is never named)",
  "concern.responded": "the signatory published its response to a concern",
  "concern.resolved": "a concern was upheld or not upheld by a moderator, with the public reason, or withdrawn by its submitter",
  "accord.published": "a new version of the accord's text was published, with its changelog",
};

const badgeExamples: { state: BadgeState; meaning: string }[] = [
  { state: { kind: "signed", name: exampleEntry.name, version: 1 }, meaning: "A standing signature; the number is the newest accord version it signed." },
  { state: { kind: "withdrawn", name: exampleEntry.name }, meaning: "Every signature has been withdrawn." },
  { state: { kind: "suspended", name: exampleEntry.name }, meaning: "A moderator suspended the organisation (this outranks its signature)." },
  { state: { kind: "delisted", name: exampleEntry.name }, meaning: "A moderator delisted the organisation." },
  { state: { kind: "unsigned", name: exampleEntry.name }, meaning: "The organisation proved its domain but has not signed." },
  { state: { kind: "not-found" }, meaning: "No public organisation has this slug (served with status 404, still as an image)." },
];

const code = (text: string) => <code className="rounded bg-ink-100 px-1 py-0.5 font-mono text-[0.9em] [overflow-wrap:anywhere] dark:bg-ink-800">{text}</code>;
const values = (list: readonly string[]) =>
  list.map((v, i) => (
    <span key={v}>
      {i > 0 ? ", " : null}
      {code(v)}
    </span>
  ));

/** A reference table; cells wrap anywhere so long identifiers never push the page sideways on a phone. */
function DocTable({ caption, columns, rows }: { caption: string; columns: readonly string[]; rows: readonly (readonly ReactNode[])[] }) {
  return (
    <table className="mt-4 w-full border-collapse text-left text-sm">
      <caption className="mb-2 text-left text-muted">{caption}</caption>
      <thead>
        <tr className="border-b border-ink-300 dark:border-ink-600">
          {columns.map((label) => (
            <th key={label} scope="col" className="py-1.5 pr-3 align-bottom font-semibold last:pr-0">
              {label}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.map(([header, ...cells], i) => (
          <tr key={i} className="border-b border-ink-200 align-top dark:border-ink-800">
            <th scope="row" className="py-1.5 pr-3 font-normal [overflow-wrap:anywhere]">
              {header}
            </th>
            {cells.map((cell, j) => (
              <td key={j} className="py-1.5 pr-3 [overflow-wrap:anywhere] last:pr-0">
                {cell}
              </td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function Section({ id, title, children }: { id: string; title: string; children: ReactNode }) {
  return (
    <section aria-labelledby={id} className="mt-12 border-t border-ink-200 pt-8 dark:border-ink-800">
      <h2 id={id} className="font-serif text-3xl font-semibold">
        {title}
      </h2>
      <div className="mt-4 space-y-4 leading-relaxed">{children}</div>
    </section>
  );
}

const H3 = ({ id, children }: { id: string; children: ReactNode }) => (
  <h3 id={id} className="pt-4 font-serif text-xl font-semibold">
    {children}
  </h3>
);

export default function DevelopersPage() {
  const site = absoluteUrl("/").replace(/\/$/, "");
  const api = `${site}${SIGNATORIES_API_PATH}`;
  const listExample = exampleListBody(site);
  const badge = badgeSnippets({ siteUrl: site, slug: exampleEntry.slug, name: exampleEntry.name });
  return (
    <div className="mx-auto grid max-w-6xl grid-cols-1 gap-10 px-4 py-12 sm:px-6 lg:grid-cols-[16rem_minmax(0,1fr)]">
      <aside className="lg:sticky lg:top-6 lg:max-h-[calc(100vh-3rem)] lg:self-start lg:overflow-y-auto">
        <TableOfContents items={toc} label="Contents" />
      </aside>
      <article className="min-w-0 max-w-3xl">
        <header>
          <p className="text-sm font-semibold uppercase tracking-wide text-accord-700 dark:text-accord-300">Open data</p>
          <h1 className="mt-2 font-serif text-4xl font-semibold tracking-tight">Open data for developers</h1>
          <p className="mt-4 text-lg text-muted">
            Everything the registry shows about its signatories is yours to reuse: a JSON API, a CSV file, an Atom feed, live badges and a ledger you can verify
            without trusting us. There is no key and no sign-up, and any website may read the data from the browser.
          </p>
        </header>

        <Section id="at-a-glance" title="At a glance">
          <DocTable
            caption="Open data endpoints"
            columns={["URL", "Format", "What it holds"]}
            rows={[
              [code(SIGNATORIES_API_PATH), "JSON", "Listed signatories with filters, sorting and cursor pagination."],
              [code(`${SIGNATORIES_API_PATH}/<slug>`), "JSON", "One signatory with its signatures, commitments, reports and ledger entries."],
              [code(CSV_PATH), "CSV", "Every listed signatory, one row each; the directory's filters narrow it."],
              [code(FEED_PATH), "Atom", "New signatures, withdrawals, moderation decisions, progress reports and accord versions; per filter too."],
              [code(`${COMMITMENTS_API_PATH}?q=…`), "JSON", "Full-text search over every signatory's commitments."],
              [code(CONCERNS_API_PATH), "JSON", "Public concerns about signatories, with responses and outcomes."],
              [code(STATS_JSON_PATH), "JSON", "The statistics series: standing signatories month by month, by country and by sector."],
              [code(TRANSPARENCY_API_PATH), "JSON", "Government-request transparency reports, filtered by signatory, country, period and instrument."],
              [code(TRANSPARENCY_CSV_PATH), "CSV", "The same, one row per requesting country and instrument."],
              [code("/badge/<slug>.svg"), "SVG", "A live status badge to embed."],
              [code("/ledger/…"), "C2SP", "The tamper-evident log: checkpoint, tiles, entries and proofs."],
              [code(OPENAPI_PATH), "JSON", "An OpenAPI 3.1 description of all of the above."],
            ]}
          />
          <p>
            A <em>listed signatory</em> is an organisation that proved its domain and signed the accord, and has not been delisted. Withdrawn and suspended
            signatories stay listed with their status, because the registry erases nothing.
          </p>
        </Section>

        <Section id="json-api" title="JSON API">
          <p>
            {code(`GET ${SIGNATORIES_API_PATH}`)} returns a page of signatories, with the same filters as the{" "}
            <Link href={directoryPath} className={linkClass}>
              directory
            </Link>
            . Every URL in a response is absolute.
          </p>
          <CodeBlock label="List signatories with curl">{`curl '${api}?country=DE&status=active&limit=50'\ncurl '${api}?q=cloud&sort=newest'`}</CodeBlock>

          <H3 id="parameters">Parameters</H3>
          <p>Every parameter is optional and may be given once. An unknown or repeated parameter, or a bad value, is refused with status 400.</p>
          <DocTable
            caption={`Query parameters of ${SIGNATORIES_API_PATH}`}
            columns={["Parameter", "Values", "Meaning"]}
            rows={[
              [code("q"), `Text, up to ${DIRECTORY_QUERY_MAX} characters`, "Search names, legal names and domains, ignoring case and accents."],
              [
                code("country"),
                <>
                  ISO 3166-1 code, such as {code("DE")} or {code("KE")}
                </>,
                "Organisations based in that country.",
              ],
              [code("sector"), values(sectors), "Organisations in that sector."],
              [code("status"), values(directoryStatuses), <>Listing status; {code("overdue")} means active with a yearly report more than 90 days late.</>],
              [code("version"), "An accord version number, such as 1", "Signatures of that version of the text."],
              [
                code("method"),
                values(verificationMethods),
                "How the organisation proved its domain: a work email at it, a DNS TXT record, or a moderator's review.",
              ],
              [
                code("sort"),
                values(directorySorts),
                <>By name (the default, {code(DEFAULT_SORT)}), newest or oldest signature first. Ties are broken by slug.</>,
              ],
              [code("limit"), `1 to ${API_LIMIT_MAX}`, `Entries per page (default ${API_LIMIT_DEFAULT}).`],
              [code("cursor"), <>The {code("nextCursor")} of the previous page</>, "Where the page starts. Opaque: do not build or edit one."],
            ]}
          />
          <p>The response, shortened to one entry:</p>
          <CodeBlock label="Example list response">{JSON.stringify(listExample, null, 2)}</CodeBlock>

          <H3 id="pagination">Pagination with cursors</H3>
          <p>
            Pages are cut by position, not by number: {code("nextCursor")} marks the last entry of the page, and the next request continues strictly after it. A
            signature added while you walk the pages therefore never shifts an entry onto two pages or drops one. Follow {code("links.next")} (or pass{" "}
            {code("nextCursor")} as {code("cursor")} with the same other parameters) until it is {code("null")}. {code("total")} counts every match over all
            pages. A cursor belongs to the sort order that produced it: using it with a different {code("sort")}, or a cursor that was altered, is a 400.
          </p>
          <CodeBlock label="Walk every page with curl and jq">{`url='${api}?limit=${API_LIMIT_MAX}'\nwhile [ "$url" != null ]; do\n  page=$(curl -s "$url")\n  echo "$page" | jq -c '.data[] | {slug, name, status}'\n  url=$(echo "$page" | jq -r '.links.next')\ndone`}</CodeBlock>

          <H3 id="one-signatory">One signatory</H3>
          <p>
            {code(`GET ${SIGNATORIES_API_PATH}/<slug>`)} returns {code("{ data }")}: the same fields as a list entry, plus the description, every signature
            (standing, then withdrawn), the commitments grouped by principle (status, target date, evidence links, revision and the SHA-256 of the
            revision&apos;s content), the progress reports (year, publication time, page and ledger index) and the organisation&apos;s ledger entries, newest
            first, each with a link to its page and to {code("/api/v1/ledger/entries/<n>")}. An unknown, delisted or never-signed slug is a 404; a malformed one
            is a 400.
          </p>
          <CodeBlock label="One signatory with curl">{`curl ${api}/${exampleEntry.slug}`}</CodeBlock>

          <H3 id="errors">Errors</H3>
          <p>
            Errors are JSON with a code, a sentence naming the parameter, and {code("fields")} with one message per offending parameter. A bad request is never
            retried into success: fix the parameter it names.
          </p>
          <CodeBlock label="Example error response">{`HTTP/1.1 400 Bad Request\n\n${JSON.stringify(exampleError(), null, 2)}`}</CodeBlock>

          <H3 id="caching">Caching, ETag and CORS</H3>
          <p>
            Responses carry {code(`Cache-Control: ${OPEN_DATA_CACHE_CONTROL}`)} and a strong {code("ETag")}, a hash of the body. The data changes only when an
            organisation signs, withdraws, reports, registers a commitment or is moderated, so poll politely: send the ETag back in {code("If-None-Match")} and
            an unchanged resource answers {code("304 Not Modified")} with no body. Between changes, answers come from the registry&apos;s cache.
          </p>
          <CodeBlock label="A conditional request with curl">{`curl -si ${api} | grep -i '^etag'\ncurl -si ${api} -H 'If-None-Match: "<the etag>"'   # HTTP/1.1 304 Not Modified`}</CodeBlock>
          <p>
            Every response, errors included, says {code("Access-Control-Allow-Origin: *")}, so a page on any site can call the API with {code("fetch")}.
            Preflight ({code("OPTIONS")}) requests are answered for {code("GET")}, {code("HEAD")} and the {code("If-None-Match")} header. {code("HEAD")} works
            on every endpoint.
          </p>
        </Section>

        <Section id="csv" title="CSV download">
          <p>
            <a href={CSV_PATH} className={linkClass} download={CSV_FILENAME}>
              {CSV_PATH}
            </a>{" "}
            holds every listed signatory, one row each, in slug order. It follows RFC 4180: UTF-8 text, CRLF line ends, a header row, and fields in double
            quotes when they contain a comma, a quote, a CR or a LF, with quotes inside doubled. Empty fields mean &ldquo;none&rdquo;; times are RFC 3339 in
            UTC. It is streamed, so it starts at once however large the registry. It takes the directory&apos;s filters and sort ({code("q")}, {code("country")}
            , {code("sector")}, {code("status")}, {code("version")}, {code("method")}, {code("sort")}, as in the API above): copy a directory address&apos;s
            query onto it, such as {code(`${CSV_PATH}?country=DE&status=active`)}. Without {code("sort")} rows are in slug order. A bad or unknown parameter is
            a 400 naming it, never a silently unfiltered file.
          </p>
          <p>
            <strong>Spreadsheet safety.</strong> A cell that starts with {code("=")}, {code("+")}, {code("-")}, {code("@")}, a tab or a carriage return would
            run as a formula in a spreadsheet. The text in the file comes from signatories, so such a cell is written with a leading apostrophe ({code("'")}),
            which spreadsheets show as plain text. Strip one leading apostrophe from those cells if you need the raw value.
          </p>
          <DocTable
            caption="Columns of the CSV file, in order"
            columns={["Column", "Meaning"]}
            rows={csvColumns.map((column) => [code(column.name), column.meaning])}
          />
          <CodeBlock label="Example CSV">{exampleCsv(site).replaceAll("\r\n", "\n")}</CodeBlock>
          <CodeBlock label="Download the CSV with curl">{`curl -o ${CSV_FILENAME} ${site}${CSV_PATH}`}</CodeBlock>
        </Section>

        <Section id="feed" title="Atom feed">
          <p>
            <a href={FEED_PATH} className={linkClass}>
              {FEED_PATH}
            </a>{" "}
            is an Atom feed (RFC 4287) of the newest {FEED_LIMIT} of these ledger events, newest first:
          </p>
          <ul className="list-disc space-y-1 pl-6">
            {FEED_EVENT_KINDS.map((kind) => (
              <li key={kind}>
                {code(kind)}: {feedKindText[kind]}.
              </li>
            ))}
          </ul>
          <p>
            Each item links to the organisation&apos;s profile (or the report, the transparency figures, the concern or the accord version) and its id is the
            ledger entry&apos;s URL, so an item never changes. Feed readers can use {code("If-None-Match")} as with the API.
          </p>
          <p>
            A feed per filter: {code(`${FEED_PATH}?country=DE`)}, {code(`${FEED_PATH}?sector=cloud-and-hosting&status=active`)} and so on take the
            directory&apos;s filters ({code("q")}, {code("country")}, {code("sector")}, {code("status")}, {code("version")}, {code("method")}) and carry the
            events of the signatories that match them now, plus every new version of the accord, which concerns them all. Each filtered feed has its own id and
            title. A bad or unknown parameter is a 400.
          </p>
        </Section>

        <Section id="commitment-search" title="Commitment search">
          <p>
            {code(`GET ${COMMITMENTS_API_PATH}?q=<words>`)} searches the title and description of every public commitment with PostgreSQL&apos;s full-text
            search in English (word forms match: {code("vulnerabilities")} finds {code("vulnerability")}). {code("q")} takes web-search syntax: &ldquo;quoted
            phrases&rdquo;, {code("or")}, and {code("-word")} to leave a word out; it never fails on syntax. Results are ranked best first. The same search, for
            people, is{" "}
            <Link href={commitmentSearchPath} className={linkClass}>
              {commitmentSearchPath}
            </Link>
            .
          </p>
          <DocTable
            caption="Parameters of the commitment search"
            columns={["Parameter", "Values", "Meaning"]}
            rows={[
              [code("q"), `1 to ${COMMITMENT_QUERY_MAX} characters (required)`, "The words to find."],
              [code("principle"), "A principle's slug, such as defence-not-offence", "Only commitments under that principle."],
              [code("limit"), `1 to ${COMMITMENT_SEARCH_LIMIT_MAX}`, "Results per page (default 20)."],
              [code("page"), `1 to ${COMMITMENT_SEARCH_PAGE_MAX}`, <>The page; follow {code("links.next")}.</>],
            ]}
          />
          <p>
            Each result has the commitment&apos;s id, organisation, principle, title, status, the time it was last updated, its rank, and an {code("excerpt")}{" "}
            of the description with each matched word in square brackets.
          </p>
          <CodeBlock label="Search commitments with curl">{`curl '${site}${COMMITMENTS_API_PATH}?q=%22vulnerability+disclosure%22&limit=5'`}</CodeBlock>
        </Section>

        <Section id="concerns" title="Public concerns">
          <p>
            Anyone signed in may raise a concern that a signatory acted against a principle. A concern becomes public only when a moderator admits it, with the
            text the moderator approved; who raised it is never published. {code(`GET ${CONCERNS_API_PATH}`)} lists the admitted ones, newest first, with their
            status ({values(["under_review", "upheld", "not_upheld", "withdrawn"])}), evidence links, the signatory&apos;s response, the outcome and the ledger
            entry of each step. Parameters: {code("status")}, {code("signatory")} (a slug), {code("limit")} (1 to 100, default 20) and {code("page")}. People
            read them at{" "}
            <Link href={concernsPath} className={linkClass}>
              {concernsPath}
            </Link>
            .
          </p>
          <CodeBlock label="Upheld concerns with curl">{`curl '${site}${CONCERNS_API_PATH}?status=upheld'`}</CodeBlock>
        </Section>

        <Section id="statistics" title="Statistics">
          <p>
            {code(`GET ${STATS_JSON_PATH}`)} is the series behind the{" "}
            <Link href={statsPath} className={linkClass}>
              statistics page
            </Link>
            : the headline figures, every month from the first signature to this one (how many joined and left, and how many stood at the month&apos;s end,
            quiet months included), and the standing signatories by country and by sector. The response names its definitions. It takes no parameters.
          </p>
          <CodeBlock label="The monthly series with curl and jq">{`curl -s ${site}${STATS_JSON_PATH} | jq -c '.months[]'`}</CodeBlock>
        </Section>

        <TransparencySection site={site} />

        <Section id="badges" title="Status badges">
          <p>
            {code("/badge/<slug>.svg")} is an image of an organisation&apos;s live status, cached for a few minutes only, so a site that embeds it shows the
            truth soon after a change. Its title and accessible name say the status in a sentence. Every profile page offers the snippet to copy.
          </p>
          <DocTable
            caption="What a badge can say"
            columns={["Badge text", "Meaning"]}
            rows={badgeExamples.map(({ state, meaning }) => [code(badgeMessage(state)), meaning])}
          />
          <CodeBlock label="Embed a badge (HTML)">{badge.html}</CodeBlock>
          <CodeBlock label="Embed a badge (Markdown)">{badge.markdown}</CodeBlock>
        </Section>

        <Section id="ledger" title="The ledger">
          <p>
            Every public event is an entry in an append-only Merkle tree (RFC 6962 hashing), published in the open C2SP formats, so you can check that history
            was never rewritten. See the{" "}
            <Link href={ledgerPath} className={linkClass}>
              ledger page
            </Link>{" "}
            for the current checkpoint and the verifier key.
          </p>
          <DocTable
            caption="Ledger endpoints"
            columns={["URL", "What it serves"]}
            rows={[
              [
                code("/ledger/checkpoint"),
                "The latest checkpoint (C2SP tlog-checkpoint) cosigned by a quorum of witnesses: a C2SP signed note with the log's Ed25519 signature and the witnesses' tlog-cosignature lines. Until a quorum exists, the log's latest signed checkpoint.",
              ],
              [code("/ledger/checkpoint/latest"), "The newest checkpoint the log signed, before witnesses cosign it."],
              [code("/api/v1/ledger/witnesses"), "The witnesses: name, verifier key, URL, last cosigned size and time, and the quorum."],
              [code("/ledger/key"), "The verifier key to pin."],
              [code("/ledger/tile/<L>/<N>[.p/<W>]"), "Hash tiles (C2SP tlog-tiles, width 256). Full tiles never change and may be cached forever."],
              [code("/ledger/tile/entries/<N>[.p/<W>]"), "Entry bundles: each entry's canonical JSON after a two-byte length."],
              [code("/api/v1/ledger/entries/<n>"), "One entry as JSON with its inclusion proof and the checkpoint it is proven against."],
              [code("/ledger/entries/<n>/receipt"), "A C2SP tlog-proof receipt for one entry, to keep as offline proof."],
              [code("/api/v1/ledger/consistency?from=<size>[&to=<size>]"), "An RFC 9162 proof that a smaller tree is a prefix of a larger one."],
            ]}
          />
          <p>
            With this project&apos;s source checked out, one command fetches every tile and entry, checks each entry hashes to its leaf, recomputes the root,
            verifies the signature and remembers the checkpoint, so the next run proves the log only grew.
          </p>
          <CodeBlock label="Verify the ledger">{`npm run verify-ledger -- ${site} --key '<verifier key from /ledger>'`}</CodeBlock>
          <CodeBlock label="Fetch raw ledger data">{`curl ${site}/ledger/checkpoint\ncurl ${site}/ledger/tile/0/000.p/1 | xxd | head\ncurl ${site}/api/v1/ledger/entries/0\ncurl '${site}/api/v1/ledger/consistency?from=1'`}</CodeBlock>
          <p className="text-sm text-muted">
            Keep the key you first saw rather than fetching it afresh each time: a pinned key is what lets you notice a registry that replaced its log and its
            key together. Exit codes: 0 verified, 1 failed verification, 2 usage, 3 fetch error, 4 key problem, 5 fewer than the quorum of witnesses cosigned.
          </p>
          <p>
            Independent witnesses (C2SP tlog-witness) check that every checkpoint extends the last one they saw and cosign it, so a registry showing one history
            to some readers and another to others would need the witnesses to collude. Require a quorum of the witnesses you trust (their keys are on the ledger
            page and at {code("/api/v1/ledger/witnesses")}); a receipt downloaded from an entry&apos;s page carries the cosigned checkpoint and verifies
            offline. Anyone can run a witness with {code("npm run witness -- --log-key <the log's key>")} (see docs/ledger.md).
          </p>
          <CodeBlock label="Verify with a quorum of witnesses">{`npm run verify-ledger -- ${site} --key '<log key>' --witness '<witness key>' --witness '<witness key>' --quorum 2
npm run verify-ledger -- --receipt tech-accord-entry-7.tlog-proof --key '<log key>' --witness '<witness key>' --quorum 1`}</CodeBlock>

          <H3 id="ledger-kinds">Ledger event kinds</H3>
          <p>
            Each entry is canonical JSON (keys sorted, no whitespace) with a {code("kind")}, an {code("at")} time (RFC 3339, UTC) and, except for new accord
            versions, the {code("organisation")} it concerns ({code("slug")}, {code("name")}, {code("domain")}). Entries hold public fields only: never an email
            address, a user id or a private note. The registry may add kinds: a copy of {code("verify-ledger")} older than a kind warns about it (the log&apos;s
            integrity does not depend on knowing what an entry means: its bytes are checked all the same) and fails only with {code("--strict")}.
          </p>
          <DocTable
            caption="Kinds of ledger entry"
            columns={["Kind", "What it records", "Fields"]}
            rows={Object.entries(ledgerKindDocs).map(([kind, doc]) => [code(kind), doc.meaning, doc.fields])}
          />
        </Section>

        <Section id="openapi" title="OpenAPI description">
          <p>
            <a href={OPENAPI_PATH} className={linkClass}>
              {OPENAPI_PATH}
            </a>{" "}
            describes every endpoint on this page in OpenAPI 3.1: parameters with their allowed values, response schemas and the error format. Load it into your
            favourite client generator or API explorer.
          </p>
          <CodeBlock label="Fetch the OpenAPI description">{`curl ${site}${OPENAPI_PATH}`}</CodeBlock>
        </Section>
      </article>
    </div>
  );
}
