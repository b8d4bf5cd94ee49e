import { AppError, errorResponse } from "./errors";

/** Plain-text responses for the ledger's C2SP endpoints, which tools read byte for byte. */
export function textResponse(
  body: string | Uint8Array,
  init: { contentType?: string; cacheControl: string; status?: number; headers?: Record<string, string> },
) {
  return new Response(typeof body === "string" ? body : Buffer.from(body), {
    status: init.status ?? 200,
    headers: {
      "Content-Type": init.contentType ?? "text/plain; charset=utf-8",
      "Cache-Control": init.cacheControl,
      "Access-Control-Allow-Origin": "*",
      ...init.headers,
    },
  });
}

/** Runs a route handler body; coded errors become their status with a JSON message, never a 500 with a cause. */
export async function handleRoute(run: () => Promise<Response>): Promise<Response> {
  try {
    return await run();
  } catch (error) {
    const response = errorResponse(error);
    response.headers.set("Cache-Control", "no-store");
    response.headers.set("Access-Control-Allow-Origin", "*");
    return response;
  }
}

export function badRequest(message: string): never {
  throw new AppError("invalid", message);
}
