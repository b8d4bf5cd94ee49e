import "server-only";
import fs from "node:fs";
import path from "node:path";
import { connection } from "next/server";
import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";
import { getEnv } from "@/lib/env";
import * as schema from "./schema";

export type Db = PgDatabase<PgQueryResultHKT, typeof schema>;
export type Tx = Parameters<Parameters<Db["transaction"]>[0]>[0];
/** Either the database or a transaction on it: queries accept both so callers can compose them. */
export type DbOrTx = Db | Tx;

export type Handle = { db: Db; close: () => Promise<void>; driver: "pglite" | "postgres" };
type State = { handle?: Promise<Handle> };

const MIGRATIONS = path.join(process.cwd(), "db", "migrations");
const state: State = ((globalThis as { __registryDb?: State }).__registryDb ??= {});

export class DatabaseLockedError extends Error {
  constructor(dir: string, pid: number) {
    super(
      `The embedded database in ${dir} is already open in process ${pid}. PGlite has no file lock of its own, ` +
        `so a second process would silently lose the first one's writes. Stop that process, or set DATABASE_URL ` +
        `to use a PostgreSQL server that several processes can share.`,
    );
    this.name = "DatabaseLockedError";
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

/** One process per embedded database: a pid file taken with O_EXCL, stale ones (dead pid) reclaimed. */
function lockEmbeddedDatabase(dir: string): () => void {
  fs.mkdirSync(dir, { recursive: true });
  const lockPath = path.join(dir, "registry.lock");
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      fs.writeFileSync(lockPath, String(process.pid), { flag: "wx" });
      const release = () => {
        try {
          if (fs.readFileSync(lockPath, "utf8") === String(process.pid)) fs.rmSync(lockPath);
        } catch {
          // Already gone: nothing to release.
        }
      };
      process.once("exit", release);
      return release;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
      const pid = Number.parseInt(fs.readFileSync(lockPath, "utf8"), 10);
      if (pid === process.pid) return () => {};
      if (Number.isSafeInteger(pid) && pid > 0 && isAlive(pid)) throw new DatabaseLockedError(dir, pid);
      fs.rmSync(lockPath, { force: true });
    }
  }
  throw new Error(`Could not lock the embedded database in ${dir}`);
}

async function openPglite(dataDir: string): Promise<Handle> {
  const dir = path.resolve(dataDir, "pglite");
  const release = lockEmbeddedDatabase(path.resolve(dataDir));
  const { PGlite } = await import("@electric-sql/pglite");
  const { pg_trgm } = await import("@electric-sql/pglite/contrib/pg_trgm");
  const { unaccent } = await import("@electric-sql/pglite/contrib/unaccent");
  const { drizzle } = await import("drizzle-orm/pglite");
  const { migrate } = await import("drizzle-orm/pglite/migrator");
  const client = await PGlite.create(dir, { extensions: { pg_trgm, unaccent } });
  const db = drizzle(client, { schema });
  await migrate(db, { migrationsFolder: MIGRATIONS });
  return {
    db: db as unknown as Db,
    driver: "pglite",
    close: async () => {
      await client.close();
      release();
    },
  };
}

async function openPostgres(url: string): Promise<Handle> {
  const { default: postgres } = await import("postgres");
  const { drizzle } = await import("drizzle-orm/postgres-js");
  const { migrate } = await import("drizzle-orm/postgres-js/migrator");
  // Several app instances may start at once: one migrates while the others wait on the lock.
  const migrator = postgres(url, { max: 1, onnotice: () => {} });
  try {
    await migrator`select pg_advisory_lock(7461626)`;
    await migrate(drizzle(migrator), { migrationsFolder: MIGRATIONS });
    await migrator`select pg_advisory_unlock(7461626)`;
  } finally {
    await migrator.end();
  }
  const client = postgres(url, { max: 10, onnotice: () => {} });
  return { db: drizzle(client, { schema }) as unknown as Db, driver: "postgres", close: () => client.end() };
}

/**
 * Opens (once per process) and migrates the database, and does nothing else: importing the shipped
 * content and seeding the demo are start-up's (lib/startup/). No request context needed (start-up,
 * scripts, tests).
 */
export function openDatabase(): Promise<Handle> {
  state.handle ??= (async () => {
    const env = getEnv();
    return env.DATABASE_URL ? openPostgres(env.DATABASE_URL) : openPglite(env.dataDir);
  })().catch((error: unknown) => {
    state.handle = undefined;
    throw error;
  });
  return state.handle;
}

/**
 * The database for request-time code: pages, route handlers and server actions. `connection()`
 * marks the caller dynamic, so `next build` never opens the database while prerendering. Reads
 * kept in Next's data cache go through `cachedRead` (db/cached-read.ts) instead.
 */
export async function getDb(): Promise<Db> {
  await connection();
  return (await openDatabase()).db;
}

export async function closeDatabase(): Promise<void> {
  const handle = state.handle;
  state.handle = undefined;
  if (handle) await (await handle).close();
}
