// The production server: Next's request handler behind a thin front door (scripts/lib/front-door.mjs)
// that sets the client address from the socket (X-Forwarded-For cannot be forged), limits request
// bodies by route (413) and adds HSTS on https sites. Used by `npm start`, the test runner and the
// bench in place of `next start`, with the same options:
//   node scripts/server.mjs [-p PORT] [-H HOSTNAME]      (PORT also from the environment; default 3000)
// TRUSTED_PROXY_HOPS (default 0): how many reverse proxies in front of this server append to
// X-Forwarded-For; the client address is taken that many hops from the right.
import http from "node:http";
import path from "node:path";
import { createFrontDoor } from "./lib/front-door.mjs";

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

const { default: next } = await import("next");
const app = next({ dev: false, dir: root, hostname: hostname ?? "localhost", port, customServer: true });
await app.prepare();
const server = http.createServer(createFrontDoor(app.getRequestHandler(), { trustedHops, hsts }));

server.listen(port, hostname, () => {
  const { port: actual } = server.address();
  const shown = hostname && hostname.includes(":") ? `[${hostname}]` : (hostname ?? "localhost");
  console.log(`[registry] ready on http://${shown}:${actual}${trustedHops ? ` (trusting ${trustedHops} proxy hop${trustedHops === 1 ? "" : "s"})` : ""}`);
});

// Stop taking requests, let the ones in flight finish and the job runner stop (lib/jobs/index.ts
// leaves its stop function on globalThis, since this file cannot import the bundled app), then exit;
// 10 s at most.
let stopping = false;
function stop(signal) {
  if (stopping) return;
  stopping = true;
  console.log(`[registry] ${signal}: stopping`);
  const closed = new Promise((resolve) => server.close(resolve));
  server.closeIdleConnections();
  setTimeout(() => process.exit(0), 10_000).unref();
  Promise.allSettled([closed, globalThis.__registryStopJobs?.()]).then(() => process.exit(0));
}
process.on("SIGINT", () => stop("SIGINT"));
process.on("SIGTERM", () => stop("SIGTERM"));
