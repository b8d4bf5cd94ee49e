// npm run bench: load-test the production build with autocannon and print each route beside
// the floors of DESIGN.md's quality bar, all served by the same server in the same run.
//   L0 a static file from public/   L1 a trivial prerendered page   L2 a trivial dynamic page + 1 query
// BENCH_DURATION (seconds, default 10) and BENCH_CONNECTIONS (default 32) tune the run.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import autocannon from "autocannon";
import { ensureBuild, startServer } from "./lib/server.mjs";

const duration = Number(process.env.BENCH_DURATION ?? 10);
const connections = Number(process.env.BENCH_CONNECTIONS ?? 32);

const floors = [
  { name: "L0 static file", path: "/favicon.svg" },
  { name: "L1 prerendered page", path: "/bench/l1" },
  { name: "L2 dynamic page + query", path: "/bench/l2" },
];

/** Key routes and the floor each is measured against (its kind). */
const routes = [
  { name: "home", path: "/", floor: "L2" },
  { name: "accord", path: "/accord", floor: "L1" },
  { name: "principle", path: "/accord/principles/no-attacks-on-civilians", floor: "L1" },
  { name: "about", path: "/about", floor: "L1" },
  { name: "signatories p1", path: "/signatories", floor: "L2" },
  { name: "share image (home)", path: "/opengraph-image", floor: "L1" },
  { name: "health", path: "/api/health", floor: "L2" },
  { name: "ledger page", path: "/ledger", floor: "L2" },
  { name: "ledger checkpoint", path: "/ledger/checkpoint", floor: "L2" },
  { name: "ledger full tile", path: "/ledger/tile/0/000", floor: "L0" },
  { name: "ledger full entry bundle", path: "/ledger/tile/entries/000", floor: "L0" },
  { name: "ledger entry + proof (API)", path: "/api/v1/ledger/entries/100", floor: "L2" },
];

function load(url, seconds) {
  return new Promise((resolve, reject) => {
    autocannon({ url, connections, duration: seconds, pipelining: 1 }, (error, result) => (error ? reject(error) : resolve(result)));
  });
}

async function measure(base, path) {
  await load(`${base}${path}`, 2); // warm caches and the JIT before the measured run
  const result = await load(`${base}${path}`, duration);
  const bad = result.non2xx + result.errors + result.timeouts;
  return { rps: result.requests.average, p50: result.latency.p50, p99: result.latency.p99, bad };
}

const pad = (value, width) => String(value).padStart(width);

ensureBuild();
// 200 demo organisations give the log 401 entries, so full tiles exist to measure.
const server = await startServer({ env: { DEMO_ORGANISATIONS: "200" } });
console.log(`\nautocannon: ${connections} connections, ${duration} s per route, server ${server.url} (PGlite, demo data)\n`);
try {
  const floorResults = {};
  const rows = [];
  for (const floor of floors) {
    const r = await measure(server.url, floor.path);
    floorResults[floor.name.slice(0, 2)] = r;
    rows.push({ name: floor.name, path: floor.path, ...r, ratio: "" });
  }
  const baseline = floorResults.L0.rps;
  for (const route of routes) {
    const r = await measure(server.url, route.path);
    const floor = floorResults[route.floor];
    rows.push({ name: route.name, path: route.path, ...r, ratio: `${(r.rps / floor.rps).toFixed(2)}× ${route.floor}, ${(r.rps / baseline).toFixed(2)}× L0` });
  }
  console.log(`${"route".padEnd(26)}${"path".padEnd(44)}${pad("req/s", 9)}${pad("p50 ms", 8)}${pad("p99 ms", 8)}${pad("non-2xx", 9)}  ratio`);
  for (const row of rows) {
    console.log(`${row.name.padEnd(26)}${row.path.padEnd(44)}${pad(Math.round(row.rps), 9)}${pad(row.p50, 8)}${pad(row.p99, 8)}${pad(row.bad, 9)}  ${row.ratio}`);
  }
} finally {
  await server.stop();
  fs.rmSync(server.dataDir, { recursive: true, force: true });
}

// Appends per second and proof cost at 1k/100k/1M entries, in-process against both databases.
spawnSync(process.execPath, ["--conditions=react-server", "--import", "tsx", "scripts/bench-ledger.ts"], { stdio: "inherit" });
