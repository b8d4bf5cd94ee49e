// verify-ledger: checks a running registry's public ledger from first principles.
//
//   npm run verify-ledger -- <url> [--key <vkey>] [--replace-key] [--state <file>] [--quiet]
//
// Fetches the signed checkpoint and every tile and entry under <url>/ledger/, checks each entry
// hashes to its leaf and is a known event, recomputes the root and every higher-level tile,
// verifies the signature, and remembers the checkpoint so the next run proves the log only grew.
//
// Exit codes:
//   0  verified
//   1  the log failed verification (tampered, truncated, forked, bad signature)
//   2  usage error (bad arguments, or an unreadable or unwritable state file)
//   3  could not fetch or parse what the server serves (nothing proven either way)
//   4  key problem (invalid key, checkpoint not signed by the key, key differs from the remembered one)
//
// State file (default $XDG_STATE_HOME/tech-accord-registry/verify-ledger.json, else
// ~/.local/state/tech-accord-registry/verify-ledger.json) maps each base URL to
// { verifierKey, size, rootHash, checkedAt }, and is written only after a successful verification.
import { mkdir, readFile, rename, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { z } from "zod";
import { decodeBase64Strict } from "../lib/ledger/bytes";
import { parseVerifierKey } from "../lib/ledger/note";
import { FetchError, type VerifyFailureReason, verifyLog, type VerifyOk, type VerifyResult } from "../lib/ledger/verifier";

const EXIT = { verified: 0, failed: 1, usage: 2, fetch: 3, key: 4 } as const;

const USAGE = `Usage: npm run verify-ledger -- <url> [options]

Verifies the public ledger of the Tech Accord Registry at <url> (its base URL, e.g.
https://registry.example.org): the signed checkpoint, every entry against its leaf hash and the
event schema, the root, every hash tile, and that the log only grew since the last run.

Options:
  --key <vkey>     pin the log's verifier key (<name>+<hash>+<base64>, shown on <url>/ledger).
                   Without it the key remembered for <url> is used; on the very first run the key
                   the server serves is trusted on first use (with a warning) and remembered.
  --replace-key    with --key: replace a different key remembered for <url> (the pin wins).
  --state <file>   where checked checkpoints are remembered (default:
                   $XDG_STATE_HOME/tech-accord-registry/verify-ledger.json, or
                   ~/.local/state/tech-accord-registry/verify-ledger.json).
  --quiet          no progress or notes on stderr (warnings and errors are still shown).
  -h, --help       show this help.

Exit codes:
  0  verified
  1  the log failed verification (tampered, truncated, forked, bad signature)
  2  usage error (bad arguments, or an unreadable or unwritable state file)
  3  could not fetch or parse what the server serves (nothing proven either way)
  4  key problem (invalid key, checkpoint not signed by the key, key differs from the remembered one)
`;

const EXIT_FOR_REASON: Record<VerifyFailureReason, number> = {
  "bad-signature": EXIT.failed,
  "origin-mismatch": EXIT.failed,
  "entry-mismatch": EXIT.failed,
  "invalid-entry": EXIT.failed,
  "root-mismatch": EXIT.failed,
  "tile-mismatch": EXIT.failed,
  truncated: EXIT.failed,
  inconsistent: EXIT.failed,
  "invalid-key": EXIT.key,
  "unknown-key": EXIT.key,
  "fetch-failed": EXIT.fetch,
  "malformed-checkpoint": EXIT.fetch,
  "malformed-tile": EXIT.fetch,
};

const REQUEST_TIMEOUT_MS = 30_000;
const RETRY_DELAYS_MS = [250, 1000];
// Below this, a run takes about a second and progress would only be noise.
const PROGRESS_MIN_ENTRIES = 10_000;
const TTY_REFRESH_MS = 100;

/**
 * Ends the run with an exit code. A usage error goes to stderr; any other gives the one-line
 * "FAILED <message>" summary on stdout, like a failed verification, with `detail` on stderr.
 */
class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode: number,
    readonly detail?: string,
  ) {
    super(message);
  }
}

interface CliArgs {
  baseUrl: string;
  key: string | undefined;
  replaceKey: boolean;
  statePath: string;
  quiet: boolean;
}

const stateRecordSchema = z.strictObject({
  verifierKey: z.string().min(1),
  size: z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER),
  rootHash: z.string().refine((s) => decodeBase64Strict(s)?.length === 32, "must be base64 of 32 bytes"),
  checkedAt: z.string(),
});
type StateRecord = z.infer<typeof stateRecordSchema>;

async function main(argv: readonly string[]): Promise<number> {
  const args = parseCliArgs(argv);
  if (args === "help") {
    process.stdout.write(USAGE);
    return EXIT.verified;
  }
  const remembered = await readRemembered(args.statePath, args.baseUrl);
  const controller = new AbortController();
  const fetchers = httpFetchers(args.baseUrl, controller.signal);
  try {
    const verifierKey = await chooseKey(args, remembered, fetchers.fetchText);
    const progress = progressReporter(args.quiet);
    const result = await verifyLog({
      ...fetchers,
      verifierKey,
      ...(remembered ? { remembered: { size: remembered.size, rootHash: remembered.rootHash } } : {}),
      onProgress: progress.update,
    });
    progress.finish();
    if (!result.ok) return reportFailure(result, args);
    process.stdout.write(`${summary(result, remembered)}\n`);
    if (!args.quiet) noteOriginMismatch(args.baseUrl, result.origin);
    await rememberCheckpoint(args.statePath, args.baseUrl, { verifierKey, size: result.size, rootHash: result.rootHash, checkedAt: new Date().toISOString() });
    return EXIT.verified;
  } finally {
    // Tiles prefetched past a failure are no longer needed; don't wait for them to arrive.
    controller.abort();
  }
}

function parseCliArgs(argv: readonly string[]): CliArgs | "help" {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      allowPositionals: true,
      strict: true,
      options: {
        key: { type: "string" },
        "replace-key": { type: "boolean", default: false },
        state: { type: "string" },
        quiet: { type: "boolean", default: false },
        help: { type: "boolean", short: "h", default: false },
      },
    });
  } catch (error) {
    throw usageError(error instanceof Error ? error.message : String(error));
  }
  const { values, positionals } = parsed;
  if (values.help) return "help";
  if (positionals.length !== 1) throw usageError(positionals.length === 0 ? "missing <url>" : `expected one <url>, got ${positionals.length} arguments`);
  if (values["replace-key"] && values.key === undefined) throw usageError("--replace-key needs --key <vkey>");
  if (values.state === "") throw usageError("--state needs a file name");
  return {
    baseUrl: parseBaseUrl(positionals[0] ?? ""),
    key: values.key?.trim(),
    replaceKey: values["replace-key"],
    statePath: values.state ? path.resolve(values.state) : defaultStatePath(),
    quiet: values.quiet,
  };
}

function usageError(message: string): CliError {
  return new CliError(`${message}\nRun with --help for usage.`, EXIT.usage);
}

/** The registry's base URL without a trailing slash: the state file's key and the prefix of /ledger/. */
function parseBaseUrl(text: string): string {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw usageError(`not a URL: ${JSON.stringify(text)}`);
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") throw usageError(`the URL must be http or https, not ${url.protocol.replace(/:$/, "")}`);
  if (url.search || url.hash) throw usageError("give the registry's base URL, without a query or fragment");
  if (url.username || url.password) throw usageError("the URL must not contain credentials");
  return `${url.origin}${url.pathname.replace(/\/+$/, "")}`;
}

// XDG Base Directory: a relative XDG_STATE_HOME is invalid and must be ignored.
function defaultStatePath(): string {
  const xdg = process.env.XDG_STATE_HOME;
  const base = xdg && path.isAbsolute(xdg) ? xdg : path.join(os.homedir(), ".local", "state");
  return path.join(base, "tech-accord-registry", "verify-ledger.json");
}

async function readStateFile(statePath: string): Promise<Record<string, unknown>> {
  let text: string;
  try {
    text = await readFile(statePath, "utf8");
  } catch (error) {
    if (isErrnoException(error) && error.code === "ENOENT") return {};
    throw new CliError(`cannot read the state file ${statePath}: ${errorMessage(error)}`, EXIT.usage);
  }
  try {
    const value: unknown = JSON.parse(text);
    if (value === null || typeof value !== "object" || Array.isArray(value)) throw new Error("not a JSON object");
    return value as Record<string, unknown>;
  } catch (error) {
    throw new CliError(stateFileProblem(statePath, errorMessage(error)), EXIT.usage);
  }
}

async function readRemembered(statePath: string, baseUrl: string): Promise<StateRecord | undefined> {
  const state = await readStateFile(statePath);
  if (!Object.hasOwn(state, baseUrl)) return undefined;
  const record = stateRecordSchema.safeParse(state[baseUrl]);
  if (!record.success) throw new CliError(stateFileProblem(statePath, `its entry for ${baseUrl} is invalid: ${z.prettifyError(record.error)}`), EXIT.usage);
  return record.data;
}

function stateFileProblem(statePath: string, problem: string): string {
  // Deleting it silently would throw away the evidence a later run compares against.
  return `the state file ${statePath} is not valid (${problem}). It holds the checkpoints seen before; fix it, or move it away to start afresh.`;
}

/** Writes atomically (temp file, then rename) and keeps other URLs' entries as they are. */
async function rememberCheckpoint(statePath: string, baseUrl: string, record: StateRecord): Promise<void> {
  try {
    const state = await readStateFile(statePath);
    state[baseUrl] = record;
    await mkdir(path.dirname(statePath), { recursive: true });
    const temp = `${statePath}.${process.pid}.tmp`;
    await writeFile(temp, `${JSON.stringify(state, null, 2)}\n`, { mode: 0o644 });
    await rename(temp, statePath);
  } catch (error) {
    if (error instanceof CliError) throw error;
    throw new CliError(`the log verified, but the checkpoint could not be remembered in ${statePath}: ${errorMessage(error)}`, EXIT.usage);
  }
}

/** Pinned key, else the remembered one, else trust on first use. */
async function chooseKey(args: CliArgs, remembered: StateRecord | undefined, fetchText: (path: string) => Promise<string>): Promise<string> {
  if (args.key !== undefined) {
    checkKeySyntax(args.key, "the --key value", EXIT.key);
    if (remembered && remembered.verifierKey !== args.key) {
      if (!args.replaceKey) {
        throw new CliError(
          `the --key given differs from the key remembered for ${args.baseUrl}`,
          EXIT.key,
          `  remembered: ${remembered.verifierKey}\n  given:      ${args.key}\n` +
            "If the log's key really changed (check with its operators), re-run with --replace-key: the pinned key then wins and replaces the remembered one.",
        );
      }
      process.stderr.write(`note: using the pinned key instead of the one remembered for ${args.baseUrl} (--replace-key); it replaces it once the log verifies.\n`);
    }
    return args.key;
  }
  if (remembered) return remembered.verifierKey;

  let served: string;
  try {
    served = (await fetchText("key")).trim();
  } catch (error) {
    throw new CliError(`could not fetch the log's key: ${errorMessage(error)}`, EXIT.fetch);
  }
  checkKeySyntax(served, `the key served at ${args.baseUrl}/ledger/key`, EXIT.fetch);
  process.stderr.write(
    `WARNING: no key is pinned or remembered for ${args.baseUrl}, so this run trusts the key the server itself serves (trust on first use):\n` +
      `  ${served}\n` +
      "A server that lies could serve a key of its own. Compare it with one published elsewhere (or ask the registry's operators), then pin it:\n" +
      `  npm run verify-ledger -- ${args.baseUrl} --key '${served}'\n` +
      `If the log verifies, the key is remembered in ${args.statePath} and used from now on.\n`,
  );
  return served;
}

function checkKeySyntax(key: string, what: string, exitCode: number): void {
  try {
    parseVerifierKey(key);
  } catch (error) {
    throw new CliError(`${what} is not a valid verifier key (<name>+<hash>+<base64>): ${errorMessage(error)}`, exitCode);
  }
}

/** Fetchers for verifyLog: paths are relative to <base>/ledger/; transient failures are retried. */
function httpFetchers(baseUrl: string, signal: AbortSignal) {
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

/** Progress on stderr for large logs: a live line on a terminal, otherwise a line every ~10%. */
function progressReporter(quiet: boolean): { update(done: number, total: number): void; finish(): void } {
  const stream = process.stderr;
  let lastDraw = 0;
  let nextTenth = 1;
  let drawn = false;
  const line = (done: number, total: number) => `verifying ${done}/${total} entries (${Math.floor((100 * done) / total)}%)`;
  return {
    update(done, total) {
      if (quiet || total < PROGRESS_MIN_ENTRIES) return;
      if (stream.isTTY) {
        const now = Date.now();
        if (now - lastDraw < TTY_REFRESH_MS && done < total) return;
        lastDraw = now;
        drawn = true;
        stream.write(`\r${line(done, total)}\x1b[K`);
        return;
      }
      if (done * 10 < nextTenth * total) return;
      while (done * 10 >= nextTenth * total) nextTenth++;
      stream.write(`${line(done, total)}\n`);
    },
    finish() {
      if (drawn) stream.write("\r\x1b[K");
    },
  };
}

// Not an error (a proxy, a local address or a second host name can be legitimate), but worth
// knowing: the log names itself after the registry's configured SITE_URL.
function noteOriginMismatch(baseUrl: string, origin: string): void {
  const url = new URL(baseUrl);
  const expected = `${url.host}${url.pathname.replace(/\/+$/, "")}/ledger`;
  if (origin !== expected) process.stderr.write(`note: the log calls itself ${origin}, not ${expected}: the registry's SITE_URL differs from the URL given.\n`);
}

function summary(result: VerifyOk, remembered: StateRecord | undefined): string {
  const head = `OK ${result.origin}: ${result.size} entries, root ${result.rootHash}`;
  if (!remembered) return `${head}, first check (remembered for next time)`;
  if (remembered.size === result.size) return `${head}, unchanged since the last check`;
  return `${head}, consistent with the ${remembered.size} entries seen before`;
}

function reportFailure(result: Extract<VerifyResult, { ok: false }>, args: CliArgs): number {
  process.stdout.write(`FAILED ${result.message}\n`);
  if (result.reason === "fetch-failed" && result.path === "checkpoint" && result.status === 404) {
    process.stderr.write(`hint: is ${args.baseUrl} the registry's base URL? The checkpoint should be at ${args.baseUrl}/ledger/checkpoint.\n`);
  }
  if (result.reason === "unknown-key" && args.key === undefined) {
    process.stderr.write(`hint: the key remembered in ${args.statePath} did not sign this checkpoint. If the log's key really changed, pin the new one with --key <vkey> --replace-key.\n`);
  }
  return EXIT_FOR_REASON[result.reason];
}

function isErrnoException(error: unknown): error is NodeJS.ErrnoException {
  return error instanceof Error && "code" in error;
}

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    if (error instanceof CliError) {
      if (error.exitCode === EXIT.usage) process.stderr.write(`verify-ledger: ${error.message}\n`);
      else process.stdout.write(`FAILED ${error.message}\n`);
      if (error.detail) process.stderr.write(`${error.detail}\n`);
      process.exitCode = error.exitCode;
      return;
    }
    // A bug here must not read as "the log is bad", so it gets the "nothing proven" code.
    process.stderr.write(`verify-ledger: unexpected error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exitCode = EXIT.fetch;
  },
);
