import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { verificationMethods } from "@/db/schema";
import { buildOpenApiDocument } from "@/lib/open-data/openapi";
import { API_LIMIT_MAX, DIRECTORY_QUERY_MAX, directoryApiQuerySchema, directorySorts, directoryStatuses } from "@/lib/validation/directory";
import { sectors } from "@/lib/validation/organisation";

const site = "https://registry.example.org";
const doc = buildOpenApiDocument(site);
type Node = Record<string, unknown>;

function resolve(pointer: string): unknown {
  expect(pointer.startsWith("#/")).toBe(true);
  return pointer
    .slice(2)
    .split("/")
    .map((part) => part.replaceAll("~1", "/").replaceAll("~0", "~"))
    .reduce<unknown>((node, key) => (node && typeof node === "object" ? (node as Node)[key] : undefined), doc);
}

const deref = (node: unknown): Node => {
  const value = node as Node;
  return typeof value.$ref === "string" ? deref(resolve(value.$ref)) : value;
};

function* refs(node: unknown, where = "#"): Generator<[string, string]> {
  if (Array.isArray(node)) for (const [i, item] of node.entries()) yield* refs(item, `${where}/${i}`);
  else if (node && typeof node === "object") {
    for (const [key, value] of Object.entries(node)) {
      if (key === "$ref") yield [where, value as string];
      else yield* refs(value, `${where}/${key}`);
    }
  }
}

const methods = ["get", "put", "post", "delete", "options", "head", "patch", "trace"];
const operations = Object.entries(doc.paths).flatMap(([template, item]) =>
  Object.entries(item as Node)
    .filter(([method]) => methods.includes(method))
    .map(([method, operation]) => ({ template, method, operation: operation as Node })),
);
const listParameters = () => {
  const operation = operations.find((o) => o.template === "/api/v1/signatories")!.operation;
  return (operation.parameters as unknown[]).map(deref);
};

describe("the OpenAPI document", () => {
  it("is OpenAPI 3.1 with info and this site as its server", () => {
    expect(doc.openapi).toMatch(/^3\.1\.\d+$/);
    expect(doc.info.title).not.toBe("");
    expect(doc.info.version).not.toBe("");
    expect(doc.servers).toEqual([{ url: site }]);
    expect(JSON.parse(JSON.stringify(doc))).toEqual(doc);
  });

  it("resolves every $ref to a component", () => {
    const all = [...refs(doc)];
    expect(all.length).toBeGreaterThan(20);
    for (const [where, pointer] of all) expect(resolve(pointer), `${where} → ${pointer}`).toBeDefined();
  });

  it("declares every path parameter of every template, required, and no undeclared ones", () => {
    for (const { template, method, operation } of operations) {
      const inTemplate = [...template.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]).sort();
      const declared = ((operation.parameters as unknown[] | undefined) ?? []).map(deref).filter((p) => p.in === "path");
      expect(declared.map((p) => p.name).sort(), `${method} ${template}`).toEqual(inTemplate);
      for (const p of declared) expect(p.required, `${template} {${String(p.name)}}`).toBe(true);
    }
  });

  it("gives every operation a unique id and every response a description", () => {
    const ids = operations.map((o) => o.operation.operationId);
    expect(new Set(ids).size).toBe(ids.length);
    for (const { template, operation } of operations) {
      for (const [status, response] of Object.entries(operation.responses as Node)) {
        expect(status).toMatch(/^[1-5]\d\d$/);
        expect(deref(response).description, `${template} ${status}`).toEqual(expect.any(String));
      }
    }
  });

  it("describes the open data endpoints and every ledger endpoint, each served by a route in app/", () => {
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining([
        "/api/v1/signatories",
        "/api/v1/signatories/{slug}",
        "/signatories.csv",
        "/feed.xml",
        "/api/v1/openapi.json",
        "/ledger/checkpoint",
        "/ledger/key",
        "/ledger/tile/{level}/{tile}",
        "/ledger/tile/entries/{tile}",
        "/api/v1/ledger/entries/{index}",
        "/ledger/entries/{index}/receipt",
        "/api/v1/ledger/consistency",
      ]),
    );
    const app = path.resolve(import.meta.dirname, "../../../app");
    // A template segment matches a [param] folder, and a tile path (several segments) a [...catch-all].
    const routeFor = (segments: string[], dir: string): boolean => {
      if (segments.length === 0) return fs.existsSync(path.join(dir, "route.ts"));
      const [head, ...rest] = segments as [string, ...string[]];
      const entries = fs.existsSync(dir) ? fs.readdirSync(dir, { withFileTypes: true }).filter((e) => e.isDirectory()) : [];
      return entries.some((e) => {
        if (e.name.startsWith("[...")) return fs.existsSync(path.join(dir, e.name, "route.ts"));
        if (e.name === head || (e.name.startsWith("[") && head.startsWith("{"))) return routeFor(rest, path.join(dir, e.name));
        return false;
      });
    };
    for (const template of Object.keys(doc.paths)) expect(routeFor(template.split("/").filter(Boolean), app), template).toBe(true);
  });

  it("offers exactly the filter values the validator accepts, from the same constants", () => {
    const byName = Object.fromEntries(listParameters().map((p) => [p.name, p.schema as Node]));
    const enums: [string, readonly (string | null)[]][] = [
      ["status", directoryStatuses],
      ["sector", sectors],
      ["method", verificationMethods],
      ["sort", directorySorts],
    ];
    for (const [name, values] of enums) {
      expect(byName[name]!.enum, name).toEqual([...values]);
      for (const value of values) expect(directoryApiQuerySchema.safeParse({ [name]: value }).success, `${name}=${value}`).toBe(true);
      expect(directoryApiQuerySchema.safeParse({ [name]: "not-a-value" }).success, `${name}=not-a-value`).toBe(false);
    }
    expect(byName.limit).toMatchObject({ type: "integer", minimum: 1, maximum: API_LIMIT_MAX, default: 20 });
    expect(byName.q).toMatchObject({ maxLength: DIRECTORY_QUERY_MAX });
    expect(Object.keys(byName).sort()).toEqual(["If-None-Match", "country", "cursor", "limit", "method", "q", "sector", "sort", "status", "version"].sort());
  });

  it("describes errors as { error: { code, message, fields } } on every 400", () => {
    const schema = deref(resolve("#/components/schemas/Error"));
    expect(schema.required).toEqual(["error"]);
    const inner = (schema.properties as Node).error as Node;
    expect(Object.keys(inner.properties as Node)).toEqual(["code", "message", "fields"]);
    for (const { template, operation } of operations) {
      const bad = (operation.responses as Node)["400"];
      if (bad) expect(deref(bad).content, template).toEqual({ "application/json": { schema: { $ref: "#/components/schemas/Error" } } });
    }
  });
});
