import { getReadyDatabase } from "@/db/client";
import { getEnv } from "./env";

/**
 * Runs once when the server process starts: validate the environment, migrate, import the
 * accord and seed demo data before the first request, so a bad setting stops start-up with a
 * clear message instead of surfacing on some later page.
 */
export async function startRegistry(): Promise<void> {
  try {
    const env = getEnv();
    const db = await getReadyDatabase();
    // Mail from the outbox and other background work, after the database is ready; stopped
    // on SIGTERM so the job in hand can finish (a lease cut short is retaken by the next runner).
    const { startJobRunner, stopJobRunner } = await import("./jobs");
    startJobRunner(db);
    process.once("SIGTERM", () => void stopJobRunner());
    console.log(`[registry] ready: ${env.mode} mode, ${env.DATABASE_URL ? "PostgreSQL" : `embedded database in ${env.dataDir}`}`);
  } catch (error) {
    console.error(`[registry] start-up failed: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  }
}
