import { TRANSPARENCY_API_PATH, TRANSPARENCY_CSV_PATH } from "@/lib/paths";
import { CSV_CONTENT_TYPE } from "@/lib/open-data/csv";
import { TRANSPARENCY_API_LIMIT_DEFAULT, TRANSPARENCY_API_LIMIT_MAX } from "@/lib/validation/transparency";
import { countKeys, transparencyInstruments } from "./figures";
import { transparencyCsvColumns } from "./open-data";

/**
 * The transparency endpoints' part of the OpenAPI document (lib/open-data/openapi.ts spreads it
 * in), built from the same constants as the validators: instruments, limits, CSV columns.
 */

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

const ref = (path: string) => ({ $ref: `#/components/${path}` });
const json = (schema: Json) => ({ "application/json": { schema } });
const query = (name: string, description: string, schema: Record<string, Json>) => ({ name, in: "query", required: false, description, schema });

const countSchema = {
  type: "object",
  description:
    "A count as its bounds: equal for an exact figure; different for a band the law requires (such as 0–249). Never add bands as if exact: sum the bounds.",
  required: ["min", "max"],
  properties: { min: { type: "integer", minimum: 0 }, max: { type: "integer", minimum: 0 } },
};

const countsShape = Object.fromEntries(countKeys.map((k) => [k, ref("schemas/TransparencyCount")]));

const filters = [
  ref("parameters/transparencySignatory"),
  ref("parameters/transparencyCountry"),
  ref("parameters/transparencyPeriod"),
  ref("parameters/transparencyInstrument"),
];

export const transparencyOpenApi: { paths: Record<string, Json>; parameters: Record<string, Json>; schemas: Record<string, Json> } = {
  paths: {
    [TRANSPARENCY_API_PATH]: {
      get: {
        operationId: "listTransparencyReports",
        summary: "Transparency reports on government requests",
        description:
          "The current revision of each signatory's half-year report, newest period first, then by slug. A country or instrument filter keeps the reports with such a line, and only those lines (totals are then of those lines; recompute `contentHash` from an unfiltered record). Each record carries its correction history. Unknown, repeated or bad parameters are refused with 400.",
        parameters: [...filters, ref("parameters/transparencyLimit"), ref("parameters/transparencyCursor"), ref("parameters/IfNoneMatch")],
        responses: {
          "200": {
            description: "A page of reports.",
            headers: {
              ETag: ref("headers/ETag"),
              "Cache-Control": ref("headers/CacheControl"),
              "Access-Control-Allow-Origin": ref("headers/AccessControlAllowOrigin"),
            },
            content: json(ref("schemas/TransparencyPage")),
          },
          "304": ref("responses/NotModified"),
          "400": ref("responses/BadRequest"),
          "500": ref("responses/InternalError"),
        },
      },
    },
    [TRANSPARENCY_CSV_PATH]: {
      get: {
        operationId: "downloadTransparencyCsv",
        summary: "Transparency reports as CSV",
        description: `One row per line (requesting country and instrument) of every current report matching the filters; a report with no lines is one row with empty line columns. RFC 4180, UTF-8, CRLF. Columns: ${transparencyCsvColumns.map((c) => c.name).join(", ")}.`,
        parameters: filters,
        responses: {
          "200": {
            description: "The CSV file (served as an attachment).",
            headers: { "Cache-Control": ref("headers/CacheControl"), "Access-Control-Allow-Origin": ref("headers/AccessControlAllowOrigin") },
            content: { [CSV_CONTENT_TYPE]: { schema: { type: "string" } } },
          },
          "400": ref("responses/BadRequest"),
          "500": ref("responses/InternalError"),
        },
      },
    },
  },
  parameters: {
    transparencySignatory: query("signatory", "A signatory's slug.", { type: "string", minLength: 2, maxLength: 64, pattern: "^[a-z0-9]+(?:-[a-z0-9]+)*$" }),
    transparencyCountry: query("country", "Requesting country, ISO 3166-1 alpha-2 (case-insensitive).", { type: "string", pattern: "^[A-Za-z]{2}$" }),
    transparencyPeriod: query("period", "Half-year: `2026-H1` is January–June, `2026-H2` July–December.", { type: "string", pattern: "^[0-9]{4}-[Hh][12]$" }),
    transparencyInstrument: query("instrument", "Kind of legal instrument.", { type: "string", enum: [...transparencyInstruments] }),
    transparencyLimit: query("limit", "Reports per page.", {
      type: "integer",
      minimum: 1,
      maximum: TRANSPARENCY_API_LIMIT_MAX,
      default: TRANSPARENCY_API_LIMIT_DEFAULT,
    }),
    transparencyCursor: query("cursor", "Opaque: the `nextCursor` of the previous page, with the same other parameters.", { type: "string", maxLength: 200 }),
  },
  schemas: {
    TransparencyCount: countSchema,
    TransparencyLine: {
      type: "object",
      description:
        "One requesting country and instrument. Outcomes (contentDisclosed, nonContentDisclosed, noDataFound, rejected, pending) add up to requests; challenged (in court) overlaps them.",
      required: ["country", "instrument", ...countKeys],
      properties: { country: { type: "string", pattern: "^[A-Z]{2}$" }, instrument: { type: "string", enum: [...transparencyInstruments] }, ...countsShape },
    },
    TransparencyReport: {
      type: "object",
      required: [
        "signatory",
        "period",
        "periodStart",
        "periodEnd",
        "revision",
        "publishedAt",
        "contentHash",
        "ledgerEntry",
        "customersNotified",
        "lines",
        "totals",
        "history",
        "url",
      ],
      properties: {
        signatory: {
          type: "object",
          required: ["slug", "name", "status", "url"],
          properties: { slug: { type: "string" }, name: { type: "string" }, status: { type: "string" }, url: { type: "string", format: "uri" } },
        },
        period: { type: "string", pattern: "^[0-9]{4}-H[12]$" },
        periodStart: { type: "string", format: "date" },
        periodEnd: { type: "string", format: "date", description: "The last day of the half-year." },
        revision: { type: "integer", minimum: 1, description: "1 for the first publication; each correction adds one." },
        publishedAt: { type: "string", format: "date-time" },
        contentHash: {
          type: "string",
          pattern: "^[0-9a-f]{64}$",
          description:
            "SHA-256 of the canonical JSON of {period, customersNotified, rows: lines} (lines as listed here, sorted by country then instrument), as in the ledger entry.",
        },
        ledgerEntry: { type: ["string", "null"], format: "uri" },
        customersNotified: { ...ref("schemas/TransparencyCount"), description: "Customers notified of suspected nation-state attacks in the half-year." },
        lines: { type: "array", items: ref("schemas/TransparencyLine") },
        totals: { type: "object", description: "Sums of the lines' bounds: a range whenever a band is involved.", properties: countsShape },
        history: {
          type: "array",
          description: "Every revision of this period, oldest first.",
          items: {
            type: "object",
            required: ["revision", "reason", "publishedAt", "contentHash", "ledgerEntry"],
            properties: {
              revision: { type: "integer", minimum: 1 },
              reason: { type: ["string", "null"], description: "Why this revision corrects the previous one (null for the first)." },
              publishedAt: { type: "string", format: "date-time" },
              contentHash: { type: "string", pattern: "^[0-9a-f]{64}$" },
              ledgerEntry: { type: ["string", "null"], format: "uri" },
            },
          },
        },
        url: { type: "string", format: "uri" },
      },
    },
    TransparencyPage: {
      type: "object",
      required: ["data", "limit", "nextCursor", "links"],
      properties: {
        data: { type: "array", items: ref("schemas/TransparencyReport") },
        limit: { type: "integer", minimum: 1, maximum: TRANSPARENCY_API_LIMIT_MAX },
        nextCursor: { type: ["string", "null"] },
        links: {
          type: "object",
          required: ["self", "next"],
          properties: { self: { type: "string", format: "uri" }, next: { type: ["string", "null"], format: "uri" } },
        },
      },
    },
  },
};
