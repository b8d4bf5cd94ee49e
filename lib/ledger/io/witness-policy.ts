import "server-only";
import fs from "node:fs";
import path from "node:path";
import type { DbOrTx } from "@/db/client";
import { queueCoalescedJob } from "@/db/queries/witnesses";
import { getEnv } from "@/lib/env";
import { nudgeJobs } from "@/lib/jobs/nudge";
import { generateWitnessKey, parseWitnessSignerKey, parseWitnessVerifierKey, type WitnessVerifierKey, witnessVerifierKeyOf } from "../cosignature";
import { FileWitnessStore, Witness, type WitnessResponse } from "../witness";
import { getLedgerSigner } from "./signer";

/** The job that submits the latest checkpoint to every witness (coalesced: one queued at a time). */
export const LEDGER_COSIGN_JOB = "ledger.cosign";

export const SUBMIT_TIMEOUT_MS = 15_000;

export type WitnessEntry = {
  name: string;
  verifierKey: string;
  /** The add-checkpoint URL prefix; null for demo mode's built-in witness. */
  url: string | null;
  demo: boolean;
  key: WitnessVerifierKey;
  submit(body: string): Promise<WitnessResponse>;
};

export type WitnessPolicy = { witnesses: WitnessEntry[]; quorum: number };

type DemoState = { key: string; witness: Witness };
const demoState: { current?: DemoState } = ((globalThis as { __ledgerDemoWitness?: { current?: DemoState } }).__ledgerDemoWitness ??= {});

/**
 * The witnesses the log asks to cosign, and the quorum: WITNESSES when set; otherwise, in demo mode,
 * one built-in demo witness (its own key in DATA_DIR, quorum 1) so the feature shows on `npm start`;
 * otherwise none (the log serves its own signed checkpoint).
 */
export function getWitnessPolicy(): WitnessPolicy {
  const env = getEnv();
  const setting = env.WITNESSES;
  if (setting === "none" || (setting === undefined && env.mode !== "demo")) return { witnesses: [], quorum: 0 };
  if (setting === undefined) return { witnesses: [demoWitnessEntry(env.dataDir)], quorum: 1 };
  // Every append asks: parse the keys once per parsed environment.
  if (configured.setting === setting && configured.policy) return configured.policy;
  configured.setting = setting;
  configured.policy = {
    quorum: setting.quorum,
    witnesses: setting.witnesses.map((w) => ({
      name: w.name,
      verifierKey: w.verifierKey,
      url: w.url,
      demo: false,
      key: parseWitnessVerifierKey(w.verifierKey),
      submit: (body: string) => submitOverHttp(w.url, body),
    })),
  };
  return configured.policy;
}

const configured: { setting?: unknown; policy?: WitnessPolicy } = {};

async function submitOverHttp(url: string, body: string): Promise<WitnessResponse> {
  let response: Response;
  try {
    response = await fetch(`${url}/add-checkpoint`, {
      method: "POST",
      body,
      headers: { "content-type": "text/plain; charset=utf-8" },
      signal: AbortSignal.timeout(SUBMIT_TIMEOUT_MS),
    });
  } catch (error) {
    // fetch() says only "fetch failed"; the cause's code (ECONNREFUSED, ENOTFOUND…) is what helps.
    const cause = error instanceof Error ? (error.cause as { code?: string; message?: string } | undefined) : undefined;
    if (error instanceof Error && error.name === "TimeoutError") throw new Error(`no answer from ${url} within ${SUBMIT_TIMEOUT_MS / 1000} s`);
    throw new Error(`could not reach ${url}: ${cause?.code ?? cause?.message ?? (error instanceof Error ? error.message : String(error))}`);
  }
  return { status: response.status, contentType: response.headers.get("content-type") ?? "", body: await readCapped(response, MAX_RESPONSE_BYTES) };
}

/** A witness answers with a few signature lines; a witness that sends more is cut off, not buffered. */
const MAX_RESPONSE_BYTES = 64 * 1024;

async function readCapped(response: Response, limit: number): Promise<string> {
  if (!response.body) return "";
  const chunks: Uint8Array[] = [];
  let total = 0;
  for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
    total += chunk.length;
    if (total > limit) {
      await response.body.cancel().catch(() => {});
      throw new Error(`the witness's answer is larger than ${limit / 1024} KiB`);
    }
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString("utf8");
}

/**
 * Demo mode's witness: the same protocol code as `npm run witness`, called in-process (no port to
 * open), with its own key generated once into DATA_DIR and its state in DATA_DIR/demo-witness/.
 */
function demoWitnessEntry(dataDir: string): WitnessEntry {
  const logKey = getLedgerSigner().verifierKey;
  const stateKey = `${path.resolve(dataDir)}\n${logKey}`;
  if (demoState.current?.key !== stateKey) {
    const keyFile = path.resolve(dataDir, "demo-witness-key");
    if (!fs.existsSync(keyFile)) {
      fs.mkdirSync(path.dirname(keyFile), { recursive: true });
      fs.writeFileSync(keyFile, `${generateWitnessKey("demo-witness.localhost").signerKey}\n`, { mode: 0o600, flag: "wx" });
    }
    const signer = parseWitnessSignerKey(fs.readFileSync(keyFile, "utf8"));
    demoState.current = {
      key: stateKey,
      witness: new Witness({ signer, logKeys: [logKey], store: new FileWitnessStore(path.resolve(dataDir, "demo-witness")) }),
    };
  }
  const { witness } = demoState.current;
  const verifierKey = witnessVerifierKeyOf(witness.signer);
  return {
    name: witness.signer.name,
    verifierKey,
    url: null,
    demo: true,
    key: parseWitnessVerifierKey(verifierKey),
    submit: (body) => witness.addCheckpoint(body),
  };
}

/**
 * Called by every append, in its transaction: makes sure one cosigning job is due now. It costs one
 * statement and never waits for a witness; the job submits whatever checkpoint is latest when it runs.
 */
export async function queueCosigning(tx: DbOrTx, now = new Date()): Promise<void> {
  if (getWitnessPolicy().witnesses.length === 0) return;
  await queueCoalescedJob(tx, LEDGER_COSIGN_JOB, now);
  // The runner looks at once (and keeps looking briefly, as this transaction has not committed yet).
  nudgeJobs();
}
