import { getDb } from "@/db/client";
import { handleRoute, textResponse } from "@/lib/http";
import { getLatestCheckpoint } from "@/lib/ledger/io/log";

/** The latest checkpoint the log signed, which witnesses may not have cosigned yet (signed note). */
export function GET() {
  return handleRoute(async () => {
    const { signedNote } = await getLatestCheckpoint(await getDb());
    return textResponse(signedNote, { cacheControl: "public, max-age=5, no-transform" });
  });
}

export const dynamic = "force-dynamic";
