import { handleRoute, textResponse } from "@/lib/http";
import { getLedgerSigner } from "@/lib/ledger/io/signer";

/** The log's verifier key (<name>+<hash>+<base64>), for `verify-ledger --key`. */
export function GET() {
  return handleRoute(async () => textResponse(`${getLedgerSigner().verifierKey}\n`, { cacheControl: "public, max-age=300" }));
}

export const dynamic = "force-dynamic";
