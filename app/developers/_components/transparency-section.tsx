import type { ReactNode } from "react";
import { CodeBlock } from "@/components/code-block";
import { linkClass } from "@/components/styles";
import { TRANSPARENCY_API_PATH, TRANSPARENCY_CSV_PATH, transparencyPath } from "@/lib/paths";
import { instrumentLabels, transparencyInstruments } from "@/lib/transparency/figures";
import { TRANSPARENCY_CSV_FILENAME, transparencyCsvColumns } from "@/lib/transparency/open-data";
import { TRANSPARENCY_API_LIMIT_DEFAULT, TRANSPARENCY_API_LIMIT_MAX } from "@/lib/validation/transparency";

const code = (text: string) => <code className="rounded bg-ink-100 px-1 py-0.5 font-mono text-[0.9em] [overflow-wrap:anywhere] dark:bg-ink-800">{text}</code>;

function Table({ caption, columns, rows }: { caption: string; columns: string[]; rows: ReactNode[][] }) {
  return (
    <div role="region" aria-label={caption} tabIndex={0} className="overflow-x-auto">
      <table className="w-full border-collapse text-left text-sm">
        <caption className="mb-2 text-left text-muted">{caption}</caption>
        <thead>
          <tr className="border-b border-ink-300 dark:border-ink-600">
            {columns.map((c) => (
              <th key={c} scope="col" className="py-1.5 pr-3 font-semibold">
                {c}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row, i) => (
            <tr key={i} className="border-b border-ink-200 align-top dark:border-ink-800">
              {row.map((cell, j) => (
                <td key={j} className="py-1.5 pr-3">
                  {cell}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

const exampleRecord = (site: string) =>
  JSON.stringify(
    {
      data: [
        {
          signatory: { slug: "example-cloud", name: "Example Cloud", status: "verified", url: `${site}/signatories/example-cloud` },
          period: "2026-H1",
          periodStart: "2026-01-01",
          periodEnd: "2026-06-30",
          revision: 2,
          publishedAt: "2026-08-02T09:30:00.000Z",
          contentHash: "3f1c…",
          ledgerEntry: `${site}/ledger/entries/4711`,
          customersNotified: { min: 12, max: 12 },
          lines: [
            {
              country: "US",
              instrument: "national_security",
              requests: { min: 0, max: 249 },
              accounts: { min: 0, max: 499 },
              contentDisclosed: { min: 0, max: 249 },
              nonContentDisclosed: { min: 0, max: 0 },
              noDataFound: { min: 0, max: 0 },
              rejected: { min: 0, max: 0 },
              pending: { min: 0, max: 0 },
              challenged: { min: 0, max: 0 },
            },
          ],
          totals: { requests: { min: 0, max: 249 }, "…": "…" },
          history: [
            { revision: 1, reason: null, publishedAt: "2026-07-20T08:00:00.000Z", contentHash: "9ab0…", ledgerEntry: `${site}/ledger/entries/4650` },
            {
              revision: 2,
              reason: "Two court orders registered late were missing.",
              publishedAt: "2026-08-02T09:30:00.000Z",
              contentHash: "3f1c…",
              ledgerEntry: `${site}/ledger/entries/4711`,
            },
          ],
          url: `${site}/signatories/example-cloud/transparency#2026-H1`,
        },
      ],
      limit: TRANSPARENCY_API_LIMIT_DEFAULT,
      nextCursor: null,
      links: { self: `${site}${TRANSPARENCY_API_PATH}?country=US`, next: null },
    },
    null,
    2,
  );

const recompute = (site: string) => `// Node 20+: recompute a report's content hash and compare it with its ledger entry.
const { createHash } = require("node:crypto");
const canonical = (v) => Array.isArray(v) ? \`[\${v.map(canonical).join(",")}]\`
  : v && typeof v === "object" ? \`{\${Object.keys(v).sort().map((k) => \`\${JSON.stringify(k)}:\${canonical(v[k])}\`).join(",")}}\`
  : JSON.stringify(v);
const res = await fetch("${site}${TRANSPARENCY_API_PATH}?signatory=example-cloud&period=2026-H1");
const [r] = (await res.json()).data; // unfiltered by country or instrument: every line
const hash = createHash("sha256").update(canonical({ period: r.period, customersNotified: r.customersNotified, rows: r.lines })).digest("hex");
console.log(hash === r.contentHash ? "matches the published hash" : "MISMATCH");`;

/** The /developers section on government-request transparency reports: API, CSV, how to check a report, and its ledger events. */
export function TransparencySection({ site }: { site: string }) {
  return (
    <section aria-labelledby="transparency" className="mt-12 border-t border-ink-200 pt-8 dark:border-ink-800">
      <h2 id="transparency" className="font-serif text-3xl font-semibold">
        Transparency reports
      </h2>
      <div className="mt-4 space-y-4 leading-relaxed">
        <p>
          Signatories publish, per half-year, the government requests for data they received: by requesting country (ISO 3166-1) and legal instrument, the
          requests, the accounts or identifiers concerned, the outcomes (content disclosed, only non-content data disclosed, no data found, rejected, still
          pending) and, counted apart because it overlaps them, how many were challenged in court; and how many customers they notified of suspected
          nation-state attacks. The human view is{" "}
          <a href={transparencyPath} className={linkClass}>
            {transparencyPath}
          </a>
          .
        </p>
        <p>
          <strong>Every count is a pair of bounds</strong>, {code('{ "min": 12, "max": 12 }')} for an exact figure and {code('{ "min": 0, "max": 249 }')} for a
          band where the law forbids an exact number. Add bounds to bounds: a total that includes a band is a range, never an exact number. A period is{" "}
          {code("2026-H1")} (January–June) or {code("2026-H2")} (July–December). Instruments:{" "}
          {transparencyInstruments.map((i) => `${i} (${instrumentLabels[i].toLowerCase()})`).join(", ")}.
        </p>
        <p>
          Only the current revision of each period is listed. A correction never overwrites: it is a new revision with a public reason, and {code("history")}{" "}
          lists every revision with its hash and ledger entry.
        </p>
        <h3 id="transparency-api" className="pt-4 font-serif text-xl font-semibold">
          {TRANSPARENCY_API_PATH}
        </h3>
        <Table
          caption="Query parameters of the transparency API (all optional; each at most once)"
          columns={["Parameter", "Meaning"]}
          rows={[
            [code("signatory"), "A signatory's slug."],
            [code("country"), "Requesting country (ISO 3166-1 alpha-2): only reports with such a line, and only those lines."],
            [code("period"), `A half-year such as ${"2026-H1"}.`],
            [code("instrument"), `One of ${transparencyInstruments.join(", ")}: only such lines.`],
            [code("limit"), `Reports per page, 1 to ${TRANSPARENCY_API_LIMIT_MAX} (default ${TRANSPARENCY_API_LIMIT_DEFAULT}).`],
            [code("cursor"), "The previous page's nextCursor (or follow links.next)."],
          ]}
        />
        <p>
          Reports come newest period first, then by slug. Unknown, repeated or malformed parameters get a 400 naming each one, as with the signatories API;
          ETag, caching and CORS work the same way.
        </p>
        <CodeBlock label="Transparency API requests">{`curl '${site}${TRANSPARENCY_API_PATH}?country=US&period=2026-H1'\ncurl '${site}${TRANSPARENCY_API_PATH}?signatory=example-cloud&instrument=national_security'`}</CodeBlock>
        <CodeBlock label="Example transparency API response (shortened)">{exampleRecord(site)}</CodeBlock>
        <h3 id="transparency-csv" className="pt-4 font-serif text-xl font-semibold">
          {TRANSPARENCY_CSV_PATH}
        </h3>
        <p>
          <a href={TRANSPARENCY_CSV_PATH} className={linkClass} download={TRANSPARENCY_CSV_FILENAME}>
            {TRANSPARENCY_CSV_PATH}
          </a>{" "}
          has one row per line of every current report, with the same filters as the API ({code("signatory")}, {code("country")}, {code("period")},{" "}
          {code("instrument")}) and the same RFC 4180 format and spreadsheet safety as the signatories CSV. Each count is two columns, its lower and upper
          bound. A report with no lines (no requests received) is one row with the line columns empty.
        </p>
        <Table
          caption="Columns of the transparency CSV, in order"
          columns={["Column", "Meaning"]}
          rows={transparencyCsvColumns.map((c) => [code(c.name), c.meaning])}
        />
        <h3 id="transparency-check" className="pt-4 font-serif text-xl font-semibold">
          Check a report against the ledger
        </h3>
        <p>
          Each revision&apos;s {code("contentHash")} is the SHA-256 of the canonical JSON (keys sorted, no spaces, UTF-8) of{" "}
          {code("{ period, customersNotified, rows }")}, where {code("rows")} are the record&apos;s {code("lines")} as the API gives them. The same hash is in
          the revision&apos;s ledger entry, so figures cannot change without the public log showing it.
        </p>
        <CodeBlock label="Recompute a transparency report's hash">{recompute(site)}</CodeBlock>
        <h3 id="transparency-events" className="pt-4 font-serif text-xl font-semibold">
          Ledger events
        </h3>
        <Table
          caption="Ledger event kinds of transparency reports"
          columns={["Kind", "When", "Fields besides kind, at and organisation"]}
          rows={[
            [
              code("transparency.published"),
              "A signatory published its figures for a half-year (revision 1).",
              <>
                {code("period")}, {code("revision")} (1), {code("contentHash")}
              </>,
            ],
            [
              code("transparency.corrected"),
              "A signatory corrected a half-year: a new revision.",
              <>
                {code("period")}, {code("revision")} (2 or more), {code("reason")} (public), {code("contentHash")}
              </>,
            ],
          ]}
        />
      </div>
    </section>
  );
}
