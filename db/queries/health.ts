import "server-only";
import { sql } from "drizzle-orm";
import { type DbOrTx, getDb, openDatabase } from "../client";

// The readiness probe opens the database itself: failing to open it is what it reports. Start-up
// (lib/startup/start-registry.ts) and the graceful shutdown (scripts/server.mjs) leave flags on
// globalThis: the server only counts as ready between the two.
export async function getReadiness(): Promise<{ status: "ok" | "unavailable"; database?: string; reason?: string }> {
  const flags = globalThis as { __registryStarted?: boolean; __registryStopping?: boolean };
  if (flags.__registryStopping) return { status: "unavailable", reason: "The server is shutting down." };
  if (!flags.__registryStarted) return { status: "unavailable", reason: "The server is still starting (migrations, shipped content)." };
  try {
    const db = await getDb();
    await db.execute(sql`select 1`);
    return { status: "ok", database: (await openDatabase()).driver };
  } catch (error) {
    console.error("[registry] health check failed:", error);
    return { status: "unavailable", reason: "The database is not ready." };
  }
}

/** One trivial round trip, for the bench's dynamic floor. */
export async function getTrivialValue(db: DbOrTx): Promise<number> {
  const result = await db.execute<{ one: number }>(sql`select 1 as one`);
  const rows = Array.isArray(result) ? result : (result as { rows: { one: number }[] }).rows;
  return Number(rows[0]?.one ?? 0);
}
