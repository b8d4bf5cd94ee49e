import { getDb } from "@/db/client";
import { badRequest, handleRoute, textResponse } from "@/lib/http";
import { formatReceipt, getEntryWithProof } from "@/lib/ledger/io/read";
import { logNumberSchema } from "@/lib/validation/ledger";

/** A C2SP tlog-proof receipt an organisation can keep as offline proof that its entry was logged. */
export function GET(_request: Request, { params }: { params: Promise<{ index: string }> }) {
  return handleRoute(async () => {
    const parsed = logNumberSchema.safeParse((await params).index);
    if (!parsed.success) badRequest(`The entry index ${parsed.error.issues[0]!.message}.`);
    const entry = await getEntryWithProof(await getDb(), parsed.data);
    return textResponse(formatReceipt(entry), {
      cacheControl: "no-store",
      headers: {
        "Content-Disposition": `attachment; filename="tech-accord-entry-${entry.index}.tlog-proof"`,
        // "no": no quorum of witnesses has cosigned a checkpoint with this entry yet; fetch it again later.
        "X-Checkpoint-Witnessed": entry.witnessed ? "quorum" : "no",
      },
    });
  });
}
