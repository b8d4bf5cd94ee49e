// Fetching the log over HTTP for verifyLog: per-request timeouts, retries of transient failures,
// and messages that name the cause rather than "fetch failed".
import { FetchError } from "../../../lib/ledger/verifier";
import { errorMessage, isErrnoException } from "./cli-error";

const REQUEST_TIMEOUT_MS = 30_000;
const RETRY_DELAYS_MS = [250, 1000];

/** Fetchers for verifyLog: paths are relative to <base>/ledger/; transient failures are retried. */
export function httpFetchers(baseUrl: string, signal: AbortSignal) {
  const get = async (relative: string): Promise<Response> => {
    const url = `${baseUrl}/ledger/${relative}`;
    for (let attempt = 0; ; attempt++) {
      let response: Response | undefined;
      let problem: string;
      try {
        response = await fetch(url, { signal: AbortSignal.any([signal, AbortSignal.timeout(REQUEST_TIMEOUT_MS)]), redirect: "follow" });
        if (response.ok) return response;
        // Release the connection; an error page's body is of no use.
        await response.body?.cancel();
        problem = `HTTP ${response.status}${response.statusText ? ` ${response.statusText}` : ""} from ${url}`;
      } catch (error) {
        problem = `${networkProblem(error)} (${url})`;
      }
      const delay = RETRY_DELAYS_MS[attempt];
      // Only server errors and network failures may be transient; a 404 or 400 will not change.
      const transient = response === undefined || response.status >= 500 || response.status === 429;
      if (!transient || delay === undefined || signal.aborted) throw new FetchError(relative, problem, response?.status);
      await new Promise((resolve) => setTimeout(resolve, delay));
    }
  };
  return {
    fetchText: async (relative: string) => (await get(relative)).text(),
    fetchBytes: async (relative: string) => new Uint8Array(await (await get(relative)).arrayBuffer()),
  };
}

// fetch() reports every network failure as "fetch failed"; the useful part is the cause's code.
function networkProblem(error: unknown): string {
  if (error instanceof Error && error.name === "TimeoutError") return `no answer within ${REQUEST_TIMEOUT_MS / 1000}s`;
  const cause = error instanceof Error ? error.cause : undefined;
  if (isErrnoException(cause) && cause.code) return `${cause.code}${cause.message ? `: ${cause.message}` : ""}`;
  return errorMessage(cause ?? error);
}
