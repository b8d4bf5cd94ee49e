// npm run lighthouse: Lighthouse's four category scores for the public pages issue 14 names (the
// home page, /accord, /signatories and a profile), on the production build, in Chromium.
// Builds when stale and starts the production server on a free port with its own data directory
// (scripts/lib/server.mjs, as the tests and the bench do), then runs Lighthouse through its Node API
// with chrome-launcher, once per page and form factor. Prints a table of the scores and, for every
// score below its target, the ids of the audits that failed. Exits 1 when a target is missed.
//   LIGHTHOUSE_URL           audit a server that is already running instead (no build, no start)
//   LIGHTHOUSE_FORM_FACTORS  "desktop,mobile" (default) or one of them
//   LIGHTHOUSE_RUNS          audits per page and form factor (default 1); the table shows the run with
//                            the median performance score, as Lighthouse's docs advise for noisy machines
//   CHROMIUM_PATH            the browser (default: Debian's /usr/bin/chromium, else Playwright's)
import * as chromeLauncher from "chrome-launcher";
import lighthouse from "lighthouse";
import os from "node:os";
import desktopConfig from "lighthouse/core/config/desktop-config.js";
import { ensureBrowser } from "./lib/browser.mjs";
import { ensureBuild, startServer } from "./lib/server.mjs";

const TARGETS = { performance: 98, accessibility: 100, "best-practices": 100, seo: 100 };
const CATEGORIES = Object.keys(TARGETS);
const formFactors = (process.env.LIGHTHOUSE_FORM_FACTORS ?? "desktop,mobile")
  .split(",")
  .map((name) => name.trim())
  .filter(Boolean);
const runs = Math.max(1, Number(process.env.LIGHTHOUSE_RUNS ?? 1));
const externalUrl = process.env.LIGHTHOUSE_URL?.replace(/\/+$/, "");

/** A profile to audit: the bulk seed's first organisation if present, else the directory's first. */
async function pickProfile(base) {
  const known = await fetch(`${base}/signatories/northwind-cloud`, { redirect: "manual" });
  if (known.status === 200) return "/signatories/northwind-cloud";
  const html = await (await fetch(`${base}/signatories`)).text();
  const match = html.match(/href="(\/signatories\/(?!(?:stats|all)["/?])[a-z0-9-]+)"/);
  if (!match) throw new Error("no profile link on /signatories to audit");
  return match[1];
}

/** What an accessibility, best-practices or SEO audit found: its first few elements or messages. */
function describeItems(result) {
  const items = (result.details?.items ?? [])
    .slice(0, 5)
    .map((item) => item.node?.snippet ?? item.description ?? item.url ?? item.source ?? JSON.stringify(item).slice(0, 200));
  return items.length > 0 ? ` [${items.join("; ")}]` : "";
}

async function audit(url, formFactor, port) {
  const config = formFactor === "desktop" ? desktopConfig : undefined;
  const result = await lighthouse(url, { port, output: "json", logLevel: "error", onlyCategories: CATEGORIES }, config);
  if (!result) throw new Error(`Lighthouse returned nothing for ${url}`);
  const { lhr } = result;
  if (lhr.runtimeError) throw new Error(`Lighthouse could not audit ${url}: ${lhr.runtimeError.code} ${lhr.runtimeError.message}`);
  const scores = {};
  const failing = {};
  for (const id of CATEGORIES) {
    const category = lhr.categories[id];
    scores[id] = category.score === null ? null : Math.round(category.score * 100);
    if (scores[id] === null || scores[id] < TARGETS[id]) {
      failing[id] = category.auditRefs
        .filter((ref) => ref.weight > 0 || id === "performance")
        .map((ref) => lhr.audits[ref.id])
        .filter((a) => a && a.score !== null && a.score < 1 && a.scoreDisplayMode !== "informative" && a.scoreDisplayMode !== "manual")
        .map((a) => `${a.id} (${Math.round(a.score * 100)}${a.displayValue ? `, ${a.displayValue}` : ""})${id === "performance" ? "" : describeItems(a)}`);
    }
  }
  return { scores, failing, warnings: lhr.runWarnings ?? [] };
}

async function main() {
  let server;
  let base = externalUrl;
  if (!base) {
    ensureBuild();
    server = await startServer();
    base = server.url;
  }
  const chromePath = await ensureBrowser();
  const chrome = await chromeLauncher.launch({ chromePath, chromeFlags: ["--headless=new", "--no-sandbox", "--disable-gpu"] });
  const rows = [];
  try {
    const pages = ["/", "/accord", "/signatories", await pickProfile(base)];
    // Warm the page cache so the audit measures what a visitor gets, not the first render.
    for (const page of pages) await fetch(`${base}${page}`);
    for (const page of pages) {
      for (const formFactor of formFactors) {
        console.log(`[lighthouse] ${formFactor} ${page}`);
        const results = [];
        for (let run = 0; run < runs; run++) results.push(await audit(`${base}${page}`, formFactor, chrome.port));
        results.sort((a, b) => (a.scores.performance ?? 0) - (b.scores.performance ?? 0));
        rows.push({ page, formFactor, ...results[Math.floor((results.length - 1) / 2)] });
      }
    }
  } finally {
    await chrome.kill();
    await server?.stop();
  }

  const header = ["page", "form factor", ...CATEGORIES];
  const table = rows.map((row) => [row.page, row.formFactor, ...CATEGORIES.map((id) => String(row.scores[id] ?? "n/a"))]);
  const widths = header.map((title, i) => Math.max(title.length, ...table.map((cells) => cells[i].length)));
  const line = (cells) => `| ${cells.map((cell, i) => cell.padEnd(widths[i])).join(" | ")} |`;
  console.log(
    `\nLighthouse ${(await import("lighthouse/package.json", { with: { type: "json" } })).default.version}, targets: ${CATEGORIES.map((id) => `${id} >= ${TARGETS[id]}`).join(", ")}\n`,
  );
  // Mobile scores simulate a 4x slower CPU from the trace this machine recorded: a busy machine
  // (a build or tests beside the audit) lowers them. Say how busy it was.
  const load = os.loadavg()[0];
  const cores = os.availableParallelism();
  console.log(`Load average ${load.toFixed(1)} on ${cores} cores${load > cores ? ": busy, performance scores are pessimistic" : ""}; ${runs} run(s) each.\n`);
  console.log(line(header));
  console.log(`|${widths.map((w) => "-".repeat(w + 2)).join("|")}|`);
  for (const cells of table) console.log(line(cells));
  let missed = false;
  for (const row of rows) {
    for (const [id, audits] of Object.entries(row.failing)) {
      missed = true;
      console.log(`\n${row.formFactor} ${row.page} ${id} ${row.scores[id] ?? "n/a"} < ${TARGETS[id]}: ${audits.join(", ") || "(no single failing audit)"}`);
    }
    for (const warning of row.warnings) console.log(`\n${row.formFactor} ${row.page} warning: ${warning}`);
  }
  if (missed) process.exitCode = 1;
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
