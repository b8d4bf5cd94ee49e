import { COMMITMENTS_API_PATH, CONCERNS_API_PATH, STATS_JSON_PATH } from "@/lib/paths";
import { COMMITMENT_QUERY_MAX, COMMITMENT_SEARCH_LIMIT_MAX, COMMITMENT_SEARCH_PAGE_MAX } from "@/lib/validation/commitment-search";

/**
 * The OpenAPI paths of the commitment search, the public concerns and the statistics series
 * (lib/open-data/openapi.ts spreads them in), built from the validators' own limits. Schemas are
 * inline: nothing else refers to them.
 */

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

const ref = (path: string) => ({ $ref: `#/components/${path}` });
const json = (schema: Json) => ({ "application/json": { schema } });
const query = (name: string, description: string, schema: Record<string, Json>, required = false) => ({ name, in: "query", required, description, schema });
const uri = { type: "string", format: "uri" };
const nullableUri = { type: ["string", "null"], format: "uri" };
const dateTime = { type: "string", format: "date-time" };
const errors = { "400": ref("responses/BadRequest"), "500": ref("responses/InternalError") };
const page = (max: number) => query("page", "The page, from 1; follow `links.next`.", { type: "integer", minimum: 1, maximum: max, default: 1 });
const links = { type: "object", required: ["self", "next"], properties: { self: uri, next: nullableUri } };

export const accountabilityOpenApi: { paths: Record<string, Json> } = {
  paths: {
    [COMMITMENTS_API_PATH]: {
      get: {
        operationId: "searchCommitments",
        summary: "Full-text search over commitments",
        description:
          "PostgreSQL full-text search (English) over the title and description of every public commitment, best matches first. `q` takes web-search syntax: quoted phrases, `or`, and `-word` to exclude; it never fails on syntax. Unknown, repeated or bad parameters are a 400.",
        parameters: [
          query("q", "The words to find.", { type: "string", minLength: 1, maxLength: COMMITMENT_QUERY_MAX }, true),
          query("principle", "Only commitments under this principle (its slug).", { type: "string", maxLength: 80, pattern: "^[a-z0-9]+(?:-[a-z0-9]+)*$" }),
          query("limit", "Results per page.", { type: "integer", minimum: 1, maximum: COMMITMENT_SEARCH_LIMIT_MAX, default: 20 }),
          page(COMMITMENT_SEARCH_PAGE_MAX),
          ref("parameters/IfNoneMatch"),
        ],
        responses: {
          "200": {
            description: "A page of matching commitments.",
            content: json({
              type: "object",
              required: ["data", "total", "page", "limit", "links"],
              properties: {
                data: {
                  type: "array",
                  items: {
                    type: "object",
                    required: ["id", "organisation", "principle", "title", "status", "excerpt", "updatedAt", "rank"],
                    properties: {
                      id: { type: "string", format: "uuid" },
                      organisation: { type: "object", properties: { slug: { type: "string" }, name: { type: "string" }, url: uri } },
                      principle: { type: "object", properties: { slug: { type: "string" }, url: uri } },
                      title: { type: "string" },
                      status: { type: "string" },
                      excerpt: { type: "string", description: "The description around the matches, each matched word in [square brackets]." },
                      updatedAt: dateTime,
                      rank: { type: "number", description: "PostgreSQL ts_rank: higher is a better match." },
                    },
                  },
                },
                total: { type: "integer", minimum: 0 },
                page: { type: "integer", minimum: 1 },
                limit: { type: "integer", minimum: 1 },
                links,
              },
            }),
          },
          "304": ref("responses/NotModified"),
          ...errors,
        },
      },
    },
    [CONCERNS_API_PATH]: {
      get: {
        operationId: "listConcerns",
        summary: "Public concerns about signatories",
        description:
          "Concerns a moderator admitted, newest first: the moderator-approved text, evidence, the signatory's response and the outcome, each with its ledger entry. Who raised a concern is never published; declined and unadmitted concerns never appear.",
        parameters: [
          query("status", "Only concerns in this state.", { type: "string", enum: ["under_review", "upheld", "not_upheld", "withdrawn"] }),
          query("signatory", "Only concerns about this signatory (its slug).", {
            type: "string",
            minLength: 2,
            maxLength: 64,
            pattern: "^[a-z0-9]+(?:-[a-z0-9]+)*$",
          }),
          query("limit", "Concerns per page.", { type: "integer", minimum: 1, maximum: 100, default: 20 }),
          page(10_000),
          ref("parameters/IfNoneMatch"),
        ],
        responses: {
          "200": {
            description: "A page of public concerns.",
            content: json({
              type: "object",
              required: ["data", "total", "page", "limit", "links"],
              properties: {
                data: {
                  type: "array",
                  items: {
                    type: "object",
                    required: ["id", "url", "signatory", "principle", "status", "statement", "evidenceLinks", "contentHash", "admittedAt"],
                    properties: {
                      id: { type: "string", format: "uuid" },
                      url: uri,
                      signatory: { type: "object", properties: { slug: { type: "string" }, name: { type: "string" }, url: uri } },
                      principle: { type: "string", description: "The principle's slug." },
                      status: { type: "string", enum: ["under_review", "upheld", "not_upheld", "withdrawn"] },
                      statement: { type: "string", description: "The text the moderator approved." },
                      evidenceLinks: { type: "array", items: uri },
                      contentHash: { type: "string", description: "SHA-256 (hex) of {principle, statement, evidenceLinks} as canonical JSON, as logged." },
                      admittedAt: dateTime,
                      admissionEntry: nullableUri,
                      response: { type: ["object", "null"], properties: { text: { type: "string" }, at: dateTime, entry: nullableUri } },
                      outcome: { type: ["object", "null"], properties: { reason: { type: "string" }, at: dateTime, entry: nullableUri } },
                    },
                  },
                },
                total: { type: "integer", minimum: 0 },
                page: { type: "integer", minimum: 1 },
                limit: { type: "integer", minimum: 1 },
                links,
              },
            }),
          },
          "304": ref("responses/NotModified"),
          ...errors,
        },
      },
    },
    [STATS_JSON_PATH]: {
      get: {
        operationId: "getStatistics",
        summary: "The statistics series",
        description:
          "The figures behind /signatories/stats: headline counts, every month from the first signature to the current one (joined, left, standing at the month's end), and standing signatories by country and sector. Takes no parameters.",
        parameters: [ref("parameters/IfNoneMatch")],
        responses: {
          "200": {
            description: "The statistics.",
            content: json({
              type: "object",
              required: ["standing", "months", "byCountry", "bySector"],
              properties: {
                standing: { type: "integer" },
                suspended: { type: "integer" },
                countries: { type: "integer" },
                sectors: { type: "integer" },
                commitments: { type: "integer" },
                reports: { type: "integer" },
                definitions: { type: "object", additionalProperties: { type: "string" } },
                links: { type: "object", properties: { self: uri, page: uri } },
                months: {
                  type: "array",
                  items: {
                    type: "object",
                    required: ["month", "joined", "left", "standing"],
                    properties: {
                      month: { type: "string", pattern: "^\\d{4}-\\d{2}$" },
                      joined: { type: "integer" },
                      left: { type: "integer" },
                      standing: { type: "integer" },
                    },
                  },
                },
                byCountry: {
                  type: "array",
                  items: { type: "object", properties: { country: { type: "string" }, name: { type: "string" }, count: { type: "integer" } } },
                },
                bySector: {
                  type: "array",
                  items: { type: "object", properties: { sector: { type: "string" }, name: { type: "string" }, count: { type: "integer" } } },
                },
              },
            }),
          },
          "304": ref("responses/NotModified"),
          ...errors,
        },
      },
    },
  },
};
