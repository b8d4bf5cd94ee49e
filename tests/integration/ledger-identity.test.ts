import fs from "node:fs";
import { sql } from "drizzle-orm";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { GET as getLedgerKey } from "@/app/ledger/key/route";
import { closeDatabase } from "@/db/client";
import { getLatestLedgerCheckpoint, getLedgerSize } from "@/db/queries/ledger";
import { getLedgerIdentity } from "@/db/queries/ledger-identity";
import { clearEnvCache } from "@/lib/env";
import type { LedgerEvent } from "@/lib/ledger/events";
import { appendEvent } from "@/lib/ledger/io/log";
import { demoKeyFile, forgetEstablishedSigners, getLedgerSigner } from "@/lib/ledger/io/signer";
import { formatVerifierKey, generateSignerKey, parseSignerKey } from "@/lib/ledger/note";
import { type Driver, drivers, getReadyDatabase, openDatabase, useFreshDatabase } from "./database";
import { checkStoredLog } from "./ledger-check";

const ORIGIN = "localhost:3000/ledger";

const signed = (n: number): LedgerEvent => ({
  kind: "accord.signed",
  at: new Date(Date.UTC(2026, 0, 1, 0, 0, n)).toISOString(),
  organisation: { slug: `org-${n}`, name: `Org ${n}`, domain: `org-${n}.example` },
  version: 1,
  contentHash: "a".repeat(64),
  signer: { name: "Signer", title: "CEO" },
});

/** A new process on the same database: closed, settings changed, nothing remembered, started again. */
async function restart(changes: Record<string, string | undefined> = {}) {
  await closeDatabase();
  for (const [name, value] of Object.entries(changes)) {
    if (value === undefined) delete process.env[name];
    else process.env[name] = value;
  }
  clearEnvCache();
  forgetEstablishedSigners();
  return getReadyDatabase();
}

async function append(n: number) {
  const db = await getReadyDatabase();
  await db.transaction((tx) => appendEvent(tx, signed(n)));
}

async function servedKey(): Promise<string> {
  return (await (await getLedgerKey()).text()).trim();
}

const verifierOf = (signerKey: string) => {
  const key = parseSignerKey(signerKey);
  return formatVerifierKey(key.name, key.publicKey);
};

describe.each(drivers)("the ledger's identity in production on %s", (driver: Driver) => {
  let cleanup: () => Promise<void>;
  let settings: { SITE_URL: string; LEDGER_SIGNING_KEY: string };
  beforeAll(async () => {
    ({ cleanup } = await useFreshDatabase(driver, "production"));
    settings = { SITE_URL: process.env.SITE_URL!, LEDGER_SIGNING_KEY: process.env.LEDGER_SIGNING_KEY! };
  });
  afterEach(() => vi.restoreAllMocks());
  afterAll(async () => {
    Object.assign(process.env, settings);
    clearEnvCache();
    await cleanup();
  });

  it("stores the origin and verifier key (never the private key) on the first start, and announces that key", async () => {
    const db = await getReadyDatabase();
    const stored = await getLedgerIdentity(db);
    expect(stored).toEqual({ origin: ORIGIN, verifierKey: verifierOf(settings.LEDGER_SIGNING_KEY) });
    expect(JSON.stringify(await db.execute(sql`select * from ledger_identity`))).not.toContain("PRIVATE");
    expect(await servedKey()).toBe(stored!.verifierKey);
    expect(await checkStoredLog(db, stored!.verifierKey)).toMatchObject({ signatureValid: true, rootMatches: true });
  });

  it("starts again with the same settings and keeps appending to the same log", async () => {
    const before = await getLedgerIdentity(await getReadyDatabase());
    const db = await restart();
    await append(1);
    expect(await getLedgerIdentity(db)).toEqual(before);
    expect(await checkStoredLog(db, before!.verifierKey)).toMatchObject({ contiguous: true, signatureValid: true, rootMatches: true });
    expect(await servedKey()).toBe(before!.verifierKey);
  });

  it("refuses to start with another SITE_URL, naming the stored origin and the variable, and changes nothing", async () => {
    const db = await getReadyDatabase();
    const size = await getLedgerSize(db);
    await expect(restart({ SITE_URL: "https://registry.example.org" })).rejects.toThrow(
      /was created as the origin "localhost:3000\/ledger", but SITE_URL \(https:\/\/registry\.example\.org\) gives "registry\.example\.org\/ledger"/,
    );
    const reopened = await restart(settings);
    expect(await getLedgerSize(reopened)).toBe(size);
    expect((await getLedgerIdentity(reopened))?.origin).toBe(ORIGIN);
  });

  it("refuses to start with another LEDGER_SIGNING_KEY, even one named for the same origin", async () => {
    const other = generateSignerKey(ORIGIN);
    await expect(restart({ LEDGER_SIGNING_KEY: other.signerKey })).rejects.toThrow(
      new RegExp(
        `LEDGER_SIGNING_KEY is not the key of the ledger in this database: the log "localhost:3000/ledger" is verified by .*this key by ${other.verifierKey.replace(/[+/]/g, "\\$&")}`,
      ),
    );
    const otherOrigin = generateSignerKey("registry.example.org/ledger");
    await expect(restart({ LEDGER_SIGNING_KEY: otherOrigin.signerKey })).rejects.toThrow(/LEDGER_SIGNING_KEY is not the key of the ledger/);
    const reopened = await restart(settings);
    expect(await getLedgerIdentity(reopened)).toEqual({ origin: ORIGIN, verifierKey: verifierOf(settings.LEDGER_SIGNING_KEY) });
  });

  it("never lets the stored identity be rewritten", async () => {
    const db = await getReadyDatabase();
    await expect(db.execute(sql`update ledger_identity set origin = 'elsewhere.example/ledger'`)).rejects.toThrow();
    expect((await getLedgerIdentity(db))?.origin).toBe(ORIGIN);
  });

  it("lets a log from before stored identities adopt its latest checkpoint's origin and key, and refuses a key that did not sign it", async () => {
    const db = await getReadyDatabase();
    const expected = await getLedgerIdentity(db);
    await db.execute(sql`delete from ledger_identity`);

    const wrong = generateSignerKey(ORIGIN);
    await expect(restart({ LEDGER_SIGNING_KEY: wrong.signerKey })).rejects.toThrow(
      /has no stored identity yet, and its latest checkpoint \(size \d+, origin "localhost:3000\/ledger"\) does not verify with LEDGER_SIGNING_KEY/,
    );
    expect(await getLedgerIdentity((await openDatabase()).db)).toBeNull();
    await expect(restart({ ...settings, SITE_URL: "http://localhost:4000" })).rejects.toThrow(
      /has checkpoints signed as the origin "localhost:3000\/ledger", but SITE_URL \(http:\/\/localhost:4000\)/,
    );

    const log = vi.spyOn(console, "log").mockImplementation(() => {});
    const adopted = await restart(settings);
    expect(await getLedgerIdentity(adopted)).toEqual(expected);
    expect(log.mock.calls.flat().join("\n")).toMatch(/identity is stored: origin localhost:3000\/ledger.*adopted from its latest checkpoint/);
    await append(2);
    expect(await checkStoredLog(adopted, expected!.verifierKey)).toMatchObject({ contiguous: true, signatureValid: true, rootMatches: true });
  });
});

describe.each(drivers)("the ledger's identity in demo mode on %s", (driver: Driver) => {
  let cleanup: () => Promise<void>;
  let dataDir: string;
  beforeAll(async () => {
    process.env.DEMO_ORGANISATIONS = "2";
    ({ cleanup } = await useFreshDatabase(driver, "demo"));
    delete process.env.LEDGER_SIGNING_KEY;
    clearEnvCache();
    dataDir = process.env.DATA_DIR!;
  });
  afterEach(() => vi.restoreAllMocks());
  afterAll(async () => {
    delete process.env.DEMO_ORGANISATIONS;
    process.env.SITE_URL = "http://localhost:3000";
    clearEnvCache();
    await cleanup();
  });

  it("keeps the stored origin and the key generated for it when restarted on another port, and says so", async () => {
    const first = await getReadyDatabase();
    const stored = await getLedgerIdentity(first);
    const keyFile = demoKeyFile(dataDir, ORIGIN);
    expect(stored).toEqual({ origin: ORIGIN, verifierKey: verifierOf(fs.readFileSync(keyFile, "utf8").trim()) });

    const log = vi.spyOn(console, "log").mockImplementation(() => {});
    const db = await restart({ SITE_URL: "http://localhost:4000" });
    expect(log.mock.calls.flat().join("\n")).toMatch(
      /demo mode: SITE_URL http:\/\/localhost:4000 would make the origin localhost:4000\/ledger, but this log is localhost:3000\/ledger/,
    );
    expect(fs.existsSync(demoKeyFile(dataDir, "localhost:4000/ledger"))).toBe(false);
    expect(getLedgerSigner()).toMatchObject({ origin: ORIGIN, verifierKey: stored!.verifierKey });
    expect(await servedKey()).toBe(stored!.verifierKey);

    await append(1);
    const latest = await getLatestLedgerCheckpoint(db);
    expect(latest!.signedNote.startsWith(`${ORIGIN}\n`)).toBe(true);
    expect(await checkStoredLog(db, stored!.verifierKey)).toMatchObject({ contiguous: true, signatureValid: true, rootMatches: true });
    expect(await getLedgerIdentity(db)).toEqual(stored);
  });

  it("refuses to start when the key file for the stored origin is gone, or LEDGER_SIGNING_KEY is another key", async () => {
    const keyFile = demoKeyFile(dataDir, ORIGIN);
    fs.renameSync(keyFile, `${keyFile}.moved`);
    try {
      await expect(restart()).rejects.toThrow(
        /is the log "localhost:3000\/ledger", and its signing key is not in .*ledger-signing-key-localhost_3000_ledger \(DATA_DIR\)/,
      );
      expect(fs.existsSync(keyFile)).toBe(false);
    } finally {
      fs.renameSync(`${keyFile}.moved`, keyFile);
    }
    await expect(restart({ LEDGER_SIGNING_KEY: generateSignerKey(ORIGIN).signerKey })).rejects.toThrow(/LEDGER_SIGNING_KEY is not the key of the ledger/);
    const db = await restart({ LEDGER_SIGNING_KEY: undefined });
    expect((await getLedgerIdentity(db))?.origin).toBe(ORIGIN);
  });

  it("lets an older demo log restarted on another port adopt its checkpoints' origin, announcing that key from the start", async () => {
    const db = await getReadyDatabase();
    const expected = await getLedgerIdentity(db);
    await db.execute(sql`delete from ledger_identity`);
    const adopted = await restart({ SITE_URL: "http://localhost:5000" });
    expect(await getLedgerIdentity(adopted)).toEqual(expected);
    expect(await servedKey()).toBe(expected!.verifierKey);
    expect(fs.existsSync(demoKeyFile(dataDir, "localhost:5000/ledger"))).toBe(false);
    await append(3);
    expect(await checkStoredLog(adopted, expected!.verifierKey)).toMatchObject({ contiguous: true, signatureValid: true, rootMatches: true });
  });
});

describe.each(drivers)("the ledger's identity on a database opened without start-up on %s", (driver: Driver) => {
  let cleanup: () => Promise<void>;
  beforeAll(async () => {
    ({ cleanup } = await useFreshDatabase(driver, "production"));
    forgetEstablishedSigners();
  });
  afterAll(() => cleanup());

  it("is stored in the transaction of the first append: none if it rolls back, then with the entry", async () => {
    const { db } = await openDatabase();
    await expect(
      db.transaction(async (tx) => {
        await appendEvent(tx, signed(0));
        throw new Error("the change this entry records failed");
      }),
    ).rejects.toThrow("the change this entry records failed");
    expect(await getLedgerIdentity(db)).toBeNull();
    expect(await getLedgerSize(db)).toBe(0);

    await db.transaction((tx) => appendEvent(tx, signed(0)));
    expect(await getLedgerIdentity(db)).toEqual({ origin: ORIGIN, verifierKey: verifierOf(process.env.LEDGER_SIGNING_KEY!) });
    expect(await checkStoredLog(db, verifierOf(process.env.LEDGER_SIGNING_KEY!))).toMatchObject({ size: 1, signatureValid: true, rootMatches: true });
  });
});
