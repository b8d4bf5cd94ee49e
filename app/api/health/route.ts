import { getReadiness } from "@/db/queries/health";

/**
 * Readiness (also at /api/health/ready): 200 once start-up finished (database open and migrated,
 * shipped content imported) and the database answers; 503 with a reason while starting, when the
 * database is unreachable, and while the server drains for a graceful shutdown. Liveness, which
 * never touches the database, is /api/health/live.
 */
export async function GET() {
  const readiness = await getReadiness();
  return Response.json(readiness, { status: readiness.status === "ok" ? 200 : 503, headers: { "Cache-Control": "no-store" } });
}
