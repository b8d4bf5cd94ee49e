// The verifier's memory: the state file (default $XDG_STATE_HOME/tech-accord-registry/verify-ledger.json,
// else ~/.local/state/tech-accord-registry/verify-ledger.json) maps each base URL to
// { verifierKey, size, rootHash, checkedAt }, the checkpoint last verified there, so the next run
// proves the log only grew. It is written only after a successful verification.
import { mkdir, readFile, rename, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { z } from "zod";
import { decodeBase64Strict } from "../../../lib/ledger/bytes";
import { CliError, EXIT, errorMessage, isErrnoException } from "./cli-error";

export const stateRecordSchema = z.strictObject({
  verifierKey: z.string().min(1),
  size: z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER),
  rootHash: z.string().refine((s) => decodeBase64Strict(s)?.length === 32, "must be base64 of 32 bytes"),
  checkedAt: z.string(),
});
export type StateRecord = z.infer<typeof stateRecordSchema>;

// XDG Base Directory: a relative XDG_STATE_HOME is invalid and must be ignored.
export function defaultStatePath(): string {
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

export async function readRemembered(statePath: string, baseUrl: string): Promise<StateRecord | undefined> {
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
export async function rememberCheckpoint(statePath: string, baseUrl: string, record: StateRecord): Promise<void> {
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
