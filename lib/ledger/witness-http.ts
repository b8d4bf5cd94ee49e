// The HTTP face of a witness (C2SP tlog-witness): POST <prefix>/add-checkpoint, plus a plain-text
// page at <prefix>/ that names the witness, its verifier key and the logs it witnesses.
import { createServer, type IncomingMessage, type Server } from "node:http";
import { witnessVerifierKeyOf } from "./cosignature";
import type { Witness } from "./witness";

/** An add-checkpoint body: 63 proof lines and a checkpoint with a few signatures fit in far less. */
const MAX_BODY_BYTES = 64 * 1024;

export function createWitnessServer(witness: Witness, { prefix = "" }: { prefix?: string } = {}): Server {
  const base = prefix.replace(/\/+$/, "");
  return createServer((request, response) => {
    const send = (status: number, contentType: string, body: string, headers: Record<string, string> = {}) => {
      response.writeHead(status, { "content-type": contentType, "cache-control": "no-store", ...headers });
      response.end(body);
    };
    const url = new URL(request.url ?? "/", "http://witness.invalid");
    if (url.pathname === `${base}/add-checkpoint`) {
      if (request.method !== "POST") return send(405, "text/plain; charset=utf-8", "Method not allowed: add-checkpoint takes a POST.\n", { allow: "POST" });
      readBody(request).then(
        async (body) => {
          if (body === null) return send(413, "text/plain; charset=utf-8", `Payload too large: at most ${MAX_BODY_BYTES} bytes.\n`);
          const result = await witness.addCheckpoint(body);
          send(result.status, result.contentType, result.body);
        },
        (error: unknown) => {
          console.error(`[witness] add-checkpoint failed: ${error instanceof Error ? error.message : String(error)}`);
          if (!response.headersSent) send(500, "text/plain; charset=utf-8", "Internal error: the witness could not record the checkpoint.\n");
        },
      );
      return;
    }
    if ((url.pathname === `${base}/` || url.pathname === base) && (request.method === "GET" || request.method === "HEAD")) {
      return send(
        200,
        "text/plain; charset=utf-8",
        [
          `C2SP tlog-witness ${witness.signer.name}`,
          `verifier key: ${witnessVerifierKeyOf(witness.signer)}`,
          `submission: POST ${base}/add-checkpoint`,
          ...witness.origins.map((origin) => `witnesses: ${origin}`),
          "",
        ].join("\n"),
      );
    }
    send(404, "text/plain; charset=utf-8", `Not found. This witness answers POST ${base}/add-checkpoint.\n`);
  });
}

async function readBody(request: IncomingMessage): Promise<string | null> {
  const chunks: Buffer[] = [];
  let total = 0;
  for await (const chunk of request) {
    total += (chunk as Buffer).length;
    if (total > MAX_BODY_BYTES) return null;
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString("utf8");
}
