// npm test: unit and integration tests (vitest), then end-to-end tests (Playwright in Chromium)
// against the production build. Prints one closing line: "N passed, N failed".
import { spawn, spawnSync } from "node:child_process";
import readline from "node:readline";
import fs from "node:fs";
import path from "node:path";
import { ensureBrowser } from "./lib/browser.mjs";
import { ensureBuild, root, startServer } from "./lib/server.mjs";

const only = process.argv.includes("--only") ? process.argv[process.argv.indexOf("--only") + 1] : undefined;
const results = path.join(root, "test-results");
fs.mkdirSync(results, { recursive: true });
fs.mkdirSync(path.join(root, ".test-data"), { recursive: true });

let passed = 0;
let failed = 0;
let skipped = 0;

function runVitest() {
  const out = path.join(results, "vitest.json");
  fs.rmSync(out, { force: true });
  const status = spawnSync(process.execPath, ["node_modules/vitest/vitest.mjs", "run", "--reporter=default", "--reporter=json", `--outputFile=${out}`], {
    cwd: root,
    stdio: "inherit",
  }).status;
  if (!fs.existsSync(out)) {
    failed += 1;
    return;
  }
  const report = JSON.parse(fs.readFileSync(out, "utf8"));
  passed += report.numPassedTests;
  failed += report.numFailedTests + (status !== 0 && report.numFailedTests === 0 ? 1 : 0);
  skipped += report.numPendingTests + report.numTodoTests;
}

/** The SMTP sink and DNS server the e2e specs talk to, in their own process. */
async function startServices() {
  const child = spawn(process.execPath, ["--import", "tsx", "scripts/e2e-services.ts"], { cwd: root, stdio: ["pipe", "pipe", "inherit"] });
  const lines = readline.createInterface({ input: child.stdout });
  const first = await new Promise((resolve, reject) => {
    lines.once("line", resolve);
    child.once("exit", (code) => reject(new Error(`e2e services exited with ${code}`)));
  });
  return { ...JSON.parse(first), stop: () => child.stdin.end() };
}

async function runPlaywright() {
  const executable = await ensureBrowser();
  ensureBuild();
  const services = await startServices();
  // Every browser in the suite signs in from 127.0.0.1: one client, as an office behind one NAT.
  const server = await startServer({
    env: {
      SIGN_IN_CLIENT_LIMIT: "2000",
      SMTP_URL: services.smtpUrl,
      DNS_SERVERS: services.dnsServer,
      EMAIL_FROM: "Tech Accord Registry <registry@registry.test>",
      // Several admins: a sign-in link is limited to 5 an hour per address, and many specs moderate.
      ADMIN_EMAILS: "admin@registry.test,concerns.moderator@registry.test,reports.moderator@registry.test,keyboard.moderator@registry.test",
    },
  }).catch((error) => {
    services.stop();
    throw error;
  });
  const out = path.join(results, "e2e.json");
  fs.rmSync(out, { force: true });
  let status;
  try {
    status = spawnSync(
      process.execPath,
      ["node_modules/@playwright/test/cli.js", "test", ...process.argv.slice(2).filter((a) => a !== "--only" && a !== only)],
      {
        cwd: root,
        stdio: "inherit",
        env: {
          ...process.env,
          E2E_BASE_URL: server.url,
          E2E_SERVICES_URL: services.apiUrl,
          CHROMIUM_PATH: executable,
          PLAYWRIGHT_JSON_OUTPUT_FILE: out,
          E2E_DATA_DIR: server.dataDir,
        },
      },
    ).status;
  } finally {
    await server.stop();
    services.stop();
    fs.rmSync(server.dataDir, { recursive: true, force: true });
  }
  if (!fs.existsSync(out)) {
    failed += 1;
    return;
  }
  const { stats } = JSON.parse(fs.readFileSync(out, "utf8"));
  passed += stats.expected;
  failed += stats.unexpected + stats.flaky + (status !== 0 && stats.unexpected === 0 ? 1 : 0);
  skipped += stats.skipped;
}

try {
  if (!only || only === "vitest") runVitest();
  if (!only || only === "e2e") await runPlaywright();
} catch (error) {
  console.error(`[test] ${error instanceof Error ? error.message : error}`);
  failed += 1;
}

console.log(`\n${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ""}`);
process.exit(failed > 0 || passed === 0 ? 1 : 0);
