import { connection } from "next/server";

/**
 * Liveness: the process answers. No database, so an orchestrator restarts the process only when
 * it hangs, never because PostgreSQL is briefly away (that is readiness: /api/health/ready).
 */
export async function GET() {
  await connection();
  return Response.json({ status: "ok" }, { headers: { "Cache-Control": "no-store" } });
}
