// Locates the public test vectors in ../shared/testdata (never copied into this repo).
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

export const TESTDATA_DIR = fileURLToPath(new URL("../../../../shared/testdata", import.meta.url));
export const hasTestdata = existsSync(TESTDATA_DIR);
export const skipReason = hasTestdata ? "" : ` (skipped: ${TESTDATA_DIR} is absent)`;

export function readJson<T>(relative: string): T {
  return JSON.parse(readFileSync(path.join(TESTDATA_DIR, relative), "utf8")) as T;
}

/** Every *.json file below `relative`, as paths relative to TESTDATA_DIR, sorted. */
export function listJson(relative: string): string[] {
  if (!hasTestdata) return [];
  const entries = readdirSync(path.join(TESTDATA_DIR, relative), { recursive: true, encoding: "utf8" });
  return entries
    .filter((e) => e.endsWith(".json"))
    .map((e) => path.join(relative, e))
    .sort();
}

export function b64(text: string): Uint8Array {
  return new Uint8Array(Buffer.from(text, "base64"));
}

export function hex(text: string): Uint8Array {
  return new Uint8Array(Buffer.from(text, "hex"));
}
