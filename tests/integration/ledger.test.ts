import { type ChildProcess, spawn } from "node:child_process";
import { sql } from "drizzle-orm";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getLedgerSize } from "@/db/queries/ledger";
import { closeDatabase } from "@/db/client";
import { AppError } from "@/lib/errors";
import { bytesEqual } from "@/lib/ledger/bytes";
import { parseCheckpoint } from "@/lib/ledger/checkpoint";
import type { LedgerEvent } from "@/lib/ledger/events";
import { appendEvent, getLatestCheckpoint, withStoredHashes } from "@/lib/ledger/io/log";
import { consistencyProof, inclusionProof, verifyConsistency, verifyInclusion } from "@/lib/ledger/proof";
import { getConsistency, getEntryWithProof, getTile } from "@/lib/ledger/io/read";
import { getLedgerSigner } from "@/lib/ledger/io/signer";
import { leafHash, rootFromLeafHashes } from "@/lib/ledger/merkle";
import { decodeEntryBundle, splitTileHashes, tileHashesFromLeafHashes } from "@/lib/ledger/tiles";
import { type Driver, drivers, getReadyDatabase, openDatabase, useFreshDatabase } from "./database";
import { checkStoredLog } from "./ledger-check";

const signed = (n: number): LedgerEvent => ({
  kind: "accord.signed",
  at: new Date(Date.UTC(2026, 0, 1, 0, 0, n)).toISOString(),
  organisation: { slug: `org-${n}`, name: `Org ${n}`, domain: `org-${n}.example` },
  version: 1,
  contentHash: "a".repeat(64),
  signer: { name: "Signer", title: "CEO" },
});

async function append(events: LedgerEvent[]) {
  const db = await getReadyDatabase();
  for (const event of events) await db.transaction((tx) => appendEvent(tx, event));
}

function runWorker(count: number, concurrency: number, name: string): ChildProcess & { acks: number[]; done: Promise<number | null> } {
  const child = spawn(
    process.execPath,
    ["--conditions=react-server", "--import", "tsx", "tests/integration/fixtures/ledger-worker.ts", String(count), String(concurrency)],
    {
      env: { ...process.env, WORKER_NAME: name },
      stdio: ["ignore", "pipe", "inherit"],
    },
  ) as ChildProcess & { acks: number[]; done: Promise<number | null> };
  child.acks = [];
  let buffer = "";
  child.stdout!.on("data", (chunk: Buffer) => {
    buffer += chunk.toString("utf8");
    const lines = buffer.split("\n");
    buffer = lines.pop()!;
    for (const line of lines) if (line.startsWith("ACK ")) child.acks.push(Number(line.slice(4)));
  });
  child.done = new Promise((resolve) => child.on("exit", (code) => resolve(code)));
  return child;
}

describe.each(drivers)("the ledger on %s", (driver: Driver) => {
  let cleanup: () => Promise<void>;
  beforeAll(async () => {
    ({ cleanup } = await useFreshDatabase(driver, "production"));
  });
  afterAll(() => cleanup());

  it("starts with the accord's publication and a signed checkpoint", async () => {
    const db = await getReadyDatabase();
    const checkpoint = await getLatestCheckpoint(db);
    expect(checkpoint.size).toBe(1);
    expect(await checkStoredLog(db, getLedgerSigner().verifierKey)).toMatchObject({
      size: 1,
      contiguous: true,
      leavesMatch: true,
      signatureValid: true,
      rootMatches: true,
    });
  });

  it("serves proofs, tiles and bundles that match a recomputation from the entries", async () => {
    await append(Array.from({ length: 299 }, (_, i) => signed(i)));
    const db = await getReadyDatabase();
    const checkpoint = await getLatestCheckpoint(db);
    expect(checkpoint.size).toBe(300);
    const report = await checkStoredLog(db, getLedgerSigner().verifierKey);
    expect(report).toEqual({ size: 300, contiguous: true, leavesMatch: true, signatureValid: true, checkpointSize: 300, rootMatches: true });

    const full = await getTile(db, { level: 0, index: 0, width: undefined, isEntries: false });
    const partial = await getTile(db, { level: 0, index: 1, width: 44, isEntries: false });
    const leaves = [...splitTileHashes(full.body), ...splitTileHashes(partial.body)];
    expect(leaves).toHaveLength(300);
    expect(bytesEqual(rootFromLeafHashes(leaves), checkpoint.rootHash)).toBe(true);
    const level1 = await getTile(db, { level: 1, index: 0, width: 1, isEntries: false });
    expect(bytesEqual(level1.body, tileHashesFromLeafHashes(leaves, 1, 0, 1))).toBe(true);
    const bundle = decodeEntryBundle((await getTile(db, { level: 0, index: 1, width: 44, isEntries: true })).body);
    expect(bundle.map((e) => leafHash(e))).toEqual(leaves.slice(256));

    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 0, max: 299 }), async (index) => {
        const entry = await getEntryWithProof(db, index);
        return verifyInclusion(leaves[index]!, index, 300, entry.proof, checkpoint.rootHash);
      }),
      { numRuns: 25 },
    );
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 1, max: 300 }), async (from) => {
        const { proof, fromRoot, toRoot } = await getConsistency(db, from);
        return verifyConsistency(from, 300, proof, fromRoot!, toRoot!) && bytesEqual(fromRoot!, rootFromLeafHashes(leaves.slice(0, from)));
      }),
      { numRuns: 25 },
    );
  });

  it("refuses tiles beyond the tree and bad sizes with coded errors", async () => {
    const db = await getReadyDatabase();
    await expect(getTile(db, { level: 0, index: 1, width: undefined, isEntries: false })).rejects.toMatchObject({ code: "not_found" });
    await expect(getTile(db, { level: 0, index: 1, width: 45, isEntries: true })).rejects.toMatchObject({ code: "not_found" });
    await expect(getTile(db, { level: 2, index: 0, width: 1, isEntries: false })).rejects.toMatchObject({ code: "not_found" });
    await expect(getEntryWithProof(db, 300)).rejects.toMatchObject({ code: "not_found" });
    await expect(getConsistency(db, 0)).rejects.toMatchObject({ code: "invalid" });
    await expect(getConsistency(db, 5, 301)).rejects.toMatchObject({ code: "invalid" });
  });

  it("refuses an invalid or private event and writes nothing", async () => {
    const db = await getReadyDatabase();
    const before = await getLedgerSize(db);
    const withEmail = { ...signed(1), email: "ceo@org.example" } as unknown as LedgerEvent;
    const badTime = { ...signed(1), at: "yesterday" };
    const badHash = { ...signed(1), contentHash: "xyz" };
    for (const event of [withEmail, badTime, badHash]) {
      const error = await db.transaction((tx) => appendEvent(tx, event)).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(AppError);
      expect((error as AppError).code).toBe("invalid");
    }
    expect(await getLedgerSize(db)).toBe(before);
  });

  it("rolls the entry back with the change it records", async () => {
    const db = await getReadyDatabase();
    const before = await getLatestCheckpoint(db);
    await expect(
      db.transaction(async (tx) => {
        await appendEvent(tx, signed(999));
        throw new Error("the recorded change failed");
      }),
    ).rejects.toThrow("the recorded change failed");
    const after = await getLatestCheckpoint(db);
    expect(after.size).toBe(before.size);
    expect(bytesEqual(after.rootHash, before.rootHash)).toBe(true);
  });

  it("refuses to update, delete or truncate logged rows", async () => {
    const db = await getReadyDatabase();
    await expect(db.execute(sql`update ledger_entries set kind = 'x' where idx = 0`)).rejects.toThrow();
    await expect(db.execute(sql`delete from ledger_hashes where level = 0 and idx = 1`)).rejects.toThrow();
    await expect(db.execute(sql`delete from ledger_checkpoints`)).rejects.toThrow();
    await expect(db.execute(sql`truncate ledger_entries`)).rejects.toThrow();
    expect((await checkStoredLog(db, getLedgerSigner().verifierKey)).rootMatches).toBe(true);
  });

  it("keeps every acknowledged append after the appender is killed with SIGKILL", async () => {
    const db = await getReadyDatabase();
    const before = await getLedgerSize(db);
    // The embedded database admits one process: hand it to the worker, take it back after.
    if (driver === "pglite") await closeDatabase();
    const worker = runWorker(100_000, 4, "crash");
    await new Promise<void>((resolve, reject) => {
      const timer = setInterval(() => {
        if (worker.acks.length >= 40) {
          clearInterval(timer);
          worker.kill("SIGKILL");
          resolve();
        } else if (worker.exitCode !== null) {
          clearInterval(timer);
          reject(new Error(`worker exited early with ${worker.exitCode}`));
        }
      }, 5);
    });
    await worker.done;
    const acknowledged = [...worker.acks];
    expect(acknowledged.length).toBeGreaterThanOrEqual(40);
    const reopened = await getReadyDatabase();
    const report = await checkStoredLog(reopened, getLedgerSigner().verifierKey);
    expect(report).toMatchObject({ contiguous: true, leavesMatch: true, signatureValid: true, rootMatches: true });
    expect(report.checkpointSize).toBe(report.size);
    expect(report.size).toBeGreaterThanOrEqual(before + acknowledged.length);
    expect(Math.max(...acknowledged)).toBeLessThan(report.size);
    // The log still accepts appends after the crash.
    await append([signed(5000)]);
    expect((await checkStoredLog(reopened, getLedgerSigner().verifierKey)).rootMatches).toBe(true);
  }, 120_000);
});

describe.runIf(drivers.includes("postgres"))("two app instances appending to one PostgreSQL", () => {
  let cleanup: () => Promise<void>;
  beforeAll(async () => {
    ({ cleanup } = await useFreshDatabase("postgres", "production"));
  });
  afterAll(() => cleanup());

  it("200 concurrent appends from two processes leave no gap, no duplicate, and a root that recomputes", async () => {
    const db = await getReadyDatabase();
    const before = await getLedgerSize(db);
    const [a, b] = [runWorker(100, 10, "alpha"), runWorker(100, 10, "beta")];
    expect(await Promise.all([a.done, b.done])).toEqual([0, 0]);
    const acks = [...a.acks, ...b.acks].sort((x, y) => x - y);
    expect(acks).toEqual(Array.from({ length: 200 }, (_, i) => before + i));
    const report = await checkStoredLog(db, getLedgerSigner().verifierKey);
    expect(report).toEqual({ size: before + 200, contiguous: true, leavesMatch: true, signatureValid: true, checkpointSize: before + 200, rootMatches: true });
    const checkpoints = await db.execute(sql`select count(*)::int as n, count(distinct size)::int as d from ledger_checkpoints`);
    const [row] = (Array.isArray(checkpoints) ? checkpoints : (checkpoints as { rows: unknown[] }).rows) as { n: number; d: number }[];
    expect(row).toEqual({ n: before + 200, d: before + 200 });
    const parsed = parseCheckpoint((await getLatestCheckpoint(db)).signedNote.split("\n\n")[0]! + "\n");
    expect(parsed.ok && parsed.checkpoint.size).toBe(before + 200);
    // Any entry's proof from the stored hashes verifies against the final root.
    const proof = await withStoredHashes(db, (getHash) => inclusionProof(before + 150, before + 200, getHash));
    const entry = await getEntryWithProof(db, before + 150);
    expect(verifyInclusion(leafHash(Buffer.from(entry.entryBase64, "base64")), before + 150, before + 200, proof, entry.rootHash)).toBe(true);
    expect((await withStoredHashes(db, (getHash) => consistencyProof(before, before + 200, getHash))).length).toBeGreaterThan(0);
  }, 120_000);
});

describe("the embedded database after a crash", () => {
  it("opens again even though the dead process left its lock file", async () => {
    const { cleanup } = await useFreshDatabase("pglite", "production");
    try {
      await openDatabase();
      expect((await openDatabase()).driver).toBe("pglite");
    } finally {
      await cleanup();
    }
  });
});
