import "server-only";
import { sql } from "drizzle-orm";
import { type DbOrTx, getDb, openDatabase } from "../client";

// The readiness probe opens the database itself: failing to open it is what it reports.
export async function getReadiness(): Promise<{ status: "ok" | "unavailable"; database?: string; reason?: string }> {
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
