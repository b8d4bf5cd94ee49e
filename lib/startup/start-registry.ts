import "server-only";
import { closeDatabase, type Db, type Handle, openDatabase } from "@/db/client";
import { getEnv } from "@/lib/env";
import { prepareRegistry } from "./prepare-registry";

const prepared = new WeakMap<Handle, Promise<Db>>();

/**
 * Start-up, in order and in one place: open the database (which migrates it), then import the
 * shipped content and, in demo mode, seed an empty registry (prepareRegistry). Done once per open
 * database; the server (instrumentation.ts), `npm run seed` and the tests' fresh-database helper
 * call it, and nothing else does: opening the database alone never imports or seeds.
 */
export async function openRegistry(): Promise<Db> {
  const handle = await openDatabase();
  let ready = prepared.get(handle);
  if (!ready) {
    ready = prepareRegistry(handle.db).then(() => handle.db);
    prepared.set(handle, ready);
    ready.catch(() => prepared.delete(handle));
  }
  return ready;
}

/**
 * The end of a graceful shutdown: the job runner finishes the job in hand (a mail being sent is
 * sent and marked so), then the database closes. Safe to call twice.
 */
export async function stopRegistry(): Promise<void> {
  const { stopJobRunner } = await import("@/lib/jobs");
  await stopJobRunner();
  await closeDatabase();
}

/**
 * Runs once when the server process starts: validate the environment, open, migrate, import the
 * accord and seed demo data before the first request, so a bad setting stops start-up with a
 * clear message instead of surfacing on some later page.
 */
export async function startRegistry(): Promise<void> {
  try {
    const env = getEnv();
    const db = await openRegistry();
    // Mail from the outbox and other background work, after the database is ready; stopped
    // on SIGTERM so the job in hand can finish (a lease cut short is retaken by the next runner).
    // lib/jobs also leaves its stop function on globalThis for scripts/server.mjs's shutdown.
    const { startJobRunner, stopJobRunner } = await import("@/lib/jobs");
    // Report reminders and the moderators' digest run hourly on the runner; queue this hour's scan
    // (after downtime it is due at once and catches up what was missed).
    const { ensureReminderScan } = await import("@/lib/reports/reminders");
    await ensureReminderScan(db, new Date());
    startJobRunner(db);
    // Witnesses cosign what was appended (or seeded) while no runner was running.
    const { queueCosigningAtStart } = await import("@/lib/ledger/io/witnesses");
    await queueCosigningAtStart(db);
    process.once("SIGTERM", () => void stopJobRunner());
    // scripts/server.mjs closes the database last in its graceful shutdown, once the requests in
    // flight are done; it cannot import this bundle, so it finds the function here.
    (globalThis as { __registryCloseDatabase?: () => Promise<void> }).__registryCloseDatabase = stopRegistry;
    // Readiness (/api/health) answers 200 only from here on.
    (globalThis as { __registryStarted?: boolean }).__registryStarted = true;
    console.log(`[registry] ready: ${env.mode} mode, ${env.DATABASE_URL ? "PostgreSQL" : `embedded database in ${env.dataDir}`}`);
  } catch (error) {
    console.error(`[registry] start-up failed: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  }
}
