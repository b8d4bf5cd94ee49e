import "server-only";
import type { Db, DbOrTx } from "@/db/client";
import { getLedgerCheckpointAt } from "@/db/queries/ledger";
import {
  deleteCosignaturesBelow,
  getCosignaturesAt,
  getLatestCosignatures,
  getLatestQuorumSize,
  getWitnessStatuses,
  insertCosignature,
  queueCoalescedJob,
  upsertWitnessStatus,
} from "@/db/queries/witnesses";
import { cachedRead } from "@/db/cached-read";
import { LEDGER_WITNESSES_TAG, witnessStatusChanged } from "@/lib/cache";
import type { JobContext } from "@/lib/jobs/runner";
import { backoffDelay } from "@/lib/jobs/runner";
import { cosignersOf, formatAddCheckpointRequest, verifyCosignatureLine } from "../cosignature";
import { consistencyProof } from "../proof";
import { TLOG_SIZE_CONTENT_TYPE } from "../witness";
import { getLatestCheckpoint, withStoredHashes } from "./log";
import { getWitnessPolicy, LEDGER_COSIGN_JOB, SUBMIT_TIMEOUT_MS } from "./witness-policy";

/**
 * A witness's answer we refused. The status and our own words are shown on the ledger page and in
 * the API; what the witness wrote goes to the server log only, so no witness can put its text on
 * the registry's pages.
 */
class WitnessAnswer extends Error {
  constructor(
    message: string,
    readonly said: string,
  ) {
    super(message);
  }
}

export { LEDGER_COSIGN_JOB, queueCosigning } from "./witness-policy";

/** Back-off of one witness after failures: 5 s, 10 s, 20 s … capped at 10 minutes, with jitter. */
const WITNESS_BACKOFF = { baseMs: 5_000, capMs: 10 * 60_000 };

export type SubmissionOutcome = { name: string; outcome: "cosigned" | "already" | "backing-off" | "failed"; size?: number; error?: string };

/**
 * The cosigning job: submits the latest checkpoint to each witness (add-checkpoint with the old size
 * the witness last reported and a consistency proof from it), follows a 409 to the witness's own
 * size, verifies and stores each cosignature. A failing witness backs off on its own schedule
 * (ledger_witness_status) while the others carry on; a follow-up job is queued for its next try.
 */
export async function cosignLatestCheckpoint(_job: unknown, context: Pick<JobContext, "db" | "now">): Promise<SubmissionOutcome[]> {
  const { db } = context;
  const policy = getWitnessPolicy();
  if (policy.witnesses.length === 0) return [];
  const latest = await getLatestCheckpoint(db);
  if (latest.size === 0) return [];
  const keys = policy.witnesses.map((w) => w.verifierKey);
  const statuses = new Map((await getWitnessStatuses(db, keys)).map((s) => [s.witnessKey, s]));
  const cosigned = new Map((await getLatestCosignatures(db, keys)).map((c) => [c.witnessKey, c.size]));
  const checkpointText = latest.signedNote.slice(0, latest.signedNote.lastIndexOf("\n\n") + 1);

  const outcomes = await Promise.all(
    policy.witnesses.map(async (witness): Promise<SubmissionOutcome> => {
      const status = statuses.get(witness.verifierKey);
      const startedAt = context.now();
      if ((cosigned.get(witness.verifierKey) ?? 0) >= latest.size) return { name: witness.name, outcome: "already", size: latest.size };
      if (status?.nextAttemptAt && status.nextAttemptAt > startedAt) return { name: witness.name, outcome: "backing-off" };
      let oldSize = status?.knownSize ?? 0;
      try {
        for (let round = 0; round < 3; round++) {
          if (oldSize > latest.size) {
            throw new Error(
              `the witness says it cosigned size ${oldSize}, more than the log's ${latest.size} entries: it saw another history of this log (or the database was restored from an old backup)`,
            );
          }
          const proof = oldSize > 0 && oldSize < latest.size ? await withStoredHashes(db, (getHash) => consistencyProof(oldSize, latest.size, getHash)) : [];
          const response = await witness.submit(formatAddCheckpointRequest(oldSize, proof, latest.signedNote));
          if (response.status === 409 && response.contentType.startsWith(TLOG_SIZE_CONTENT_TYPE)) {
            const reported = /^(0|[1-9][0-9]*)\n?$/.exec(response.body);
            if (!reported) throw new WitnessAnswer("409 with a malformed size body", response.body.slice(0, 40));
            const size = Number(reported[1]);
            if (size === oldSize) throw new WitnessAnswer(`409 Conflict at size ${size}`, response.body.trim());
            oldSize = size; // the witness is elsewhere: resubmit from its size
            continue;
          }
          if (response.status !== 200) throw new WitnessAnswer(`HTTP ${response.status}`, response.body.trim().split("\n")[0]?.slice(0, 300) ?? "");
          const line = response.body
            .split("\n")
            .map((l) => l.trimEnd())
            .find((l) => verifyCosignatureLine(checkpointText, l, witness.key).ok);
          if (!line) throw new Error("the witness answered 200 without a valid cosignature by its key (wrong verifier key in WITNESSES?)");
          const { timestamp } = verifyCosignatureLine(checkpointText, line, witness.key) as { ok: true; timestamp: number };
          await insertCosignature(db, { witnessKey: witness.verifierKey, size: latest.size, signatureLine: line, cosignedAt: new Date(timestamp * 1000) });
          await upsertWitnessStatus(db, {
            witnessKey: witness.verifierKey,
            knownSize: latest.size,
            failures: 0,
            lastError: null,
            lastAttemptAt: context.now(),
            nextAttemptAt: null,
          });
          // The ledger page shows each witness as soon as its answer is stored, not after the slowest.
          await witnessStatusChanged();
          return { name: witness.name, outcome: "cosigned", size: latest.size };
        }
        throw new Error("the witness kept changing its size (three 409s in a row)");
      } catch (error) {
        const message =
          error instanceof Error ? (error.name === "TimeoutError" ? `no answer within ${SUBMIT_TIMEOUT_MS / 1000} s` : error.message) : String(error);
        const failures = (status?.failures ?? 0) + 1;
        const failedAt = context.now();
        await upsertWitnessStatus(db, {
          witnessKey: witness.verifierKey,
          knownSize: oldSize,
          failures,
          lastError: message.slice(0, 1000),
          lastAttemptAt: failedAt,
          nextAttemptAt: new Date(failedAt.getTime() + backoffDelay(failures, Math.random, WITNESS_BACKOFF)),
        });
        await witnessStatusChanged();
        const said = error instanceof WitnessAnswer && error.said ? ` (it said: ${JSON.stringify(error.said)})` : "";
        console.log(`[registry] witness ${witness.name} did not cosign size ${latest.size} (attempt ${failures}): ${message}${said}`);
        return { name: witness.name, outcome: "failed", error: message };
      }
    }),
  );
  // A witness that failed or is backing off gets its next try from a follow-up job at the earliest retry time.
  const waiting = new Set(outcomes.filter((o) => o.outcome === "failed" || o.outcome === "backing-off").map((o) => o.name));
  const retries = (await getWitnessStatuses(db, keys))
    .filter((s) => s.nextAttemptAt && waiting.has(policy.witnesses.find((w) => w.verifierKey === s.witnessKey)?.name ?? ""))
    .map((s) => s.nextAttemptAt!.getTime());
  if (retries.length > 0) await queueCoalescedJob(db, LEDGER_COSIGN_JOB, new Date(Math.min(...retries)));
  // What lies below the checkpoint now served is never served again.
  const served = await getLatestQuorumSize(db, keys, policy.quorum);
  if (served !== undefined) await deleteCosignaturesBelow(db, keys, served);
  return outcomes;
}

/**
 * The cosigners of a note, verified once per note and witness set: every read of /ledger/checkpoint
 * and the ledger page checks the same note until the next cosignature, and Ed25519 verification
 * was most of their cost. The result is a pure function of the note and the keys.
 */
let lastVerified: { key: string; result: ReturnType<typeof cosignersOf> } | undefined;
function verifiedCosigners(signedNote: string, policy: ReturnType<typeof getWitnessPolicy>) {
  const key = `${policy.witnesses.map((w) => w.verifierKey).join(" ")}\n${signedNote}`;
  if (lastVerified?.key !== key) {
    lastVerified = {
      key,
      result: cosignersOf(
        signedNote,
        policy.witnesses.map((w) => w.key),
      ),
    };
  }
  return lastVerified.result;
}

export type WitnessedCheckpoint = { size: number; rootHash: Uint8Array; signedNote: string; cosigners: string[] };

/**
 * The latest checkpoint that carries a quorum of cosignatures: the log's signed note of that size
 * with the witnesses' signature lines appended (C2SP tlog-cosignature). Undefined when no
 * checkpoint has a quorum yet (a new log, no witnesses, witnesses unreachable since the start).
 */
export async function getWitnessedCheckpoint(db: DbOrTx, policy = getWitnessPolicy()): Promise<WitnessedCheckpoint | undefined> {
  if (policy.witnesses.length === 0) return undefined;
  const keys = policy.witnesses.map((w) => w.verifierKey);
  const size = await getLatestQuorumSize(db, keys, policy.quorum);
  if (size === undefined) return undefined;
  const [checkpoint, cosignatures] = await Promise.all([getLedgerCheckpointAt(db, size), getCosignaturesAt(db, size, keys)]);
  if (!checkpoint) return undefined;
  // Witness order as configured, so the note is the same on every request.
  const lines = policy.witnesses.map((w) => cosignatures.find((c) => c.witnessKey === w.verifierKey)?.signatureLine).filter((l): l is string => Boolean(l));
  const signedNote = `${checkpoint.signedNote}${lines.map((l) => `${l}\n`).join("")}`;
  // Belt and braces: serve only what verifies, so a bad stored row can never reach a client.
  const { cosigners } = verifiedCosigners(signedNote, policy);
  if (cosigners.length < policy.quorum) return undefined;
  return { size, rootHash: checkpoint.rootHash, signedNote, cosigners: cosigners.map((c) => c.name) };
}

/** What /ledger/checkpoint serves: the latest quorum-cosigned checkpoint, or until there is one the latest the log signed. */
export async function getServedCheckpoint(db: DbOrTx): Promise<{ size: number; rootHash: Uint8Array; signedNote: string; witnessed: boolean }> {
  const witnessed = await getWitnessedCheckpoint(db);
  if (witnessed) return { ...witnessed, witnessed: true };
  return { ...(await getLatestCheckpoint(db)), witnessed: false };
}

export type WitnessStatus = {
  name: string;
  verifierKey: string;
  url: string | null;
  demo: boolean;
  lastCosignedSize: number | null;
  lastCosignedAt: string | null;
  lastError: string | null;
  nextAttemptAt: string | null;
};

/** Each configured witness with the size and time it last cosigned, for the ledger page and the API. */
export async function getWitnessStatus(
  db: DbOrTx,
): Promise<{ quorum: number; witnesses: WitnessStatus[]; witnessedSize: number | null; witnessed: WitnessedCheckpoint | undefined }> {
  const policy = getWitnessPolicy();
  const keys = policy.witnesses.map((w) => w.verifierKey);
  const [latest, statuses, witnessed] = await Promise.all([getLatestCosignatures(db, keys), getWitnessStatuses(db, keys), getWitnessedCheckpoint(db, policy)]);
  return {
    quorum: policy.quorum,
    witnessedSize: witnessed?.size ?? null,
    witnessed,
    witnesses: policy.witnesses.map((w) => {
      const last = latest.find((c) => c.witnessKey === w.verifierKey);
      const status = statuses.find((s) => s.witnessKey === w.verifierKey);
      return {
        name: w.name,
        verifierKey: w.verifierKey,
        url: w.url,
        demo: w.demo,
        lastCosignedSize: last?.size ?? null,
        lastCosignedAt: last?.cosignedAt.toISOString() ?? null,
        lastError: status?.failures ? status.lastError : null,
        nextAttemptAt: status?.failures && status.nextAttemptAt ? status.nextAttemptAt.toISOString() : null,
      };
    }),
  };
}

/** What the ledger page shows of the witnesses, as plain JSON. */
export type PublicWitnessStatus = { quorum: number; witnesses: WitnessStatus[]; witnessedSize: number | null; witnessedNote: string | null };

/**
 * The witnesses' status from the data cache, for the ledger page: purged by the cosigning job each
 * time a witness cosigned or failed (LEDGER_WITNESSES_TAG), so the page stays static between.
 */
export const getCachedWitnessStatus = cachedRead(
  "ledger-witness-status",
  async (db): Promise<PublicWitnessStatus> => {
    const { quorum, witnesses, witnessedSize, witnessed } = await getWitnessStatus(db);
    return { quorum, witnesses, witnessedSize, witnessedNote: witnessed?.signedNote ?? null };
  },
  { tags: [LEDGER_WITNESSES_TAG], duringBuild: () => ({ quorum: 0, witnesses: [], witnessedSize: null, witnessedNote: null }) },
);

/** Start-up: one cosigning job, so a log seeded or appended while the server was down gets cosigned. */
export async function queueCosigningAtStart(db: Db): Promise<void> {
  if (getWitnessPolicy().witnesses.length === 0) return;
  await queueCoalescedJob(db, LEDGER_COSIGN_JOB, new Date());
}
