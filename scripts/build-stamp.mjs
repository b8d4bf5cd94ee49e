import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";

const inputs = [
  "app",
  "components",
  "lib",
  "db",
  "content",
  "public",
  "next.config.mjs",
  "postcss.config.mjs",
  "package-lock.json",
  "tsconfig.json",
  "instrumentation.ts",
  "proxy.ts",
];
const skip = new Set(["node_modules", ".next", ".data", ".test-data"]);

function* files(entry) {
  if (!fs.existsSync(entry)) return;
  if (fs.statSync(entry).isFile()) return yield entry;
  for (const name of fs.readdirSync(entry).sort()) if (!skip.has(name)) yield* files(path.join(entry, name));
}

/**
 * A fingerprint of everything a production build depends on, including the settings baked into
 * prerendered pages (mode, site URL), so `npm start` rebuilds exactly when the build is stale.
 */
export function buildStamp(root, env = process.env) {
  const hash = createHash("sha256");
  for (const input of inputs) {
    for (const file of files(path.join(root, input))) {
      hash.update(path.relative(root, file)).update("\0").update(fs.readFileSync(file)).update("\0");
    }
  }
  const mode = env.REGISTRY_MODE || (env.DATABASE_URL ? "production" : "demo");
  // The same default as lib/env.ts: the site URL follows PORT unless SITE_URL is set.
  const site = env.SITE_URL || `http://localhost:${env.PORT || 3000}`;
  hash.update(JSON.stringify({ mode, site }));
  return hash.digest("hex");
}

export const stampFile = (root) => path.join(root, ".next", "registry-build-stamp");

export function isBuildFresh(root, env = process.env) {
  const file = stampFile(root);
  return fs.existsSync(path.join(root, ".next", "BUILD_ID")) && fs.existsSync(file) && fs.readFileSync(file, "utf8") === buildStamp(root, env);
}
