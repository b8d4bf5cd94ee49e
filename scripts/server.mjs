// The production server: Next's request handler behind a thin front door (scripts/lib/front-door.mjs)
// that sets the client address from the socket (X-Forwarded-For cannot be forged), limits request
// bodies by route (413) and adds HSTS on https sites. Used by `npm start`, the test runner and the
// bench in place of `next start`, with the same options:
//   node scripts/server.mjs [-p PORT] [-H HOSTNAME]      (PORT also from the environment; default 3000)
// TRUSTED_PROXY_HOPS (default 0): how many reverse proxies in front of this server append to
// X-Forwarded-For; the client address is taken that many hops from the right.
// Around the front door, scripts/lib/operations.mjs: X-Request-Id on every request, JSON logs in
// production, and the /bench/* floors only when REGISTRY_BENCH=1 (set by scripts/bench.mjs).
// SIGTERM/SIGINT: graceful shutdown (below).
import http from "node:http";
import path from "node:path";
import { createFrontDoor } from "./lib/front-door.mjs";
import { installJsonConsole, withOperations, writeJsonLine } from "./lib/operations.mjs";

// Set before Next loads, as `next start` does: some of Next's modules read it on import.
process.env.NODE_ENV ??= "production";
const root = path.resolve(import.meta.dirname, "..");

function option(flags, fallback) {
  const args = process.argv.slice(2);
  for (let i = 0; i < args.length; i++) {
    const [flag, inline] = args[i].split("=", 2);
    if (flags.includes(flag)) return inline ?? args[i + 1];
  }
  return fallback;
}

function fail(message) {
  console.error(`[registry] ${message}`);
  process.exit(1);
}

const port = Number(option(["-p", "--port"], process.env.PORT || "3000"));
if (!Number.isInteger(port) || port < 0 || port > 65535) fail("the port must be a whole number between 0 and 65535");
const hostname = option(["-H", "--hostname"], undefined);
const hopsSetting = process.env.TRUSTED_PROXY_HOPS?.trim() || "0";
if (!/^\d{1,2}$/.test(hopsSetting)) fail("TRUSTED_PROXY_HOPS must be a whole number of proxies (0 to 99)");
const trustedHops = Number(hopsSetting);
let hsts = false;
try {
  hsts = new URL(process.env.SITE_URL ?? "http://localhost").protocol === "https:";
} catch {
  // lib/env.ts refuses a malformed SITE_URL with a clear message when the app starts.
}

// Production logs are JSON lines (one per request, with its X-Request-Id; every console line too),
// for a log collector; demo mode keeps the readable lines. Same default as lib/env.ts.
const production = (process.env.REGISTRY_MODE || (process.env.DATABASE_URL ? "production" : "demo")) === "production";
if (production) installJsonConsole();
// The /bench/* floors answer 404 unless the bench (scripts/bench.mjs) started this server.
const bench = process.env.REGISTRY_BENCH === "1";

const { default: next } = await import("next");
const app = next({ dev: false, dir: root, hostname: hostname ?? "localhost", port, customServer: true });
await app.prepare();
const handler = withOperations(createFrontDoor(app.getRequestHandler(), { trustedHops, hsts }), { log: production ? writeJsonLine : null, bench });
let stopping = false;
const server = http.createServer((req, res) => {
  // While stopping, a finished response closes its keep-alive connection, so that server.close()
  // resolves once the requests in flight are done rather than when idle clients hang up.
  if (stopping) res.setHeader("Connection", "close");
  res.once("finish", () => {
    if (stopping) setImmediate(() => server.closeIdleConnections());
  });
  return handler(req, res);
});

server.listen(port, hostname, () => {
  const { port: actual } = server.address();
  const shown = hostname && hostname.includes(":") ? `[${hostname}]` : (hostname ?? "localhost");
  console.log(`[registry] ready on http://${shown}:${actual}${trustedHops ? ` (trusting ${trustedHops} proxy hop${trustedHops === 1 ? "" : "s"})` : ""}`);
});

// Graceful shutdown: readiness turns 503 (a load balancer stops sending), no new connections, the
// requests in flight finish while the job runner finishes the job in hand (an outbox send; the
// bundled app leaves both functions on globalThis, since this file cannot import it), then the
// database closes and the process exits 0. Past SHUTDOWN_TIMEOUT_MS it exits 1, saying so.
const SHUTDOWN_TIMEOUT_MS = 10_000;
const closePurgeBus = async () => (await globalThis.__registryPageCache?.bus)?.close?.();
function stop(signal) {
  if (stopping) return;
  stopping = true;
  globalThis.__registryStopping = true;
  console.log(`[registry] ${signal}: stopping`);
  const closed = new Promise((resolve) => server.close(resolve));
  server.closeIdleConnections();
  setTimeout(() => {
    console.error(`[registry] shutdown took longer than ${SHUTDOWN_TIMEOUT_MS / 1000} s: exiting with requests or jobs unfinished`);
    process.exit(1);
  }, SHUTDOWN_TIMEOUT_MS).unref();
  Promise.allSettled([closed, globalThis.__registryStopJobs?.()])
    // The database, and the page cache's LISTEN connection on PostgreSQL (lib/page-cache-handler.mjs).
    .then(() => Promise.all([globalThis.__registryCloseDatabase?.(), closePurgeBus()]))
    .then(
      () => {
        console.log("[registry] stopped");
        process.exit(0);
      },
      (error) => {
        console.error(`[registry] closing the database failed: ${error instanceof Error ? error.message : String(error)}`);
        process.exit(1);
      },
    );
}
process.on("SIGINT", () => stop("SIGINT"));
process.on("SIGTERM", () => stop("SIGTERM"));
