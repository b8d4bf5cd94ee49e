// Helpers for specs that need more than the shared e2e server: a registry of their own (started
// from the same production build with their own env and data directory) and the ledger CLI run as
// a user runs it.
import { spawn } from "node:child_process";
import path from "node:path";
import { pathToFileURL } from "node:url";

const ROOT = path.resolve(import.meta.dirname, "..");

export type OwnRegistry = { url: string; dataDir: string; stop(): Promise<void> };
type StartServer = (options: { env?: Record<string, string>; dataDir?: string }) => Promise<OwnRegistry>;

/** Starts `next start` on a free port with this env and data directory; resolves once healthy. */
export async function startOwnRegistry(options: { env?: Record<string, string>; dataDir: string }): Promise<OwnRegistry> {
  // server.mjs is plain JavaScript shared with the test runner, without type declarations.
  const { startServer } = (await import(pathToFileURL(path.join(ROOT, "scripts", "lib", "server.mjs")).href)) as { startServer: StartServer };
  return startServer(options);
}

export type CliRun = { code: number | null; stdout: string; stderr: string };

/**
 * `npm run verify-ledger -- <args>`. Asynchronous on purpose: a server started by this process
 * must keep draining its output while the CLI runs.
 */
export function verifyLedger(...args: string[]): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--import", "tsx", "scripts/verify-ledger.ts", ...args], {
      cwd: ROOT,
      env: { ...process.env, NO_COLOR: "1" },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout, stderr }));
  });
}
