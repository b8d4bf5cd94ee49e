import { getDb } from "@/db/client";
import { encodeBase64 } from "@/lib/ledger/bytes";
import { badRequest, handleRoute } from "@/lib/http";
import { getEntryWithProof } from "@/lib/ledger/io/read";
import { logNumberSchema } from "@/lib/validation/ledger";

/** One log entry with its inclusion proof against the latest signed checkpoint. */
export function GET(_request: Request, { params }: { params: Promise<{ index: string }> }) {
  return handleRoute(async () => {
    const parsed = logNumberSchema.safeParse((await params).index);
    if (!parsed.success) badRequest(`The entry index ${parsed.error.issues[0]!.message}.`);
    const entry = await getEntryWithProof(await getDb(), parsed.data);
    return Response.json(
      {
        index: entry.index,
        event: entry.event,
        entry: entry.entryBase64,
        treeSize: entry.treeSize,
        rootHash: encodeBase64(entry.rootHash),
        inclusionProof: entry.proof.map(encodeBase64),
        checkpoint: entry.checkpoint,
        witnessed: entry.witnessed,
      },
      { headers: { "Cache-Control": "public, max-age=10", "Access-Control-Allow-Origin": "*" } },
    );
  });
}
