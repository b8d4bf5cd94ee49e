import { getDb } from "@/db/client";
import { handleRoute, textResponse } from "@/lib/http";
import { getServedCheckpoint } from "@/lib/ledger/io/witnesses";

/**
 * C2SP tlog-checkpoint as a signed note: the latest checkpoint carrying a quorum of witness
 * cosignatures (C2SP tlog-cosignature lines after the log's signature) or, until one exists (a new
 * log, no witnesses configured), the latest checkpoint the log signed. Short cache: it moves on
 * with every cosigned append. The latest uncosigned one is at /ledger/checkpoint/latest.
 */
export function GET() {
  return handleRoute(async () => {
    const { signedNote, witnessed } = await getServedCheckpoint(await getDb());
    return textResponse(signedNote, { cacheControl: "public, max-age=5, no-transform", headers: { "X-Checkpoint-Witnessed": witnessed ? "quorum" : "no" } });
  });
}

export const dynamic = "force-dynamic";
