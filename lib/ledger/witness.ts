// A C2SP tlog-witness (https://c2sp.org/tlog-witness): checks that each checkpoint a log submits is
// consistent with the last one it cosigned for that log, remembers it, and returns a cosignature.
// Used by `npm run witness` (scripts/witness.ts) and by demo mode's built-in witness.
//
// State is one small JSON file per log origin, replaced atomically (written to a temporary file,
// flushed, renamed over the old one). Checking the old size and storing the new checkpoint happen
// under one per-origin lock, so two concurrent requests can never roll the witness back (the race
// the spec describes); a lock file on the state directory keeps a second process from sharing it.
import fs from "node:fs";
import path from "node:path";
import { bytesEqual, decodeBase64Strict, encodeBase64 } from "./bytes";
import { parseCheckpoint } from "./checkpoint";
import { cosignCheckpoint, parseAddCheckpointRequest, type WitnessSignerKey } from "./cosignature";
import { parseVerifierKey, type VerifierKey, verifyNote } from "./note";
import { verifyConsistency } from "./proof";

export const TLOG_SIZE_CONTENT_TYPE = "text/x.tlog.size";

export type WitnessResponse = { status: number; contentType: string; body: string };

export type WitnessLogState = { origin: string; size: number; rootHash: string; checkpoint: string; updatedAt: string };

export interface WitnessStore {
  read(origin: string): Promise<WitnessLogState | undefined>;
  write(state: WitnessLogState): Promise<void>;
}

export interface WitnessOptions {
  signer: WitnessSignerKey;
  /** The logs this witness cosigns, by their verifier keys (the key name is the log's origin). */
  logKeys: readonly (string | VerifierKey)[];
  store: WitnessStore;
  /** POSIX seconds; injectable for tests. */
  now?: () => number;
  /** Called for each refused request: a refusal may be evidence of a misbehaving log. */
  onRefusal?: (origin: string | undefined, status: number, reason: string) => void;
}

const text = (status: number, body: string): WitnessResponse => ({ status, contentType: "text/plain; charset=utf-8", body: `${body}\n` });

export class Witness {
  readonly signer: WitnessSignerKey;
  private readonly logKeys: VerifierKey[];
  private readonly store: WitnessStore;
  private readonly now: () => number;
  private readonly onRefusal: WitnessOptions["onRefusal"];
  private readonly locks = new Map<string, Promise<unknown>>();

  constructor(options: WitnessOptions) {
    this.signer = options.signer;
    this.logKeys = options.logKeys.map((k) => (typeof k === "string" ? parseVerifierKey(k) : k));
    this.store = options.store;
    this.now = options.now ?? (() => Math.floor(Date.now() / 1000));
    this.onRefusal = options.onRefusal;
  }

  /** The origins this witness cosigns. */
  get origins(): string[] {
    return [...new Set(this.logKeys.map((k) => k.name))];
  }

  /** POST <prefix>/add-checkpoint with `body`: the response the spec prescribes. Never throws for bad input. */
  async addCheckpoint(body: string): Promise<WitnessResponse> {
    const parsed = parseAddCheckpointRequest(body);
    if (!parsed.ok) return this.refuse(undefined, 400, `Bad request: ${parsed.reason}.`);
    const { oldSize, proof, signedCheckpoint } = parsed.request;

    const split = signedCheckpoint.lastIndexOf("\n\n");
    const checkpointText = split < 0 ? "" : signedCheckpoint.slice(0, split + 1);
    const checkpoint = parseCheckpoint(checkpointText);
    if (!checkpoint.ok) return this.refuse(undefined, 400, `Bad request: the checkpoint is malformed (${checkpoint.reason}).`);
    const { origin, size, rootHash } = checkpoint.checkpoint;
    const keys = this.logKeys.filter((k) => k.name === origin);
    if (keys.length === 0) return this.refuse(origin, 404, `Not found: this witness does not witness the log ${JSON.stringify(origin)}.`);
    const opened = verifyNote(signedCheckpoint, keys);
    if (!opened.ok) {
      if (opened.error === "malformed") return this.refuse(origin, 400, `Bad request: the checkpoint is not a valid signed note (${opened.message}).`);
      return this.refuse(origin, 403, `Forbidden: the checkpoint is not signed by a key this witness trusts for ${origin} (${opened.message}).`);
    }
    if (oldSize > size) return this.refuse(origin, 400, `Bad request: the old size ${oldSize} is larger than the checkpoint's size ${size}.`);

    return this.withLock(origin, async () => {
      const state = await this.store.read(origin);
      const knownSize = state?.size ?? 0;
      if (oldSize !== knownSize) {
        // A log behind the witness (or ahead of what it thinks the witness saw) learns the size and
        // resubmits; a rollback below the witness's size can never be cosigned.
        this.onRefusal?.(origin, 409, `old size ${oldSize}, witness at ${knownSize}`);
        return { status: 409, contentType: TLOG_SIZE_CONTENT_TYPE, body: `${knownSize}\n` };
      }
      if (state && size === state.size) {
        if (!bytesEqual(rootHash, decodeBase64Strict(state.rootHash)!)) {
          return this.refuse(
            origin,
            409,
            `Conflict: fork detected. This witness cosigned size ${state.size} of ${origin} with root ${state.rootHash}; this checkpoint has the same size and root ${encodeBase64(rootHash)}.`,
          );
        }
      } else if (state && state.size > 0) {
        const oldRoot = decodeBase64Strict(state.rootHash)!;
        if (!verifyConsistency(state.size, size, proof, oldRoot, rootHash)) {
          return this.refuse(
            origin,
            422,
            `Unprocessable: the consistency proof from size ${state.size} (root ${state.rootHash}) to size ${size} (root ${encodeBase64(rootHash)}) does not verify; the log may have been rewritten.`,
          );
        }
      } else if (proof.length > 0) {
        return this.refuse(origin, 400, "Bad request: the consistency proof must be empty when the old size is 0.");
      }
      const timestamp = this.now();
      // Persist before answering: a cosignature must never exist for a state the witness could forget.
      await this.store.write({
        origin,
        size,
        rootHash: encodeBase64(rootHash),
        checkpoint: signedCheckpoint,
        updatedAt: new Date(timestamp * 1000).toISOString(),
      });
      return { status: 200, contentType: "text/plain; charset=utf-8", body: `${cosignCheckpoint(checkpointText, this.signer, timestamp)}\n` };
    });
  }

  private refuse(origin: string | undefined, status: number, message: string): WitnessResponse {
    this.onRefusal?.(origin, status, message);
    return text(status, message);
  }

  /** Runs `work` after every earlier request for `origin` finished: check-then-store is atomic per log. */
  private async withLock<T>(origin: string, work: () => Promise<T>): Promise<T> {
    const previous = this.locks.get(origin) ?? Promise.resolve();
    const run = previous.then(work, work);
    const settled = run.catch(() => undefined);
    this.locks.set(origin, settled);
    try {
      return await run;
    } finally {
      if (this.locks.get(origin) === settled) this.locks.delete(origin);
    }
  }
}

/**
 * Witness state in a directory: `<origin, made file-safe>.json` per log, each replaced atomically.
 * `lock()` takes the directory for this process (a `witness.lock` file holding its pid), refusing
 * when another live process holds it.
 */
export class FileWitnessStore implements WitnessStore {
  constructor(readonly dir: string) {
    fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  }

  fileFor(origin: string): string {
    // Distinct origins must never share a file: the safe name is followed by a short hash of the origin.
    const safe = origin.replace(/[^A-Za-z0-9.-]+/g, "_").slice(0, 100);
    const hash = Buffer.from(origin).toString("base64url").slice(-8);
    return path.join(this.dir, `log-${safe}-${hash}.json`);
  }

  async read(origin: string): Promise<WitnessLogState | undefined> {
    let raw: string;
    try {
      raw = await fs.promises.readFile(this.fileFor(origin), "utf8");
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === "ENOENT") return undefined;
      throw error;
    }
    const state = JSON.parse(raw) as WitnessLogState;
    if (state.origin !== origin || !Number.isSafeInteger(state.size) || !decodeBase64Strict(state.rootHash)) {
      throw new Error(`${this.fileFor(origin)} does not hold valid witness state for ${origin}; refusing to guess`);
    }
    return state;
  }

  async write(state: WitnessLogState): Promise<void> {
    const file = this.fileFor(state.origin);
    const temporary = `${file}.${process.pid}.tmp`;
    const handle = await fs.promises.open(temporary, "w", 0o600);
    try {
      await handle.writeFile(`${JSON.stringify(state, null, 2)}\n`);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await fs.promises.rename(temporary, file);
  }

  /** Takes the directory for this process; returns the function that releases it. */
  lock(): () => void {
    const file = path.join(this.dir, "witness.lock");
    for (let attempt = 0; attempt < 3; attempt++) {
      if (createPidFile(file)) return () => fs.rmSync(file, { force: true });
      const pid = readPid(file);
      if (isOtherLiveProcess(pid)) throw new Error(`another witness (process ${pid}) is using ${this.dir}; two witnesses must never share one state`);
      this.takeOver(file, pid);
    }
    throw new Error(`could not take ${file}`);
  }

  /**
   * Removes a lock left by a process that died. Two witnesses starting at once would otherwise both
   * remove it and both create their own: the takeover has a lock of its own, and the stale lock is
   * removed only if it still names the dead process (not a witness that took the directory meanwhile).
   */
  private takeOver(file: string, deadPid: number): void {
    const guard = `${file}.takeover`;
    if (!createPidFile(guard)) {
      const holder = readPid(guard);
      if (isOtherLiveProcess(holder))
        throw new Error(`another witness (process ${holder}) is starting on ${this.dir}; two witnesses must never share one state`);
      fs.rmSync(guard, { force: true }); // left by a process that died while taking over; the caller tries again
      return;
    }
    try {
      if (readPid(file) === deadPid) fs.rmSync(file, { force: true });
    } finally {
      fs.rmSync(guard, { force: true });
    }
  }
}

/** Creates `file` holding this process's id, only if it does not exist; false when it does. */
function createPidFile(file: string): boolean {
  try {
    fs.writeFileSync(file, `${process.pid}\n`, { flag: "wx", mode: 0o600 });
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "EEXIST") return false;
    throw error;
  }
}

/** The process id in a lock file, or NaN when it is gone or unreadable. */
function readPid(file: string): number {
  try {
    return Number(fs.readFileSync(file, "utf8").trim());
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return Number.NaN;
    throw error;
  }
}

const isOtherLiveProcess = (pid: number) => Number.isSafeInteger(pid) && pid > 0 && pid !== process.pid && isAlive(pid);

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}
