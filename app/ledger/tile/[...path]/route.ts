import { getDb } from "@/db/client";
import { badRequest, handleRoute, textResponse } from "@/lib/http";
import { getTile } from "@/lib/ledger/io/read";
import { parseTilePath } from "@/lib/ledger/tiles";

/** C2SP tlog-tiles: hash tiles /ledger/tile/<L>/<N>[.p/<W>] and entry bundles /ledger/tile/entries/<N>[.p/<W>]. */
export function GET(_request: Request, { params }: { params: Promise<{ path: string[] }> }) {
  return handleRoute(async () => {
    const { path } = await params;
    const tile = parseTilePath(`tile/${path.join("/")}`);
    if (!tile) badRequest("Malformed tile path: expected tile/<L>/<N>[.p/<W>] or tile/entries/<N>[.p/<W>], with N in zero-padded x-prefixed groups.");
    const { body, isFull } = await getTile(await getDb(), tile);
    return textResponse(body, {
      contentType: "application/octet-stream",
      // Full tiles can never change; partial ones are superseded as the log grows.
      cacheControl: isFull ? "public, max-age=31536000, immutable" : "public, max-age=10",
    });
  });
}
