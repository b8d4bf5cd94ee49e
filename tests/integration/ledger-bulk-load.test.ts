// The benchmark's bulk loader must build the very log appendEvent builds, or a verify-ledger
// timing over it would measure something the registry never serves.
import { afterEach, describe, expect, it } from "vitest";
import type { Db } from "@/db/client";
import { getLedgerSize } from "@/db/queries/ledger";
import { ledgerCheckpoints } from "@/db/schema";
import { bytesEqual } from "@/lib/ledger/bytes";
import type { LedgerEvent } from "@/lib/ledger/events";
import { bulkLoadLedger } from "@/lib/ledger/io/bulk-load";
import { appendEvent, getLatestCheckpoint } from "@/lib/ledger/io/log";
import { getLedgerSigner } from "@/lib/ledger/io/signer";
import { sampleEvent, sampleEvents } from "../../scripts/lib/sample-ledger-events";
import { type Driver, drivers, getReadyDatabase, openDatabase, useFreshDatabase } from "./database";
import { checkStoredLog, ledgerRows } from "./ledger-check";

let cleanup: (() => Promise<void>) | undefined;
afterEach(async () => {
  await cleanup?.();
  cleanup = undefined;
});

/** The fresh database, migrated but with an empty ledger: no accord import, no seed. */
async function migratedOnly(): Promise<Db> {
  return (await openDatabase()).db;
}

describe.each(drivers)("bulk-loading the ledger on %s", (driver: Driver) => {
  // 300 entries span a full tile and a partial one; chunks of 128 make the last flush partial.
  const events = [...sampleEvents(300)];
  const next = sampleEvent(300);

  it("writes exactly the rows appendEvent writes for the same events, and appendEvent carries on from them", async () => {
    ({ cleanup } = await useFreshDatabase(driver, "production"));
    let db = await migratedOnly();
    const loaded = await bulkLoadLedger(db, events, { chunk: 128 });
    expect(loaded.size).toBe(300);
    expect(bytesEqual(loaded.rootHash, (await getLatestCheckpoint(db)).rootHash)).toBe(true);
    await db.transaction((tx) => appendEvent(tx, next));
    const bulk = await ledgerRows(db);
    expect(await checkStoredLog(db, getLedgerSigner().verifierKey)).toEqual({
      size: 301,
      contiguous: true,
      leavesMatch: true,
      signatureValid: true,
      checkpointSize: 301,
      rootMatches: true,
    });
    await cleanup?.();

    ({ cleanup } = await useFreshDatabase(driver, "production"));
    db = await migratedOnly();
    for (const event of [...events, next]) await db.transaction((tx) => appendEvent(tx, event));
    const appended = await ledgerRows(db);

    expect(bulk.entries).toHaveLength(301);
    expect(bulk.checkpoints).toHaveLength(301);
    expect(bulk.entries).toEqual(appended.entries);
    expect(bulk.hashes).toEqual(appended.hashes);
    expect(bulk.checkpoints).toEqual(appended.checkpoints);
  });

  it("refuses a ledger that already has entries", async () => {
    ({ cleanup } = await useFreshDatabase(driver, "production"));
    const db = await getReadyDatabase(); // imports the accord: entry 0
    await expect(bulkLoadLedger(db, events)).rejects.toThrow("bulk load needs an empty ledger; this one has 1 entries");
    expect(await getLedgerSize(db)).toBe(1);
  });

  it("writes nothing when an event is invalid, even after earlier chunks were inserted", async () => {
    ({ cleanup } = await useFreshDatabase(driver, "production"));
    const db = await migratedOnly();
    const invalid = { ...sampleEvent(3), at: "yesterday" } as LedgerEvent;
    await expect(bulkLoadLedger(db, [sampleEvent(0), sampleEvent(1), sampleEvent(2), invalid], { chunk: 1 })).rejects.toThrow();
    expect(await getLedgerSize(db)).toBe(0);
    expect(await db.select().from(ledgerCheckpoints)).toEqual([]);
  });
});
