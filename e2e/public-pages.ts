import fs from "node:fs";
import path from "node:path";

/** Principle slugs read from the shipped content, so the specs follow the text rather than copy it. */
export const principleSlugs: string[] = fs
  .readdirSync(path.join(import.meta.dirname, "..", "content", "accord", "principles"))
  .filter((f) => f.endsWith(".mdx"))
  .sort()
  .map((f) => f.replace(/^\d+-/, "").replace(/\.mdx$/, ""));

export const publicPages: string[] = [
  "/",
  "/accord",
  ...principleSlugs.map((s) => `/accord/principles/${s}`),
  "/about",
  "/faq",
  "/join",
  "/signatories",
  "/signatories?page=2",
  "/signatories/northwind-cloud",
  "/signatories/stats",
  "/developers",
  "/accord/versions",
  "/ledger",
  "/ledger?page=2",
  "/ledger/entries/0",
  "/ledger/entries/3",
];
