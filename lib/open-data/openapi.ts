import { commitmentStatuses, listingStatuses, verificationMethods } from "@/db/schema";
import { FEED_EVENT_KINDS, FEED_LIMIT } from "@/lib/feed/atom";
import { ledgerEventSchema } from "@/lib/ledger/events";
import { API_LIMIT_MAX, DIRECTORY_QUERY_MAX, DEFAULT_SORT, directorySorts, directoryStatuses } from "@/lib/validation/directory";
import { sectors } from "@/lib/validation/organisation";
import { csvColumns, CSV_CONTENT_TYPE } from "./csv";
import { OPEN_DATA_CACHE_CONTROL } from "./http";
import { API_LIMIT_DEFAULT } from "./query";
import { CSV_PATH, FEED_PATH, OPENAPI_PATH, SIGNATORIES_API_PATH } from "@/lib/paths";
import { transparencyOpenApi } from "@/lib/transparency/openapi";
import { accountabilityOpenApi } from "./openapi-accountability";

/**
 * The OpenAPI 3.1 description of the open data and the ledger, written by hand but built from the
 * same constants the validators and the routes use (enums, limits, CSV columns), so the document
 * cannot drift from what the server accepts.
 */

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
export type OpenApiDocument = {
  openapi: string;
  info: { title: string; version: string; description: string };
  servers: { url: string }[];
  paths: Record<string, Json>;
  components: Record<string, Record<string, Json>>;
};

export const ledgerEventKinds = ledgerEventSchema.options.map((option) => option.shape.kind.value);

const ref = (path: string) => ({ $ref: `#/components/${path}` });
const nullable = (type: string, extra: Record<string, Json> = {}) => ({ type: [type, "null"], ...extra });
const dateTime = { type: "string", format: "date-time" };
const sha256Hex = { type: "string", pattern: "^[0-9a-f]{64}$", description: "SHA-256, lower-case hex." };
const base64 = { type: "string", contentEncoding: "base64" };

const cachingHeaders = {
  ETag: ref("headers/ETag"),
  "Cache-Control": ref("headers/CacheControl"),
  "Access-Control-Allow-Origin": ref("headers/AccessControlAllowOrigin"),
};

const errorResponses = {
  "400": ref("responses/BadRequest"),
  "500": ref("responses/InternalError"),
};

const signatorySchema = {
  type: "object",
  description: "A listed signatory: an organisation that proved its domain and signed, and has not been delisted.",
  required: [
    "slug",
    "name",
    "legalName",
    "domain",
    "website",
    "country",
    "countryName",
    "sector",
    "sectorLabel",
    "status",
    "statusReason",
    "reportOverdue",
    "accordVersion",
    "contentHash",
    "signer",
    "signedAt",
    "signatureLedgerIndex",
    "withdrawnAt",
    "withdrawalReason",
    "verification",
    "commitmentCount",
    "reportCount",
    "lastReportAt",
    "reportDueAt",
    "isDemo",
    "url",
    "apiUrl",
    "badgeUrl",
  ],
  properties: {
    slug: { type: "string", pattern: "^[a-z0-9]+(?:-[a-z0-9]+)*$" },
    name: { type: "string" },
    legalName: { type: "string" },
    domain: { type: "string", description: "The primary domain the organisation proved it controls." },
    website: nullable("string", { format: "uri" }),
    country: { type: "string", pattern: "^[A-Z]{2}$", description: "ISO 3166-1 alpha-2." },
    countryName: { type: "string" },
    sector: { type: "string", enum: [...sectors] },
    sectorLabel: { type: "string" },
    status: { type: "string", enum: [...listingStatuses] },
    statusReason: nullable("string", { description: "The public reason, when suspended." }),
    reportOverdue: { type: "boolean", description: "An active signatory whose yearly progress report is more than 90 days late." },
    accordVersion: { type: "integer", minimum: 1, description: "The version of the signature shown: the standing one, or the last withdrawn." },
    contentHash: { ...sha256Hex, description: "SHA-256 of that accord version's text, which the signature is bound to." },
    signer: { type: "object", required: ["name", "title"], properties: { name: { type: "string" }, title: { type: "string" } } },
    signedAt: dateTime,
    signatureLedgerIndex: nullable("integer", { minimum: 0 }),
    withdrawnAt: nullable("string", { format: "date-time" }),
    withdrawalReason: nullable("string"),
    verification: {
      type: "object",
      required: ["method", "at"],
      properties: { method: { type: ["string", "null"], enum: [...verificationMethods, null] }, at: nullable("string", { format: "date-time" }) },
    },
    commitmentCount: { type: "integer", minimum: 0 },
    reportCount: { type: "integer", minimum: 0 },
    lastReportAt: nullable("string", { format: "date-time" }),
    reportDueAt: nullable("string", { format: "date-time" }),
    isDemo: { type: "boolean", description: "True for the fictional organisations of a demo registry." },
    url: { type: "string", format: "uri", description: "The public profile page." },
    apiUrl: { type: "string", format: "uri", description: "This signatory in the API, with its commitments, reports and ledger entries." },
    badgeUrl: { type: "string", format: "uri", description: "The live status badge (SVG)." },
  },
};

const ledgerLinkSchema = {
  type: "object",
  required: ["index", "url", "apiUrl"],
  properties: {
    index: { type: "integer", minimum: 0 },
    url: { type: "string", format: "uri", description: "The entry's page, with its proof." },
    apiUrl: { type: "string", format: "uri", description: "The entry and its inclusion proof as JSON." },
  },
};

const signatoryDetailSchema = {
  allOf: [
    ref("schemas/Signatory"),
    {
      type: "object",
      required: ["description", "signatures", "commitmentsByPrinciple", "reports", "ledgerEntries", "ledgerEntriesTruncated", "transparency", "concerns"],
      properties: {
        description: { type: "string" },
        signatures: {
          type: "array",
          description: "Standing signatures (newest version first), then withdrawn ones (most recently withdrawn first).",
          items: {
            type: "object",
            required: ["version", "contentHash", "signer", "signedAt", "ledgerIndex", "withdrawnAt", "withdrawalReason", "withdrawalLedgerIndex"],
            properties: {
              version: { type: "integer", minimum: 1 },
              contentHash: sha256Hex,
              signer: { type: "object", required: ["name", "title"], properties: { name: { type: "string" }, title: { type: "string" } } },
              signedAt: dateTime,
              ledgerIndex: nullable("integer", { minimum: 0 }),
              withdrawnAt: nullable("string", { format: "date-time" }),
              withdrawalReason: nullable("string"),
              withdrawalLedgerIndex: nullable("integer", { minimum: 0 }),
            },
          },
        },
        commitmentsByPrinciple: {
          type: "array",
          description: "In the accord's order; commitments under a principle a later version dropped come last.",
          items: {
            type: "object",
            required: ["principle", "commitments"],
            properties: {
              principle: {
                type: "object",
                required: ["slug", "number", "title"],
                properties: { slug: { type: "string" }, number: nullable("integer", { minimum: 1 }), title: { type: "string" } },
              },
              commitments: { type: "array", items: ref("schemas/Commitment") },
            },
          },
        },
        reports: {
          type: "array",
          description: "Yearly progress reports, newest year first.",
          items: {
            type: "object",
            required: ["year", "publishedAt", "url", "ledgerIndex"],
            properties: {
              year: { type: "integer" },
              publishedAt: dateTime,
              url: { type: "string", format: "uri" },
              ledgerIndex: nullable("integer", { minimum: 0 }),
            },
          },
        },
        ledgerEntries: {
          type: "array",
          description: "The organisation's ledger events, newest first.",
          items: {
            allOf: [
              ref("schemas/LedgerLink"),
              { type: "object", required: ["kind", "at"], properties: { kind: { type: "string", enum: [...ledgerEventKinds] }, at: dateTime } },
            ],
          },
        },
        ledgerEntriesTruncated: { type: "boolean", description: "True when the organisation has more events than listed; the ledger has them all." },
        transparency: {
          type: "object",
          description: "Its figures on government requests: its page, and /api/v1/transparency filtered to it.",
          required: ["url", "apiUrl"],
          properties: { url: { type: "string", format: "uri" }, apiUrl: { type: "string", format: "uri" } },
        },
        concerns: {
          type: "object",
          description: "Public concerns about it that a moderator admitted: how many, where its profile lists them, and /api/v1/concerns filtered to it.",
          required: ["total", "url", "apiUrl"],
          properties: { total: { type: "integer", minimum: 0 }, url: { type: "string", format: "uri" }, apiUrl: { type: "string", format: "uri" } },
        },
      },
    },
  ],
};

const commitmentSchema = {
  type: "object",
  required: ["id", "title", "description", "status", "targetDate", "evidenceLinks", "revision", "contentHash", "createdAt", "updatedAt"],
  properties: {
    id: { type: "string", format: "uuid" },
    title: { type: "string" },
    description: { type: "string" },
    status: { type: "string", enum: [...commitmentStatuses] },
    targetDate: nullable("string", { format: "date" }),
    evidenceLinks: { type: "array", items: { type: "string", format: "uri" }, maxItems: 5 },
    revision: { type: "integer", minimum: 1, description: "Every edit keeps the old revision and is logged." },
    contentHash: { ...sha256Hex, description: "SHA-256 of this revision's content, as logged." },
    createdAt: dateTime,
    updatedAt: dateTime,
  },
};

const errorSchema = {
  type: "object",
  required: ["error"],
  properties: {
    error: {
      type: "object",
      required: ["code", "message"],
      properties: {
        code: { type: "string", enum: ["invalid", "not_found", "unavailable", "internal"] },
        message: { type: "string", description: "For people: names the parameter and what is expected." },
        fields: { type: "object", additionalProperties: { type: "string" }, description: "One message per offending parameter." },
      },
    },
  },
};

const queryParameter = (name: string, description: string, schema: Record<string, Json>) => ({ name, in: "query", required: false, description, schema });
const pathParameter = (name: string, description: string, schema: Record<string, Json>) => ({ name, in: "path", required: true, description, schema });

const parameters = {
  q: queryParameter("q", "Search names, legal names and domains (case- and accent-insensitive substring).", { type: "string", maxLength: DIRECTORY_QUERY_MAX }),
  country: queryParameter("country", "ISO 3166-1 alpha-2 country code (case-insensitive).", { type: "string", pattern: "^[A-Za-z]{2}$" }),
  sector: queryParameter("sector", "Sector code.", { type: "string", enum: [...sectors] }),
  status: queryParameter("status", "Listing status; `overdue` means active with a progress report more than 90 days late.", {
    type: "string",
    enum: [...directoryStatuses],
  }),
  version: queryParameter("version", "Accord version of the signature.", { type: "integer", minimum: 1, maximum: 999_999 }),
  method: queryParameter("method", "How the organisation proved its domain.", { type: "string", enum: [...verificationMethods] }),
  sort: queryParameter("sort", "Order: by name, newest signature first, or oldest first. Ties are broken by slug.", {
    type: "string",
    enum: [...directorySorts],
    default: DEFAULT_SORT,
  }),
  limit: queryParameter("limit", "Entries per page.", { type: "integer", minimum: 1, maximum: API_LIMIT_MAX, default: API_LIMIT_DEFAULT }),
  cursor: queryParameter("cursor", "Opaque: the `nextCursor` of the previous page, with the same other parameters.", {
    type: "string",
    maxLength: 400,
    pattern: "^[A-Za-z0-9_-]+$",
  }),
  slug: pathParameter("slug", "The signatory's slug.", { type: "string", minLength: 2, maxLength: 64, pattern: "^[a-z0-9]+(?:-[a-z0-9]+)*$" }),
  index: pathParameter("index", "A ledger entry index (0-based).", { type: "integer", minimum: 0 }),
};

const json = (schema: Json) => ({ "application/json": { schema } });
const text = (contentType: string, description: string, format?: string) => ({
  [contentType]: { schema: { type: "string", description, ...(format ? { contentMediaType: format } : {}) } },
});

const paths = {
  ...transparencyOpenApi.paths,
  ...accountabilityOpenApi.paths,
  [SIGNATORIES_API_PATH]: {
    get: {
      operationId: "listSignatories",
      summary: "List signatories",
      description:
        "Listed signatories with the directory's filters, a page at a time. Follow `links.next` (or pass `nextCursor` as `cursor`) until it is null. Unknown parameters, repeated parameters and bad values are refused with 400. HEAD is supported; CORS is open.",
      parameters: [
        ref("parameters/q"),
        ref("parameters/country"),
        ref("parameters/sector"),
        ref("parameters/status"),
        ref("parameters/version"),
        ref("parameters/method"),
        ref("parameters/sort"),
        ref("parameters/limit"),
        ref("parameters/cursor"),
        ref("parameters/IfNoneMatch"),
      ],
      responses: {
        "200": { description: "A page of signatories.", headers: cachingHeaders, content: json(ref("schemas/SignatoryPage")) },
        "304": ref("responses/NotModified"),
        ...errorResponses,
      },
    },
  },
  [`${SIGNATORIES_API_PATH}/{slug}`]: {
    get: {
      operationId: "getSignatory",
      summary: "One signatory with its record",
      description: "A listed signatory with its signatures, commitments by principle, progress reports and ledger entries. Takes no query parameters.",
      parameters: [ref("parameters/slug"), ref("parameters/IfNoneMatch")],
      responses: {
        "200": {
          description: "The signatory.",
          headers: cachingHeaders,
          content: json({ type: "object", required: ["data"], properties: { data: ref("schemas/SignatoryDetail") } }),
        },
        "304": ref("responses/NotModified"),
        "404": ref("responses/NotFound"),
        ...errorResponses,
      },
    },
  },
  [CSV_PATH]: {
    get: {
      operationId: "downloadSignatoriesCsv",
      summary: "Every listed signatory as CSV",
      description: `RFC 4180, UTF-8, CRLF line ends, a header row, in slug order, streamed. Columns: ${csvColumns.map((c) => c.name).join(", ")}. Cells starting with = + - @, tab or CR get a leading apostrophe so spreadsheets never run them as formulas. Takes the directory's filters and sort (the same parameters and messages as ${SIGNATORIES_API_PATH}); without \`sort\`, rows are in slug order. Unknown, repeated or bad parameters are a 400.`,
      parameters: [
        ref("parameters/q"),
        ref("parameters/country"),
        ref("parameters/sector"),
        ref("parameters/status"),
        ref("parameters/version"),
        ref("parameters/method"),
        ref("parameters/sort"),
      ],
      responses: {
        "200": {
          description: "The CSV file (served as an attachment).",
          headers: {
            "Content-Disposition": { schema: { type: "string" } },
            "Cache-Control": ref("headers/CacheControl"),
            "Access-Control-Allow-Origin": ref("headers/AccessControlAllowOrigin"),
          },
          content: { [CSV_CONTENT_TYPE]: { schema: { type: "string" } } },
        },
        ...errorResponses,
      },
    },
  },
  [FEED_PATH]: {
    get: {
      operationId: "getFeed",
      summary: "Atom feed of signatures and status changes",
      description: `The newest ${FEED_LIMIT} ledger events of these kinds: ${FEED_EVENT_KINDS.join(", ")}. Each item's id is its ledger entry's URL. With the directory's filters, the events of the signatories matching them now, plus every accord version; each filtered feed has its own id. Unknown, repeated or bad parameters are a 400.`,
      parameters: [
        ref("parameters/q"),
        ref("parameters/country"),
        ref("parameters/sector"),
        ref("parameters/status"),
        ref("parameters/version"),
        ref("parameters/method"),
        ref("parameters/IfNoneMatch"),
      ],
      responses: {
        "200": { description: "RFC 4287 Atom feed.", headers: cachingHeaders, content: text("application/atom+xml", "Atom XML") },
        "304": ref("responses/NotModified"),
        ...errorResponses,
      },
    },
  },
  [OPENAPI_PATH]: {
    get: {
      operationId: "getOpenApi",
      summary: "This document",
      parameters: [ref("parameters/IfNoneMatch")],
      responses: { "200": { description: "OpenAPI 3.1.", headers: cachingHeaders, content: json({ type: "object" }) }, "304": ref("responses/NotModified") },
    },
  },
  "/ledger/checkpoint": {
    get: {
      operationId: "getCheckpoint",
      summary: "The latest witnessed checkpoint",
      description:
        "A C2SP tlog-checkpoint (origin, tree size, base64 root hash) as a C2SP signed note, Ed25519: the latest one cosigned by a quorum of the witnesses listed at /api/v1/ledger/witnesses (the log's signature line followed by the witnesses' C2SP tlog-cosignature lines, cosignature/v1). Until a quorum exists (a new log, or no witnesses configured) it is the latest checkpoint the log signed. The header `X-Checkpoint-Witnessed` is `quorum` or `no`.",
      responses: {
        "200": { description: "The signed note.", content: text("text/plain; charset=utf-8", "Signed note") },
        "500": ref("responses/InternalError"),
      },
    },
  },
  "/ledger/checkpoint/latest": {
    get: {
      operationId: "getLatestCheckpoint",
      summary: "The latest checkpoint the log signed",
      description: "The newest checkpoint as a signed note, before witnesses cosign it. Changes with every append.",
      responses: {
        "200": { description: "The signed note.", content: text("text/plain; charset=utf-8", "Signed note") },
        "500": ref("responses/InternalError"),
      },
    },
  },
  "/api/v1/ledger/witnesses": {
    get: {
      operationId: "listWitnesses",
      summary: "The witnesses that cosign the ledger",
      description:
        "Each witness's name, cosignature/v1 verifier key (for `npm run verify-ledger -- <site> --witness <key> --quorum N`), URL, and the size and time it last cosigned; the quorum of cosignatures /ledger/checkpoint requires, and the size of the latest checkpoint that has it.",
      responses: { "200": { description: "The witnesses and the quorum.", content: json(ref("schemas/Witnesses")) }, "500": ref("responses/InternalError") },
    },
  },
  "/ledger/key": {
    get: {
      operationId: "getVerifierKey",
      summary: "The log's verifier key",
      description: "`<name>+<hash>+<base64 key>`, for `npm run verify-ledger -- <site> --key`.",
      responses: {
        "200": { description: "The verifier key.", content: text("text/plain; charset=utf-8", "Verifier key") },
        "500": ref("responses/InternalError"),
      },
    },
  },
  "/ledger/tile/{level}/{tile}": {
    get: {
      operationId: "getHashTile",
      summary: "A hash tile (C2SP tlog-tiles)",
      description:
        "Up to 256 SHA-256 hashes, concatenated. `{tile}` is the tile index in C2SP form, which spans path segments: zero-padded three-digit groups, all but the last prefixed with `x` (`x001/234`), and `.p/<W>` for a partial tile of width W. Full tiles never change and are cached for a year.",
      parameters: [pathParameter("level", "Tile level (0 holds leaf hashes).", { type: "integer", minimum: 0, maximum: 63 }), ref("parameters/tile")],
      responses: {
        "200": {
          description: "The tile.",
          content: { "application/octet-stream": { schema: { type: "string", contentMediaType: "application/octet-stream" } } },
        },
        "404": ref("responses/NotFound"),
        ...errorResponses,
      },
    },
  },
  "/ledger/tile/entries/{tile}": {
    get: {
      operationId: "getEntryBundle",
      summary: "An entry bundle (C2SP tlog-tiles)",
      description: "Up to 256 entries, each as a big-endian uint16 length followed by the entry's canonical JSON. `{tile}` as for hash tiles.",
      parameters: [ref("parameters/tile")],
      responses: {
        "200": {
          description: "The bundle.",
          content: { "application/octet-stream": { schema: { type: "string", contentMediaType: "application/octet-stream" } } },
        },
        "404": ref("responses/NotFound"),
        ...errorResponses,
      },
    },
  },
  "/api/v1/ledger/entries/{index}": {
    get: {
      operationId: "getLedgerEntry",
      summary: "One ledger entry with its inclusion proof",
      parameters: [ref("parameters/index")],
      responses: {
        "200": { description: "The entry, its proof and the checkpoint it is proven against.", content: json(ref("schemas/LedgerEntry")) },
        "404": ref("responses/NotFound"),
        ...errorResponses,
      },
    },
  },
  "/ledger/entries/{index}/receipt": {
    get: {
      operationId: "getLedgerReceipt",
      summary: "A C2SP tlog-proof receipt for one entry",
      description: "Offline proof that the entry was logged: the entry, its index, its inclusion proof and the signed checkpoint.",
      parameters: [ref("parameters/index")],
      responses: {
        "200": { description: "The receipt (an attachment).", content: text("text/plain; charset=utf-8", "tlog-proof") },
        "404": ref("responses/NotFound"),
        ...errorResponses,
      },
    },
  },
  "/api/v1/ledger/consistency": {
    get: {
      operationId: "getConsistencyProof",
      summary: "RFC 9162 consistency proof between two tree sizes",
      parameters: [
        { name: "from", in: "query", required: true, description: "The earlier tree size (at least 1).", schema: { type: "integer", minimum: 1 } },
        { name: "to", in: "query", required: false, description: "The later tree size; the latest when omitted.", schema: { type: "integer", minimum: 1 } },
      ],
      responses: { "200": { description: "The proof and both roots.", content: json(ref("schemas/ConsistencyProof")) }, ...errorResponses },
    },
  },
};

export function buildOpenApiDocument(siteUrl: string): OpenApiDocument {
  return {
    openapi: "3.1.1",
    info: {
      title: "Tech Accord Registry open data",
      version: "1.0.0",
      description:
        "Public, read-only data about the accord's signatories and its tamper-evident ledger. No key, no sign-up; CORS is open. See /developers for a guide.",
    },
    servers: [{ url: siteUrl }],
    paths,
    components: {
      schemas: {
        Signatory: signatorySchema,
        SignatoryDetail: signatoryDetailSchema,
        Commitment: commitmentSchema,
        LedgerLink: ledgerLinkSchema,
        SignatoryPage: {
          type: "object",
          required: ["data", "total", "limit", "nextCursor", "links"],
          properties: {
            data: { type: "array", items: ref("schemas/Signatory") },
            total: { type: "integer", minimum: 0, description: "How many signatories match the filters, over all pages." },
            limit: { type: "integer", minimum: 1, maximum: API_LIMIT_MAX },
            nextCursor: nullable("string", { description: "Pass as `cursor` for the next page; null on the last page." }),
            links: {
              type: "object",
              required: ["self", "next"],
              properties: { self: { type: "string", format: "uri" }, next: nullable("string", { format: "uri" }) },
            },
          },
        },
        LedgerEntry: {
          type: "object",
          required: ["index", "event", "entry", "treeSize", "rootHash", "inclusionProof", "checkpoint"],
          properties: {
            index: { type: "integer", minimum: 0 },
            event: {
              type: "object",
              required: ["kind", "at"],
              properties: { kind: { type: "string", enum: [...ledgerEventKinds] }, at: dateTime },
              additionalProperties: true,
            },
            entry: { ...base64, description: "The entry's exact bytes (canonical JSON)." },
            treeSize: { type: "integer", minimum: 1 },
            rootHash: base64,
            inclusionProof: { type: "array", items: base64, description: "RFC 9162 audit path, leaf to root." },
            checkpoint: {
              type: "string",
              description:
                "The signed checkpoint the proof is against: the latest witnessed one when it includes the entry (with the witnesses' cosignatures), else the latest the log signed.",
            },
            witnessed: { type: "boolean", description: "Whether `checkpoint` carries a quorum of witness cosignatures." },
          },
        },
        Witnesses: {
          type: "object",
          required: ["quorum", "witnessedSize", "witnesses"],
          properties: {
            quorum: { type: "integer", minimum: 0, description: "Cosignatures a checkpoint needs to be served at /ledger/checkpoint (0: no witnesses)." },
            witnessedSize: nullable("integer", { minimum: 1, description: "Size of the latest checkpoint with a quorum; null until there is one." }),
            witnesses: {
              type: "array",
              items: {
                type: "object",
                required: ["name", "verifierKey", "url", "demo", "lastCosignedSize", "lastCosignedAt", "lastError"],
                properties: {
                  name: { type: "string" },
                  verifierKey: { type: "string", description: "`<name>+<hash>+<base64(0x04 ‖ Ed25519 key)>` (C2SP signed-note vkey, cosignature/v1)." },
                  url: nullable("string", {
                    format: "uri",
                    description: "The add-checkpoint URL prefix (C2SP tlog-witness); null for demo mode's built-in witness.",
                  }),
                  demo: { type: "boolean", description: "True for the demo witness that runs inside a demo registry (it proves nothing)." },
                  lastCosignedSize: nullable("integer", { minimum: 1 }),
                  lastCosignedAt: nullable("string", { format: "date-time", description: "The timestamp in the witness's latest cosignature." }),
                  lastError: nullable("string", { description: "Why the last submission failed, while the witness is failing." }),
                },
              },
            },
          },
        },
        ConsistencyProof: {
          type: "object",
          required: ["from", "to", "proof"],
          properties: {
            from: { type: "integer" },
            to: { type: "integer" },
            fromRoot: nullable("string", { contentEncoding: "base64" }),
            toRoot: nullable("string", { contentEncoding: "base64" }),
            proof: { type: "array", items: base64 },
          },
        },
        Error: errorSchema,
        ...transparencyOpenApi.schemas,
      },
      parameters: {
        ...parameters,
        ...transparencyOpenApi.parameters,
        tile: {
          name: "tile",
          in: "path",
          required: true,
          description: "C2SP tile index path, such as `000`, `x001/234` or `005.p/17`.",
          schema: { type: "string", pattern: "^(x\\d{3}/)*\\d{3}(\\.p/\\d{1,3})?$" },
        },
        IfNoneMatch: {
          name: "If-None-Match",
          in: "header",
          required: false,
          description: "An ETag from an earlier response: an unchanged resource answers 304 with no body.",
          schema: { type: "string" },
        },
      },
      headers: {
        ETag: { description: "Strong validator: a hash of the body.", schema: { type: "string" } },
        CacheControl: { description: `Public caching, e.g. \`${OPEN_DATA_CACHE_CONTROL}\`.`, schema: { type: "string" } },
        AccessControlAllowOrigin: { description: "Always `*`: any site may read the data.", schema: { type: "string", const: "*" } },
      },
      responses: {
        NotModified: { description: "The If-None-Match ETag is current: no body.", headers: cachingHeaders },
        BadRequest: { description: "A parameter is unknown, repeated or has a bad value; `fields` names each.", content: json(ref("schemas/Error")) },
        NotFound: { description: "No such resource.", content: json(ref("schemas/Error")) },
        InternalError: { description: "Something went wrong on the server.", content: json(ref("schemas/Error")) },
      },
    },
  };
}
