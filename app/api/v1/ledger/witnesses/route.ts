import { getDb } from "@/db/client";
import { handleRoute } from "@/lib/http";
import { getWitnessStatus } from "@/lib/ledger/io/witnesses";

/** The witnesses that cosign the ledger: name, verifier key, URL, last cosigned size and time, and the quorum. */
export function GET() {
  return handleRoute(async () => {
    const status = await getWitnessStatus(await getDb());
    return Response.json(
      {
        quorum: status.quorum,
        witnessedSize: status.witnessedSize,
        witnesses: status.witnesses.map((w) => ({
          name: w.name,
          verifierKey: w.verifierKey,
          url: w.url,
          demo: w.demo,
          lastCosignedSize: w.lastCosignedSize,
          lastCosignedAt: w.lastCosignedAt,
          lastError: w.lastError,
        })),
      },
      { headers: { "Cache-Control": "public, max-age=5", "Access-Control-Allow-Origin": "*" } },
    );
  });
}

export const dynamic = "force-dynamic";
