import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { formatCheckpoint } from "@/lib/ledger/checkpoint";
import {
  formatAddCheckpointRequest,
  generateWitnessKey,
  parseWitnessSignerKey,
  parseWitnessVerifierKey,
  verifyCosignatureLine,
} from "@/lib/ledger/cosignature";
import { hashAccessorFromLeafHashes, leafHash, rootFromLeafHashes } from "@/lib/ledger/merkle";
import { generateSignerKey, signNote } from "@/lib/ledger/note";
import { consistencyProof } from "@/lib/ledger/proof";
import { FileWitnessStore, TLOG_SIZE_CONTENT_TYPE, Witness } from "@/lib/ledger/witness";

const ORIGIN = "registry.example/ledger";
const logKey = generateSignerKey(ORIGIN);
const otherLogKey = generateSignerKey(ORIGIN);
const witnessKey = generateWitnessKey("witness.example.org");
const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

function stateDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "witness-test-"));
  dirs.push(dir);
  return dir;
}

/** A log of `size` entries with entry contents `${tag}-${i}`: same tag, same history. */
function log(size: number, tag = "a") {
  const leaves = Array.from({ length: size }, (_, i) => leafHash(new TextEncoder().encode(`${tag}-${i}`)));
  const root = rootFromLeafHashes(leaves);
  const text = formatCheckpoint({ origin: ORIGIN, size, rootHash: root });
  return { leaves, root, text, note: (key = logKey.signerKey) => signNote(text, key) };
}

async function proof(from: number, to: number, tag = "a") {
  return consistencyProof(from, to, hashAccessorFromLeafHashes(log(to, tag).leaves));
}

function witness(dir = stateDir(), now = () => 1_800_000_000) {
  return new Witness({ signer: parseWitnessSignerKey(witnessKey.signerKey), logKeys: [logKey.verifierKey], store: new FileWitnessStore(dir), now });
}

describe("a witness", () => {
  it("cosigns a first checkpoint, then one consistent with it, and persists across restarts", async () => {
    const dir = stateDir();
    const w = witness(dir);
    const first = await w.addCheckpoint(formatAddCheckpointRequest(0, [], log(5).note()));
    expect(first.status).toBe(200);
    expect(verifyCosignatureLine(log(5).text, first.body.trimEnd(), parseWitnessVerifierKey(witnessKey.verifierKey))).toEqual({
      ok: true,
      timestamp: 1_800_000_000,
    });

    const restarted = witness(dir);
    const second = await restarted.addCheckpoint(formatAddCheckpointRequest(5, await proof(5, 12), log(12).note()));
    expect(second.status).toBe(200);
    // The same checkpoint again (old size = size, same root) is cosigned again.
    expect((await restarted.addCheckpoint(formatAddCheckpointRequest(12, [], log(12).note()))).status).toBe(200);
    const stored = JSON.parse(fs.readFileSync(new FileWitnessStore(dir).fileFor(ORIGIN), "utf8"));
    expect(stored).toMatchObject({ origin: ORIGIN, size: 12 });
    expect(fs.readdirSync(dir).filter((f) => f.endsWith(".tmp"))).toEqual([]);
  });

  it("answers 409 with its size as text/x.tlog.size when the old size is not its own", async () => {
    const w = witness();
    await w.addCheckpoint(formatAddCheckpointRequest(0, [], log(5).note()));
    expect(await w.addCheckpoint(formatAddCheckpointRequest(0, [], log(7).note()))).toEqual({ status: 409, contentType: TLOG_SIZE_CONTENT_TYPE, body: "5\n" });
    expect(await w.addCheckpoint(formatAddCheckpointRequest(6, await proof(6, 7), log(7).note()))).toMatchObject({ status: 409, body: "5\n" });
  });

  it("refuses an inconsistent checkpoint (a rewritten history) with 422 and stays where it was", async () => {
    const w = witness();
    await w.addCheckpoint(formatAddCheckpointRequest(0, [], log(5).note()));
    const rewritten = await w.addCheckpoint(formatAddCheckpointRequest(5, await proof(5, 9, "b"), log(9, "b").note()));
    expect(rewritten.status).toBe(422);
    expect(rewritten.body).toMatch(/consistency proof from size 5 .* does not verify/);
    expect(await w.addCheckpoint(formatAddCheckpointRequest(0, [], log(9).note()))).toMatchObject({ status: 409, body: "5\n" });
  });

  it("refuses a rollback to a smaller tree", async () => {
    const w = witness();
    await w.addCheckpoint(formatAddCheckpointRequest(0, [], log(8).note()));
    const back = await w.addCheckpoint(formatAddCheckpointRequest(8, [], log(4).note()));
    expect(back.status).toBe(400);
    expect(back.body).toMatch(/old size 8 is larger than the checkpoint's size 4/);
    expect(await w.addCheckpoint(formatAddCheckpointRequest(4, [], log(4).note()))).toMatchObject({ status: 409, body: "8\n" });
  });

  it("refuses a fork: another root at the size it cosigned", async () => {
    const w = witness();
    await w.addCheckpoint(formatAddCheckpointRequest(0, [], log(6).note()));
    const fork = await w.addCheckpoint(formatAddCheckpointRequest(6, [], log(6, "b").note()));
    expect(fork.status).toBe(409);
    expect(fork.contentType).not.toBe(TLOG_SIZE_CONTENT_TYPE);
    expect(fork.body).toMatch(/fork detected/);
  });

  it("refuses unknown logs (404), unknown or bad signatures (403) and malformed bodies (400)", async () => {
    const w = witness();
    const unknown = signNote(
      formatCheckpoint({ origin: "other.example/log", size: 1, rootHash: log(1).root }),
      generateSignerKey("other.example/log").signerKey,
    );
    expect((await w.addCheckpoint(formatAddCheckpointRequest(0, [], unknown))).status).toBe(404);
    expect((await w.addCheckpoint(formatAddCheckpointRequest(0, [], log(3).note(otherLogKey.signerKey)))).status).toBe(403);
    const tampered = log(3).note().replace("\n3\n", "\n4\n");
    expect((await w.addCheckpoint(formatAddCheckpointRequest(0, [], tampered))).status).toBe(403);
    expect((await w.addCheckpoint("old 01\n\nx")).status).toBe(400);
    expect((await w.addCheckpoint(formatAddCheckpointRequest(0, [], log(3).text))).status).toBe(400);
  });

  it("never rolls back under concurrent requests (check and store are atomic per log)", async () => {
    const w = witness();
    await w.addCheckpoint(formatAddCheckpointRequest(0, [], log(2).note()));
    // Both are valid from size 2; whichever runs second must see the first's size and get a 409.
    const [a, b] = await Promise.all([
      w.addCheckpoint(formatAddCheckpointRequest(2, await proof(2, 10), log(10).note())),
      w.addCheckpoint(formatAddCheckpointRequest(2, await proof(2, 4), log(4).note())),
    ]);
    expect([a.status, b.status]).toEqual([200, 409]);
    expect(b.body).toBe("10\n");
  });

  it("takes over a lock left by a dead process, one taker at a time, and leaves no takeover lock behind", () => {
    const store = new FileWitnessStore(stateDir());
    const lockFile = path.join(store.dir, "witness.lock");
    // A process that has exited: its id names no live process.
    const dead = spawnSync(process.execPath, ["-e", "process.stdout.write(String(process.pid))"], { encoding: "utf8" });
    const deadPid = Number(dead.stdout);
    fs.writeFileSync(lockFile, `${deadPid}\n`);

    // Another witness (a live process) is taking the same stale lock over right now: this one stops, and the lock is left to it.
    fs.writeFileSync(`${lockFile}.takeover`, `${process.ppid}\n`);
    expect(() => store.lock()).toThrow(new RegExp(`another witness \\(process ${process.ppid}\\) is starting on`));
    expect(fs.readFileSync(lockFile, "utf8")).toBe(`${deadPid}\n`);

    // A takeover lock left by a process that died mid-takeover is cleared, and the stale lock taken.
    fs.writeFileSync(`${lockFile}.takeover`, `${deadPid}\n`);
    const release = store.lock();
    expect(fs.readFileSync(lockFile, "utf8")).toBe(`${process.pid}\n`);
    expect(fs.existsSync(`${lockFile}.takeover`)).toBe(false);
    release();
    expect(fs.existsSync(lockFile)).toBe(false);
  });

  it("keeps a second process off its state directory", () => {
    const store = new FileWitnessStore(stateDir());
    const release = store.lock();
    fs.writeFileSync(path.join(store.dir, "witness.lock"), `${process.ppid}\n`);
    expect(() => store.lock()).toThrow(/another witness/);
    release();
    store.lock()();
  });
});
