import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import postgres from "postgres";
import { closeDatabase, openDatabase } from "@/db/client";
import { clearEnvCache } from "@/lib/env";
import { generateSignerKey } from "@/lib/ledger/note";
import { openRegistry } from "@/lib/startup/start-registry";

const ledgerKey = generateSignerKey("localhost:3000/ledger").signerKey;

export type Driver = "pglite" | "postgres";

/** PGlite always; real PostgreSQL too when TEST_DATABASE_URL names a server we may create databases on. */
export const drivers: Driver[] = process.env.TEST_DATABASE_URL ? ["pglite", "postgres"] : ["pglite"];

type TestDatabase = { driver: Driver; cleanup: () => Promise<void> };

/**
 * Points the app's database client at a fresh, empty database: a new PGlite directory, or a new
 * database on the PostgreSQL server. `mode` decides whether the demo seed runs.
 */
export async function useFreshDatabase(driver: Driver, mode: "demo" | "production" = "production"): Promise<TestDatabase> {
  await closeDatabase();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "registry-test-"));
  Object.assign(process.env, {
    REGISTRY_MODE: mode,
    DATA_DIR: dataDir,
    SITE_URL: "http://localhost:3000",
    AUTH_SECRET: "test-secret-test-secret-test-secret-0123",
    SMTP_URL: "smtp://127.0.0.1:2525",
    LEDGER_SIGNING_KEY: ledgerKey,
  });
  delete process.env.DATABASE_URL;
  let dropDatabase = async () => {};
  if (driver === "postgres") {
    const admin = postgres(process.env.TEST_DATABASE_URL!, { max: 1, onnotice: () => {} });
    const name = `registry_test_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
    await admin.unsafe(`create database ${name}`);
    const url = new URL(process.env.TEST_DATABASE_URL!);
    url.pathname = `/${name}`;
    process.env.DATABASE_URL = url.toString();
    dropDatabase = async () => {
      await admin.unsafe(`drop database if exists ${name} with (force)`);
      await admin.end();
    };
  }
  clearEnvCache();
  return {
    driver,
    cleanup: async () => {
      await closeDatabase();
      await dropDatabase();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/**
 * The database as the server has it after start-up: opened and migrated, the shipped content
 * imported and, in demo mode, the demo seeded (lib/startup/, once per open database). Tests that
 * need the bare migrated database call openDatabase instead.
 */
export const getReadyDatabase = openRegistry;

export { openDatabase };
