// Two witnesses, started by the test as `npm run witness` processes, cosign a live registry's ledger
// through the job runner; verify-ledger checks the quorum over HTTP; receipts verify offline; and
// with one witness stopped the registry keeps writing while /ledger/checkpoint stays at the last
// quorum, until the witness is back (restarted on its own state) and catches up.
import { type ChildProcess, spawn } from "node:child_process";
import fs from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GET as getLatestCheckpointRoute } from "@/app/ledger/checkpoint/latest/route";
import { GET as getCheckpointRoute } from "@/app/ledger/checkpoint/route";
import { GET as getReceiptRoute } from "@/app/ledger/entries/[index]/receipt/route";
import { GET as getKeyRoute } from "@/app/ledger/key/route";
import { GET as getTileRoute } from "@/app/ledger/tile/[...path]/route";
import { GET as getWitnessesRoute } from "@/app/api/v1/ledger/witnesses/route";
import { jobs, ledgerCosignatures, ledgerWitnessStatus } from "@/db/schema";
import { clearEnvCache, parseEnv } from "@/lib/env";
import { cosignersOf, generateWitnessKey, parseWitnessVerifierKey } from "@/lib/ledger/cosignature";
import type { LedgerEvent } from "@/lib/ledger/events";
import { generateSignerKey } from "@/lib/ledger/note";
import { appendEvent, getLatestCheckpoint } from "@/lib/ledger/io/log";
import { getLedgerSigner } from "@/lib/ledger/io/signer";
import { getServedCheckpoint, LEDGER_COSIGN_JOB } from "@/lib/ledger/io/witnesses";
import { jobHandlers } from "@/lib/jobs/kinds";
import { JobRunner } from "@/lib/jobs/runner";
import { runVerifyLedger } from "../../scripts/lib/run-verify-ledger";
import { type Driver, drivers, getReadyDatabase, useFreshDatabase } from "./database";
import { purgeGeneration } from "@/lib/page-cache-handler.mjs";

type Db = Awaited<ReturnType<typeof getReadyDatabase>>;
const ROOT = path.resolve(import.meta.dirname, "..", "..");

const signed = (n: number): LedgerEvent => ({
  kind: "accord.signed",
  at: new Date(Date.UTC(2026, 0, 1, 0, 0, n % 60)).toISOString(),
  organisation: { slug: `org-${n}`, name: `Org ${n}`, domain: `org-${n}.example` },
  version: 1,
  contentHash: "a".repeat(64),
  signer: { name: "Signer", title: "CEO" },
});

type WitnessProcess = { child: ChildProcess; url: string; verifierKey: string; stateDir: string; exited: Promise<number | null> };

/** `npm run witness` as an operator runs it, on a free port; resolves once it listens. */
function startWitness(stateDir: string, name: string, logKey: string): Promise<WitnessProcess> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      ["--import", "tsx", path.join(ROOT, "scripts", "witness.ts"), "--log-key", logKey, "--name", name, "--state", stateDir, "--listen", "127.0.0.1:0"],
      { cwd: ROOT, stdio: ["ignore", "pipe", "pipe"] },
    );
    const exited = new Promise<number | null>((done) => child.on("exit", (code) => done(code)));
    let out = "";
    let err = "";
    child.stderr!.on("data", (chunk: Buffer) => (err += chunk.toString()));
    child.stdout!.on("data", (chunk: Buffer) => {
      out += chunk.toString();
      const url = /listening on (http:\/\/[^\s]+)\/add-checkpoint/.exec(out)?.[1];
      const verifierKey = /verifier key: (\S+)/.exec(out)?.[1];
      if (url && verifierKey) resolve({ child, url, verifierKey, stateDir, exited });
    });
    void exited.then((code) => reject(new Error(`witness exited with ${code}: ${err}`)));
  });
}

async function stopWitness(witness: WitnessProcess): Promise<void> {
  witness.child.kill("SIGTERM");
  await witness.exited;
}

/** The registry's ledger routes over HTTP, as verify-ledger fetches them. */
function serveLedger(): Promise<{ server: Server; baseUrl: string }> {
  const server = createServer((request, response) => {
    const url = new URL(request.url ?? "/", "http://localhost");
    const route = async (): Promise<Response> => {
      if (url.pathname === "/ledger/checkpoint") return getCheckpointRoute();
      if (url.pathname === "/ledger/checkpoint/latest") return getLatestCheckpointRoute();
      if (url.pathname === "/ledger/key") return getKeyRoute();
      if (url.pathname.startsWith("/ledger/tile/")) {
        return getTileRoute(new Request(url), { params: Promise.resolve({ path: url.pathname.slice("/ledger/tile/".length).split("/") }) });
      }
      return new Response("Not found", { status: 404 });
    };
    void route().then(async (r) => {
      response.writeHead(r.status, Object.fromEntries(r.headers));
      response.end(Buffer.from(await r.arrayBuffer()));
    });
  });
  return new Promise((resolve) =>
    server.listen(0, "127.0.0.1", () => resolve({ server, baseUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}` })),
  );
}

describe("the WITNESSES setting", () => {
  const base = { REGISTRY_MODE: "demo" };
  const a = generateWitnessKey("a.example").verifierKey;
  const b = generateWitnessKey("b.example").verifierKey;
  it("parses witnesses and a quorum, and says clearly what is wrong", () => {
    expect(parseEnv({ ...base, WITNESSES: `quorum 2; ${a} https://a.example/w/; ${b} https://b.example` }).WITNESSES).toEqual({
      quorum: 2,
      witnesses: [
        { name: "a.example", verifierKey: a, url: "https://a.example/w" },
        { name: "b.example", verifierKey: b, url: "https://b.example" },
      ],
    });
    expect(parseEnv({ ...base, WITNESSES: "none" }).WITNESSES).toBe("none");
    expect(() => parseEnv({ ...base, WITNESSES: `${a} https://a.example; ${b} https://b.example` })).toThrow(/WITNESSES lists 2 witnesses but no quorum/);
    expect(() => parseEnv({ ...base, WITNESSES: `quorum 3; ${a} https://a.example; ${b} https://b.example` })).toThrow(/quorum 3 is more than the 2 witnesses/);
    expect(() => parseEnv({ ...base, WITNESSES: `${generateSignerKey("log.example/ledger").verifierKey} https://a.example` })).toThrow(/type 0x01/);
    expect(() => parseEnv({ ...base, WITNESSES: `${a} ftp://a.example` })).toThrow(/must start with https:\/\//);
    expect(() => parseEnv({ ...base, WITNESSES: `${a}` })).toThrow(/"<verifier key> <url>"/);
    expect(() => parseEnv({ ...base, WITNESSES: `quorum 1; ${a} https://a.example; ${a} https://b.example` })).toThrow(/listed twice/);
  });
});

describe.each(drivers)("witnessed checkpoints on %s", (driver: Driver) => {
  let cleanup: () => Promise<void>;
  let db: Db;
  let w1: WitnessProcess;
  let w2: WitnessProcess;
  let http: { server: Server; baseUrl: string };
  let logKey: string;
  /** The runner's clock: real time, read at each drain (jobs are queued at real time). */
  let clock = Date.now();
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "witnesses-test-"));
  const runner = () => new JobRunner({ db, handlers: jobHandlers, now: () => new Date(clock), random: () => 1, log: () => {} });
  const append = async (from: number, count: number) => {
    for (let n = from; n < from + count; n++) await db.transaction((tx) => appendEvent(tx, signed(n)));
  };
  const queuedCosignJobs = async () => (await db.select().from(jobs).where(eq(jobs.kind, LEDGER_COSIGN_JOB))).filter((j) => j.state === "queued");
  const cli = (args: string[]) => runVerifyLedger(args, { XDG_STATE_HOME: path.join(tmp, "state") });

  beforeAll(async () => {
    ({ cleanup } = await useFreshDatabase(driver, "production"));
    db = await getReadyDatabase();
    logKey = getLedgerSigner().verifierKey;
    [w1, w2] = await Promise.all([startWitness(path.join(tmp, "w1"), "w1.example", logKey), startWitness(path.join(tmp, "w2"), "w2.example", logKey)]);
    process.env.WITNESSES = `quorum 2; ${w1.verifierKey} ${w1.url}; ${w2.verifierKey} ${w2.url}`;
    clearEnvCache();
    http = await serveLedger();
  });

  afterAll(async () => {
    await Promise.all([w1, w2].filter(Boolean).map((w) => (w.child.exitCode === null ? stopWitness(w) : undefined)));
    await new Promise((resolve) => http?.server.close(resolve));
    delete process.env.WITNESSES;
    clearEnvCache();
    await cleanup();
    fs.rmSync(tmp, { recursive: true, force: true });
  });

  it("serves the log's own checkpoint until a quorum cosigned, then the cosigned one; one queued job however many appends", async () => {
    await append(0, 6);
    const before = await getServedCheckpoint(db);
    expect(before.witnessed).toBe(false);
    expect(before.signedNote).toBe((await getLatestCheckpoint(db)).signedNote);
    // Six appends, one job waiting: it submits whatever is latest when it runs.
    expect(await queuedCosignJobs()).toHaveLength(1);

    const started = performance.now();
    clock = Date.now();
    const purgesBefore = purgeGeneration();
    const round = await runner().drain();
    const delayMs = performance.now() - started;
    expect(round).toMatchObject({ done: 1, failed: 0 });
    // The ledger page is static: the job purges what it shows of the witnesses (outside any request).
    expect(purgeGeneration()).toBeGreaterThan(purgesBefore);
    const latest = await getLatestCheckpoint(db);
    const served = await getServedCheckpoint(db);
    expect(served).toMatchObject({ witnessed: true, size: latest.size });
    expect(served.signedNote.startsWith(latest.signedNote)).toBe(true);
    const { cosigners } = cosignersOf(served.signedNote, [parseWitnessVerifierKey(w1.verifierKey), parseWitnessVerifierKey(w2.verifierKey)]);
    expect(cosigners.map((c) => c.name).sort()).toEqual(["w1.example", "w2.example"]);
    console.log(`[measure] ${driver}: write → quorum-cosigned checkpoint (two witnesses over HTTP, job run at once): ${delayMs.toFixed(0)} ms`);

    const response = await getCheckpointRoute();
    expect(response.headers.get("X-Checkpoint-Witnessed")).toBe("quorum");
    expect(await response.text()).toBe(served.signedNote);
    expect(await (await getLatestCheckpointRoute()).text()).toBe(latest.signedNote);
    const api = (await (await getWitnessesRoute()).json()) as { quorum: number; witnesses: { name: string; lastCosignedSize: number; url: string }[] };
    expect(api.quorum).toBe(2);
    expect(api.witnesses).toEqual([
      expect.objectContaining({ name: "w1.example", lastCosignedSize: latest.size, url: w1.url, verifierKey: w1.verifierKey }),
      expect.objectContaining({ name: "w2.example", lastCosignedSize: latest.size, url: w2.url, verifierKey: w2.verifierKey }),
    ]);
  });

  it("verify-ledger checks the quorum, with its own exit code when it is not met", async () => {
    const ok = await cli([http.baseUrl, "--key", logKey, "--witness", w1.verifierKey, "--witness", w2.verifierKey, "--quorum", "2", "--quiet"]);
    expect(ok.stdout).toMatch(/^OK .* cosigned by 2 of 2 known witnesses \(quorum 2: w1\.example at .*, w2\.example at .*\)/);
    expect(ok.code).toBe(0);
    const stranger = generateWitnessKey("w3.example").verifierKey;
    const short = await cli([http.baseUrl, "--key", logKey, "--witness", w1.verifierKey, "--witness", stranger, "--quorum", "2", "--quiet"]);
    expect(short.code).toBe(5);
    expect(short.stdout).toMatch(/FAILED only 1 of the 2 known witnesses cosigned the checkpoint, and --quorum is 2/);
    const usage = await cli([http.baseUrl, "--key", logKey, "--witness", w1.verifierKey, "--quorum", "2"]);
    expect(usage.code).toBe(2);
    expect(usage.stderr).toMatch(/--quorum 2 is more than the 1 --witness key given/);
    const notWitnessKey = await cli([http.baseUrl, "--key", logKey, "--witness", logKey]);
    expect(notWitnessKey.code).toBe(4);
    expect(notWitnessKey.stdout).toMatch(/is not a witness verifier key: .*type 0x01/);
    const noWitness = await cli([http.baseUrl, "--key", logKey, "--quorum", "1"]);
    expect([noWitness.code, noWitness.stderr]).toEqual([2, expect.stringMatching(/--quorum needs the witnesses' keys/)]);
    const receiptWithoutKey = await cli(["--receipt", "any.tlog-proof"]);
    expect([receiptWithoutKey.code, receiptWithoutKey.stderr]).toEqual([2, expect.stringMatching(/--receipt needs the log's key/)]);
  });

  it("keeps writing with a witness down; the checkpoint stays at the last quorum until it is back", async () => {
    const quorumSize = (await getServedCheckpoint(db)).size;
    const receiptOf = async (index: number) => getReceiptRoute(new Request("http://localhost/"), { params: Promise.resolve({ index: String(index) }) });
    const oldReceipt = path.join(tmp, "old.tlog-proof");
    fs.writeFileSync(oldReceipt, await (await receiptOf(quorumSize - 1)).text());

    await stopWitness(w2);
    await append(100, 4);
    const latest = await getLatestCheckpoint(db);
    expect(latest.size).toBe(quorumSize + 4);
    clock = Date.now();
    const round = await runner().drain();
    expect(round.failed).toBe(0); // a witness down is the witness's back-off, not a failed job
    expect(await getServedCheckpoint(db)).toMatchObject({ witnessed: true, size: quorumSize });
    // The served checkpoint's cosignatures stay while it is served, beside w1's newer one.
    const stored = async () =>
      (await db.select({ size: ledgerCosignatures.size, key: ledgerCosignatures.witnessKey }).from(ledgerCosignatures))
        .map((row) => `${row.key === w1.verifierKey ? "w1" : "w2"}@${row.size}`)
        .sort();
    expect(await stored()).toEqual([`w1@${quorumSize}`, `w1@${latest.size}`, `w2@${quorumSize}`].sort());
    const [status] = await db.select().from(ledgerWitnessStatus).where(eq(ledgerWitnessStatus.witnessKey, w2.verifierKey));
    expect(status).toMatchObject({ failures: 1 });
    expect(status!.lastError).toMatch(/could not reach http:\/\/127\.0\.0\.1:\d+: ECONNREFUSED/);
    // One follow-up job, at the witness's retry time; w1 already cosigned the new size.
    const queued = await queuedCosignJobs();
    expect(queued).toHaveLength(1);
    expect(queued[0]!.runAt.getTime()).toBe(status!.nextAttemptAt!.getTime());
    const api = (await (await getWitnessesRoute()).json()) as { witnesses: { name: string; lastCosignedSize: number; lastError: string | null }[] };
    expect(api.witnesses.map((w) => [w.name, w.lastCosignedSize, w.lastError !== null])).toEqual([
      ["w1.example", latest.size, false],
      ["w2.example", quorumSize, true],
    ]);

    // Readers requiring both witnesses still verify the whole log, at the last quorum.
    const stillOk = await cli([http.baseUrl, "--key", logKey, "--witness", w1.verifierKey, "--witness", w2.verifierKey, "--quorum", "2", "--quiet"]);
    expect(stillOk.stdout).toMatch(new RegExp(`^OK localhost:3000/ledger: ${quorumSize} entries, .*cosigned by 2 of 2`));
    expect(stillOk.code).toBe(0);

    // A receipt for an entry older than the quorum checkpoint verifies offline with the witnesses' keys…
    const keys = ["--witness", w1.verifierKey, "--witness", w2.verifierKey, "--quorum", "2"];
    const offline = await cli(["--receipt", oldReceipt, "--key", logKey, ...keys]);
    expect(offline.stdout).toMatch(/^OK entry \d+ is in .* tree of \d+ entries, signed by the log, cosigned by w1\.example, w2\.example \(quorum 2\)/);
    expect(offline.code).toBe(0);
    // …one for a newer entry says so and asks to fetch it again later.
    const fresh = await receiptOf(latest.size - 1);
    expect(fresh.headers.get("X-Checkpoint-Witnessed")).toBe("no");
    const freshReceipt = path.join(tmp, "new.tlog-proof");
    fs.writeFileSync(freshReceipt, await fresh.text());
    const pending = await cli(["--receipt", freshReceipt, "--key", logKey, ...keys]);
    expect(pending.code).toBe(5);
    expect(pending.stderr).toMatch(/Fetch the receipt again later/);
    // A tampered receipt fails outright.
    fs.writeFileSync(
      freshReceipt,
      fs.readFileSync(freshReceipt, "utf8").replace(/^index (\d+)$/m, (_m, n: string) => `index ${Number(n) - 1}`),
    );
    expect((await cli(["--receipt", freshReceipt, "--key", logKey])).code).toBe(1);

    // The witness comes back on its own state; the registry forgot what it knew of it, so its first
    // submission (old size 0) gets a 409 with the witness's size and is resubmitted with a proof.
    w2 = await startWitness(w2.stateDir, "w2.example", logKey);
    process.env.WITNESSES = `quorum 2; ${w1.verifierKey} ${w1.url}; ${w2.verifierKey} ${w2.url}`;
    clearEnvCache();
    await db.delete(ledgerWitnessStatus).where(eq(ledgerWitnessStatus.witnessKey, w2.verifierKey));
    await db.execute(sql`update jobs set run_at = now() where kind = ${LEDGER_COSIGN_JOB} and state = 'queued'`);
    clock = Date.now() + 1000;
    expect(await runner().drain()).toMatchObject({ done: 1, failed: 0 });
    expect(await getServedCheckpoint(db)).toMatchObject({ witnessed: true, size: latest.size });
    // Once a newer checkpoint has its quorum, the older cosignatures are gone: the table does not grow with the log.
    expect(await stored()).toEqual([`w1@${latest.size}`, `w2@${latest.size}`]);
  });

  it("measures the write rate with two witnesses and with none", async () => {
    const withWitnesses = process.env.WITNESSES!;
    const elapsed = { with: 0, without: 0 };
    // Interleaved rounds, so warm-up and machine load weigh on both alike.
    for (let round = 0; round < 4; round++) {
      for (const mode of ["with", "without"] as const) {
        process.env.WITNESSES = mode === "with" ? withWitnesses : "none";
        clearEnvCache();
        const started = performance.now();
        await append(1000 + round * 100 + (mode === "with" ? 0 : 50), 15);
        elapsed[mode] += performance.now() - started;
      }
    }
    const rate = (ms: number) => (60 / ms) * 1000;
    console.log(
      `[measure] ${driver}: ${rate(elapsed.with).toFixed(0)} appends/s with two witnesses configured, ${rate(elapsed.without).toFixed(0)} appends/s with none`,
    );
    // The witnesses are never waited for: an append only adds one statement.
    expect(rate(elapsed.with)).toBeGreaterThan(rate(elapsed.without) / 3);
  });
});

describe("demo mode's built-in witness", () => {
  let cleanup: () => Promise<void>;
  afterAll(async () => {
    delete process.env.DEMO_ORGANISATIONS;
    clearEnvCache();
    await cleanup();
  });

  it("cosigns the seeded log with its own key in DATA_DIR (quorum 1) and is labelled a demo witness", async () => {
    ({ cleanup } = await useFreshDatabase("pglite", "demo"));
    process.env.DEMO_ORGANISATIONS = "2";
    clearEnvCache();
    const db = await getReadyDatabase();
    expect(fs.readFileSync(path.join(process.env.DATA_DIR!, "demo-witness-key"), "utf8")).toMatch(/^PRIVATE\+KEY\+demo-witness\.localhost\+[0-9a-f]{8}\+/);
    expect((await getServedCheckpoint(db)).witnessed).toBe(false);
    await new JobRunner({ db, handlers: jobHandlers, log: () => {} }).drain();
    const latest = await getLatestCheckpoint(db);
    expect(await getServedCheckpoint(db)).toMatchObject({ witnessed: true, size: latest.size });
    const api = (await (await getWitnessesRoute()).json()) as {
      quorum: number;
      witnesses: { name: string; demo: boolean; url: string | null; lastCosignedSize: number }[];
    };
    expect(api).toMatchObject({ quorum: 1, witnesses: [{ name: "demo-witness.localhost", demo: true, url: null, lastCosignedSize: latest.size }] });
    // Its state survives in DATA_DIR, as a real witness's would.
    expect(fs.readdirSync(path.join(process.env.DATA_DIR!, "demo-witness")).some((f) => f.startsWith("log-localhost_3000_ledger"))).toBe(true);
  });
});
