import { getReadiness } from "@/db/queries/health";

/** Readiness: 200 once migrations ran and the accord is imported, 503 (with a reason) until then. */
export async function GET() {
  const readiness = await getReadiness();
  return Response.json(readiness, { status: readiness.status === "ok" ? 200 : 503, headers: { "Cache-Control": "no-store" } });
}
