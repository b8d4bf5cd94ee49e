import type { NextRequest } from "next/server";
import { getDb } from "@/db/client";
import { badRequest, handleRoute } from "@/lib/http";
import { encodeBase64 } from "@/lib/ledger/bytes";
import { getConsistency } from "@/lib/ledger/io/read";
import { consistencyQuerySchema } from "@/lib/validation/ledger";

/** RFC 9162 consistency proof between two sizes of the log (`to` defaults to the latest). */
export function GET(request: NextRequest) {
  return handleRoute(async () => {
    const parsed = consistencyQuerySchema.safeParse(Object.fromEntries(request.nextUrl.searchParams));
    if (!parsed.success)
      badRequest(`Expected ?from=<size>[&to=<size>]: ${parsed.error.issues.map((i) => `${i.path.join(".") || "query"} ${i.message}`).join("; ")}.`);
    const result = await getConsistency(await getDb(), parsed.data.from, parsed.data.to);
    return Response.json(
      {
        from: result.from,
        to: result.to,
        fromRoot: result.fromRoot && encodeBase64(result.fromRoot),
        toRoot: result.toRoot && encodeBase64(result.toRoot),
        proof: result.proof.map(encodeBase64),
      },
      { headers: { "Cache-Control": "public, max-age=60", "Access-Control-Allow-Origin": "*" } },
    );
  });
}
