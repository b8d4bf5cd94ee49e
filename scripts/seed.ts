// npm run seed -- --organisations <n> [--reset]
//
// Builds a demo registry of <n> fictional organisations in the configured database (DATA_DIR's
// embedded database, or DATABASE_URL), exactly as a server's first start in demo mode with
// DEMO_ORGANISATIONS=<n> would: migrate, import the shipped accord as version 1, seed (in bulk
// above 200 organisations, see lib/demo/seed-bulk.ts), build the directory. Useful to prepare a large
// data set once, for the bench or to try the directory at scale, instead of at every first start.
//
// Run with the environment the server will use: the same DATA_DIR or DATABASE_URL, and the same
// SITE_URL (or PORT), because the ledger's checkpoints are signed by the key of the log's origin.
// Exit codes: 0 seeded, 1 refused or failed, 2 usage error.
import fs from "node:fs";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { closeDatabase, DatabaseLockedError, openDatabase } from "../db/client";
import { countOrganisationsByKind, dropDemoRegistry } from "../db/queries/demo";
import { getLedgerSize } from "../db/queries/ledger";
import { clearEnvCache, EnvError, getEnv } from "../lib/env";
import { openRegistry } from "../lib/startup/start-registry";
import { parseSeedArgs, SEED_USAGE, type SeedArgs } from "./lib/seed-args";

const EXIT = { seeded: 0, refused: 1, usage: 2 } as const;

const PRODUCTION_REFUSAL =
  "The seed writes fictional organisations into the public ledger, which can never remove them, so it only seeds a demo " +
  "registry. Set REGISTRY_MODE=demo (without it, a DATABASE_URL means production).";

/** Ends the run with a message on stderr and an exit code. */
class Refusal extends Error {
  constructor(
    message: string,
    readonly exitCode: number = EXIT.refused,
  ) {
    super(message);
  }
}

async function main(argv: readonly string[]): Promise<number> {
  const parsed = parseSeedArgs(argv);
  if (parsed.kind === "help") {
    process.stdout.write(SEED_USAGE);
    return EXIT.seeded;
  }
  if (parsed.kind === "usage") throw new Refusal(`${parsed.message}\n\n${SEED_USAGE}`, EXIT.usage);
  const { args } = parsed;

  // The count reaches the seed the way it reaches a server's first start.
  process.env.DEMO_ORGANISATIONS = String(args.organisations);
  clearEnvCache();
  let env;
  try {
    env = getEnv();
  } catch (error) {
    // Production settings missing is beside the point when the seed would refuse production anyway.
    if (error instanceof EnvError && process.env.REGISTRY_MODE?.trim() !== "demo") throw new Refusal(PRODUCTION_REFUSAL);
    throw error;
  }
  if (env.mode !== "demo") throw new Refusal(PRODUCTION_REFUSAL);
  const where = env.DATABASE_URL ? "the PostgreSQL database in DATABASE_URL" : `the embedded database in ${path.resolve(env.dataDir, "pglite")}`;

  await prepareEmptyDatabase(args, where);
  const started = performance.now();
  // Start-up's own steps: open and migrate, import the shipped accord, seed the empty demo registry.
  const db = await openRegistry();
  const { total } = await countOrganisationsByKind(db);
  if (total !== args.organisations) throw new Refusal(`Expected ${args.organisations} organisations after seeding, found ${total}: was the database in use?`);
  const entries = await getLedgerSize(db);
  const seconds = (performance.now() - started) / 1000;
  console.log(
    `Seeded ${total.toLocaleString("en")} demo organisations (${entries.toLocaleString("en")} ledger entries) into ${where} in ${seconds.toFixed(1)} s.`,
  );
  return EXIT.seeded;
}

/** Opens the database (which proves no server holds the embedded one) and leaves it empty of organisations, or refuses. */
async function prepareEmptyDatabase(args: SeedArgs, where: string): Promise<void> {
  const env = getEnv();
  const { db } = await openDatabase();
  const { total, demo } = await countOrganisationsByKind(db);
  if (total === 0 && !args.reset) return;
  if (!args.reset) {
    throw new Refusal(
      `${where[0]!.toUpperCase()}${where.slice(1)} already holds ${total.toLocaleString("en")} organisations (${demo.toLocaleString("en")} of them demo ones). ` +
        "Run with --reset to start over, or point DATA_DIR or DATABASE_URL at another database.",
    );
  }
  if (env.DATABASE_URL) {
    const result = await dropDemoRegistry(db);
    if (!result.dropped) {
      const real = result.realOrganisations;
      throw new Refusal(
        `--reset refused: ${where} holds ${real.toLocaleString("en")} ${real === 1 ? "organisation that is" : "organisations that are"} not demo. Nothing was changed.`,
      );
    }
    console.log(`Dropped the registry's tables from ${where} (demo data only).`);
    await closeDatabase();
    return;
  }
  // We held the lock, so no server has the files open: they can go.
  await closeDatabase();
  fs.rmSync(path.resolve(env.dataDir, "pglite"), { recursive: true, force: true });
  console.log(`Deleted ${where}.`);
}

let code: number;
try {
  code = await main(process.argv.slice(2));
} catch (error) {
  if (error instanceof Refusal) {
    console.error(error.message);
    code = error.exitCode;
  } else if (error instanceof DatabaseLockedError) {
    console.error(`${error.message}\nThe server is probably running: stop it, seed, then start it again.`);
    code = EXIT.refused;
  } else if (error instanceof EnvError) {
    console.error(error.message);
    code = EXIT.refused;
  } else {
    console.error(error);
    code = EXIT.refused;
  }
}
await closeDatabase();
process.exit(code);
