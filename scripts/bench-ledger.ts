// Ledger figures for `npm run bench`: appends per second (PGlite, and PostgreSQL when
// BENCH_DATABASE_URL or TEST_DATABASE_URL names a server we may create a database on) and
// inclusion-proof time from stored hashes at 1k, 100k and 1M entries (it should grow with log n),
// and how long `verify-ledger` takes over HTTP against a production server holding 100k entries
// (BENCH_VERIFY_ENTRIES changes the count).
// Run: node --conditions=react-server --import tsx scripts/bench-ledger.ts
import { runVerifyLedger } from "./lib/run-verify-ledger";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { performance } from "node:perf_hooks";
import postgres from "postgres";
import { sql } from "drizzle-orm";
import { closeDatabase, openDatabase } from "../db/client";
import { clearEnvCache } from "../lib/env";
import { bulkLoadLedger } from "../lib/ledger/io/bulk-load";
import { appendEvent, withStoredHashes } from "../lib/ledger/io/log";
import { generateSignerKey } from "../lib/ledger/note";
import { inclusionProof } from "../lib/ledger/proof";
import { leafHash, nodeHash } from "../lib/ledger/merkle";
import { getLedgerSigner } from "../lib/ledger/io/signer";
import { sampleEvents } from "./lib/sample-ledger-events";

const APPENDS = Number(process.env.BENCH_APPENDS ?? 500);
const PROOF_SIZES = [1_000, 100_000, 1_000_000];
const VERIFY_ENTRIES = Number(process.env.BENCH_VERIFY_ENTRIES ?? 100_000);

/** Production settings, shared with the server the verify-ledger timing starts. */
const productionEnv = () => ({
  REGISTRY_MODE: "production",
  SITE_URL: "http://localhost:3000",
  AUTH_SECRET: "bench-secret-bench-secret-bench-secret-00",
  SMTP_URL: "smtp://127.0.0.1:2525",
  LEDGER_SIGNING_KEY: generateSignerKey("localhost:3000/ledger").signerKey,
});

function selectDatabase(url?: string) {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "registry-bench-"));
  Object.assign(process.env, { ...productionEnv(), DATA_DIR: dataDir });
  if (url) process.env.DATABASE_URL = url;
  else delete process.env.DATABASE_URL;
  clearEnvCache();
  return dataDir;
}

const event = (n: number) => ({
  kind: "accord.signed" as const,
  at: new Date().toISOString(),
  organisation: { slug: `bench-${n}`, name: `Bench ${n}`, domain: `bench-${n}.example` },
  version: 1,
  contentHash: "b".repeat(64),
  signer: { name: "Bench Signer", title: "CEO" },
});

async function measureAppends(label: string, concurrency: number) {
  const { db } = await openDatabase();
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < APPENDS) {
        const n = next++;
        await db.transaction((tx) => appendEvent(tx, event(n)));
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  console.log(`${label.padEnd(44)}${String(Math.round(APPENDS / seconds)).padStart(8)} appends/s  (${APPENDS} appends, ${concurrency} in flight)`);
}

/** Every complete-subtree hash of an n-leaf tree of synthetic entries, level by level. */
function* treeLevels(n: number): Generator<Uint8Array[]> {
  let level = Array.from({ length: n }, (_, i) => leafHash(new TextEncoder().encode(`entry ${i}`)));
  while (level.length > 0) {
    yield level;
    const below = level;
    level = Array.from({ length: Math.floor(below.length / 2) }, (_, i) => nodeHash(below[2 * i]!, below[2 * i + 1]!));
  }
}

async function loadHashes(n: number) {
  const { db } = await openDatabase();
  let height = 0;
  for (const level of treeLevels(n)) {
    for (let start = 0; start < level.length; start += 20_000) {
      const chunk = level.slice(start, start + 20_000);
      // One text parameter per chunk: drizzle would spread a JS array into thousands of parameters.
      const hex = chunk.map((h) => Buffer.from(h).toString("hex")).join(",");
      await db.execute(
        sql`insert into ledger_hashes (level, idx, hash) select ${height}, ${start} + ord - 1, decode(h, 'hex') from unnest(string_to_array(${hex}, ',')) with ordinality as t(h, ord)`,
      );
    }
    height++;
  }
}

async function measureProofs(label: string) {
  const { db } = await openDatabase();
  for (const size of PROOF_SIZES) {
    const runs = 200;
    const started = performance.now();
    for (let i = 0; i < runs; i++) {
      const index = Math.floor(Math.random() * size);
      await withStoredHashes(db, (getHash) => inclusionProof(index, size, getHash));
    }
    const ms = (performance.now() - started) / runs;
    console.log(
      `${`${label} inclusion proof, ${size.toLocaleString("en")} entries`.padEnd(44)}${ms.toFixed(2).padStart(8)} ms each (log2 n = ${Math.ceil(Math.log2(size))})`,
    );
  }
}

type BenchServer = { url: string; stop(): Promise<void> };
type ServerHelpers = {
  ensureBuild(): void;
  startServer(options: { env?: Record<string, string>; dataDir?: string }): Promise<BenchServer>;
};
// server.mjs is plain JavaScript without type declarations; the shape used here is stated above.
const serverHelpers = () => import(pathToFileURL(path.join(import.meta.dirname, "lib", "server.mjs")).href) as Promise<ServerHelpers>;

/**
 * Bulk-loads VERIFY_ENTRIES real entries into a fresh PGlite data dir, serves it with the
 * production build in production mode, and times verify-ledger end to end. Returns false (after
 * saying why) if the log did not verify: a figure for a failing run would mean nothing.
 */
async function measureVerifyLedger(): Promise<boolean> {
  const dir = selectDatabase();
  const stateDir = fs.mkdtempSync(path.join(os.tmpdir(), "registry-bench-state-"));
  const { ensureBuild, startServer } = await serverHelpers();
  let server: BenchServer | undefined;
  try {
    const { db } = await openDatabase();
    let started = performance.now();
    const loaded = await bulkLoadLedger(db, sampleEvents(VERIFY_ENTRIES));
    console.log(`(bulk-loaded ${loaded.size.toLocaleString("en")} ledger entries into PGlite in ${((performance.now() - started) / 1000).toFixed(1)} s)`);
    // The embedded database admits one process: hand it to the server.
    await closeDatabase();
    ensureBuild();
    const settings = ["REGISTRY_MODE", "SITE_URL", "AUTH_SECRET", "SMTP_URL", "LEDGER_SIGNING_KEY"] as const;
    server = await startServer({ dataDir: dir, env: Object.fromEntries(settings.map((name) => [name, process.env[name] ?? ""])) });

    started = performance.now();
    const run = await runVerifyLedger([server.url, "--key", getLedgerSigner().verifierKey, "--state", path.join(stateDir, "state.json"), "--quiet"]);
    const seconds = (performance.now() - started) / 1000;
    // The server appends the accord's publication on its first start, so the log may be one longer.
    const verified = Number(/: (\d+) entries,/.exec(run.stdout)?.[1] ?? 0);
    if (run.code !== 0 || verified < loaded.size) {
      console.log(`verify-ledger FAILED on the ${loaded.size.toLocaleString("en")}-entry log (exit ${run.code}):\n${run.stdout}${run.stderr}`);
      return false;
    }
    const label = `verify-ledger, ${verified.toLocaleString("en")} entries over HTTP`;
    console.log(`${label.padEnd(44)}${seconds.toFixed(1).padStart(8)} s     (${Math.round(verified / seconds).toLocaleString("en")} entries/s)`);
    return true;
  } finally {
    await server?.stop();
    await closeDatabase();
    fs.rmSync(dir, { recursive: true, force: true });
    fs.rmSync(stateDir, { recursive: true, force: true });
  }
}

async function withPostgres(run: (url: string) => Promise<void>) {
  const server = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL;
  if (!server) {
    console.log("PostgreSQL figures skipped: set BENCH_DATABASE_URL (or TEST_DATABASE_URL) to a server the bench may create a database on.");
    return;
  }
  const admin = postgres(server, { max: 1, onnotice: () => {} });
  const name = `registry_bench_${process.pid}`;
  await admin.unsafe(`create database ${name}`);
  const url = new URL(server);
  url.pathname = `/${name}`;
  let dataDir: string | undefined;
  try {
    dataDir = selectDatabase(url.toString());
    await run(url.toString());
  } finally {
    await closeDatabase();
    if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
    await admin.unsafe(`drop database if exists ${name} with (force)`);
    await admin.end();
  }
}

console.log("\nLedger");
let dir = selectDatabase();
await measureAppends("PGlite appends", 1);
await closeDatabase();
fs.rmSync(dir, { recursive: true, force: true });

await withPostgres(async () => {
  await measureAppends("PostgreSQL appends, 1 writer", 1);
  await closeDatabase();
});
await withPostgres(async () => {
  await measureAppends("PostgreSQL appends, 8 concurrent writers", 8);
  await closeDatabase();
});

dir = selectDatabase();
let started = performance.now();
await loadHashes(PROOF_SIZES.at(-1)!);
console.log(`(loaded ${PROOF_SIZES.at(-1)!.toLocaleString("en")} entries' hashes into PGlite in ${((performance.now() - started) / 1000).toFixed(1)} s)`);
await measureProofs("PGlite");
await closeDatabase();
fs.rmSync(dir, { recursive: true, force: true });

await withPostgres(async () => {
  started = performance.now();
  await loadHashes(PROOF_SIZES.at(-1)!);
  await measureProofs("PostgreSQL");
});

const verified = await measureVerifyLedger();
process.exit(verified ? 0 : 1);
