import { spawn } from "node:child_process";
import path from "node:path";

export type VerifyLedgerRun = { code: number | null; stdout: string; stderr: string };

const ROOT = path.resolve(import.meta.dirname, "..", "..");

/**
 * `npm run verify-ledger -- <args>` as a user runs it: its own process, over HTTP, output
 * collected. Asynchronous on purpose: a server that the caller runs in its own process (or
 * started as a child) must keep answering and draining its output meanwhile.
 */
export function runVerifyLedger(args: readonly string[], env: Record<string, string> = {}): Promise<VerifyLedgerRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--import", "tsx", path.join(ROOT, "scripts", "verify-ledger.ts"), ...args], {
      cwd: ROOT,
      env: { ...process.env, NO_COLOR: "1", ...env },
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
