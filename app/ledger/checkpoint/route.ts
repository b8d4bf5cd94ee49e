import { getDb } from "@/db/client";
import { handleRoute, textResponse } from "@/lib/http";
import { getLatestCheckpoint } from "@/lib/ledger/io/log";

/** C2SP tlog-checkpoint as a signed note. Short cache: it changes with every append. */
export function GET() {
  return handleRoute(async () => {
    const { signedNote } = await getLatestCheckpoint(await getDb());
    return textResponse(signedNote, { cacheControl: "public, max-age=5, no-transform" });
  });
}
