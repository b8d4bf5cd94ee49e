// Running the registry for real (issue 14, point 4), on the production server as `npm start`
// runs it: graceful shutdown with a request in flight, liveness and readiness, request ids and
// JSON logs in production, the bench floors absent from a deployment, and docs/deployment.md's backup and
// restore drill on PostgreSQL ending with verify-ledger passing against the state file from before
// the backup.
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { expect, test } from "@playwright/test";
import postgres from "postgres";
import { generateSignerKey } from "../lib/ledger/note";
import { type StartedServer, startServer } from "../scripts/lib/server.mjs";
import { verifyLedger } from "./own-registry";

const tempDirs: string[] = [];
function tempDir(prefix: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  tempDirs.push(dir);
  return dir;
}
test.afterAll(() => {
  for (const dir of tempDirs) fs.rmSync(dir, { recursive: true, force: true });
});

/**
 * A request the server has taken into its handler but cannot finish yet: a sign-out form whose
 * body is only half sent. `Expect: 100-continue` makes the server say when the handler has it.
 */
async function halfSentRequest(port: number) {
  const socket = net.connect(port, "127.0.0.1");
  let received = "";
  socket.on("data", (chunk: Buffer) => (received += chunk.toString("latin1")));
  const closed = new Promise<void>((resolve) => socket.once("close", () => resolve()));
  const body = "callbackUrl=%2F&csrfToken=not-a-token";
  socket.write(
    `POST /api/auth/signout HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nContent-Type: application/x-www-form-urlencoded\r\n` +
      `Content-Length: ${body.length}\r\nExpect: 100-continue\r\n\r\n`,
  );
  await expect.poll(() => received, { timeout: 15_000 }).toContain("HTTP/1.1 100 Continue");
  socket.write(body.slice(0, 10));
  return {
    received: () => received,
    /** Sends the rest of the body; resolves with everything received once the server closes. */
    finish: async () => {
      socket.write(body.slice(10));
      await closed;
      return received;
    },
  };
}

/** SIGTERM with a request in flight: it completes, new connections are refused, the process exits 0. */
async function stopWithRequestInFlight(server: StartedServer) {
  const request = await halfSentRequest(server.port);
  process.kill(server.pid, "SIGTERM");
  await expect.poll(() => server.output(), { timeout: 15_000 }).toContain("SIGTERM: stopping");
  await expect(fetch(`${server.url}/api/health/live`)).rejects.toThrow();
  // Nothing was answered yet: the handler is still waiting for the body.
  expect(request.received().replace("HTTP/1.1 100 Continue\r\n\r\n", "")).toBe("");
  const response = await request.finish();
  const final = response.replace("HTTP/1.1 100 Continue\r\n\r\n", "");
  expect(final).toMatch(/^HTTP\/1\.1 [234]\d\d /);
  // finish() resolved only once the server closed the connection: the keep-alive did not hold it open.
  expect(await server.exited).toEqual({ code: 0, signal: null });
  expect(server.output()).toContain("[registry] stopped");
}

test("a deployment: liveness and readiness, request ids, no bench floors, and SIGTERM lets a request in flight finish", async () => {
  test.setTimeout(180_000);
  const server = await startServer({ dataDir: tempDir("deploy-demo-"), env: { DEMO_ORGANISATIONS: "3" } });
  try {
    const live = await fetch(`${server.url}/api/health/live`);
    expect(live.status).toBe(200);
    expect(await live.json()).toEqual({ status: "ok" });
    expect(live.headers.get("cache-control")).toBe("no-store");
    for (const ready of ["/api/health/ready", "/api/health"]) {
      const response = await fetch(`${server.url}${ready}`);
      expect(response.status, ready).toBe(200);
      expect(await response.json()).toEqual({ status: "ok", database: "pglite" });
    }
    // A sane id from a proxy is kept; otherwise one is assigned, and it comes back either way.
    const kept = await fetch(`${server.url}/about`, { headers: { "X-Request-Id": "lb-0123456789" } });
    expect(kept.headers.get("x-request-id")).toBe("lb-0123456789");
    expect((await fetch(`${server.url}/about`)).headers.get("x-request-id")).toMatch(/^[0-9a-f-]{36}$/);
    for (const floor of ["/bench/l1", "/bench/l2"]) expect((await fetch(`${server.url}${floor}`)).status, floor).toBe(404);
    // Demo mode keeps readable logs.
    expect(server.output()).toMatch(/^\[registry\] ready on http:\/\/127\.0\.0\.1:\d+$/m);
    await stopWithRequestInFlight(server);
  } finally {
    await server.stop();
  }
});

test("the bench floors exist when the bench starts the server (REGISTRY_BENCH=1)", async () => {
  test.setTimeout(120_000);
  const server = await startServer({ dataDir: tempDir("deploy-bench-"), env: { DEMO_ORGANISATIONS: "3", REGISTRY_BENCH: "1" } });
  try {
    for (const floor of ["/bench/l1", "/bench/l2"]) expect((await fetch(`${server.url}${floor}`)).status, floor).toBe(200);
  } finally {
    await server.stop();
  }
});

const pgBin = (tool: string) => (fs.existsSync(`/usr/lib/postgresql/15/bin/${tool}`) ? `/usr/lib/postgresql/15/bin/${tool}` : tool);

// The drill needs a PostgreSQL server we may create databases on (TEST_DATABASE_URL), as the
// integration tests' PostgreSQL runs do.
for (const adminUrl of process.env.TEST_DATABASE_URL ? [process.env.TEST_DATABASE_URL] : []) {
  test("backup with pg_dump, restore into a new database, and verify-ledger passes with the state file from before the backup", async () => {
    test.setTimeout(300_000);
    const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
    const suffix = `${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
    const names = { live: `registry_drill_live_${suffix}`, restored: `registry_drill_restored_${suffix}` };
    const urlOf = (name: string) => Object.assign(new URL(adminUrl), { pathname: `/${name}` }).toString();
    const work = tempDir("deploy-drill-");
    const stateFile = path.join(work, "verify-ledger-state.json");
    const dump = path.join(work, "registry.dump");
    // One key for the log, as in production (npm run keygen): the restore keeps the log's identity.
    const settings = { SITE_URL: "http://localhost:3000", LEDGER_SIGNING_KEY: generateSignerKey("localhost:3000/ledger").signerKey };
    let server: StartedServer | undefined;
    try {
      await admin.unsafe(`create database ${names.live}`);
      await admin.unsafe(`create database ${names.restored}`);
      server = await startServer({
        dataDir: tempDir("drill-a-"),
        env: { ...settings, REGISTRY_MODE: "demo", DEMO_ORGANISATIONS: "12", DATABASE_URL: urlOf(names.live) },
      });
      const port = server.port;
      const before = await verifyLedger(server.url, "--state", stateFile, "--quiet");
      expect(before.stdout).toMatch(/^OK localhost:3000\/ledger: \d+ entries, /);
      expect(before.code).toBe(0);
      const size = Number(/: (\d+) entries,/.exec(before.stdout)?.[1]);
      expect(size).toBeGreaterThan(12);

      // The backup, as docs/deployment.md says: pg_dump's custom format, taken while the registry runs.
      execFileSync(pgBin("pg_dump"), ["--format=custom", "--file", dump, urlOf(names.live)]);
      await server.stop();
      server = undefined;

      // The restore into an empty database, then the registry started on it at the same address.
      execFileSync(pgBin("pg_restore"), ["--no-owner", "--exit-on-error", "--single-transaction", "--dbname", urlOf(names.restored), dump]);
      server = await startServer({
        port,
        dataDir: tempDir("drill-b-"),
        env: {
          ...settings,
          REGISTRY_MODE: "production",
          AUTH_SECRET: "drill-secret-drill-secret-drill-secret-0",
          SMTP_URL: "smtp://127.0.0.1:9",
          DATABASE_URL: urlOf(names.restored),
        },
      });
      const after = await verifyLedger(server.url, "--state", stateFile, "--quiet");
      expect(after.stdout).toMatch(new RegExp(`^OK localhost:3000/ledger: ${size} entries, `));
      expect(after.code).toBe(0);

      // Production logs: one JSON line per request, carrying its id; no query strings.
      await (await fetch(`${server.url}/about?email=someone%40example.org`, { headers: { "X-Request-Id": "drill-request-0001" } })).text();
      await expect
        .poll(
          () =>
            server!
              .output()
              .split("\n")
              .filter((line) => line.includes('"drill-request-0001"')),
          { timeout: 10_000 },
        )
        .toHaveLength(1);
      const line = server
        .output()
        .split("\n")
        .find((l) => l.includes('"drill-request-0001"'))!;
      expect(JSON.parse(line)).toMatchObject({ msg: "request", id: "drill-request-0001", method: "GET", path: "/about", status: 200 });
      expect(line).not.toContain("someone");
      for (const logged of server.output().split("\n").filter(Boolean)) expect(() => JSON.parse(logged), logged).not.toThrow();

      await stopWithRequestInFlight(server);
      server = undefined;
    } finally {
      await server?.stop();
      await admin.unsafe(`drop database if exists ${names.live} with (force)`);
      await admin.unsafe(`drop database if exists ${names.restored} with (force)`);
      await admin.end();
    }
  });

  test("a backup older than a checkpoint already verified cannot pass for the same log: verify-ledger says it shrank", async () => {
    test.setTimeout(300_000);
    const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
    const suffix = `${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
    const names = { live: `registry_rollback_live_${suffix}`, restored: `registry_rollback_restored_${suffix}` };
    const urlOf = (name: string) => Object.assign(new URL(adminUrl), { pathname: `/${name}` }).toString();
    const work = tempDir("deploy-rollback-");
    const stateFile = path.join(work, "verify-ledger-state.json");
    const dump = path.join(work, "old.dump");
    const settings = { SITE_URL: "http://localhost:3000", LEDGER_SIGNING_KEY: generateSignerKey("localhost:3000/ledger").signerKey };
    const production = { ...settings, REGISTRY_MODE: "production", AUTH_SECRET: "drill-secret-drill-secret-drill-secret-0", SMTP_URL: "smtp://127.0.0.1:9" };
    let server: StartedServer | undefined;
    try {
      await admin.unsafe(`create database ${names.live}`);
      await admin.unsafe(`create database ${names.restored}`);
      // A young log (the accord only), backed up.
      server = await startServer({ dataDir: tempDir("rollback-a-"), env: { ...production, DATABASE_URL: urlOf(names.live) } });
      const port = server.port;
      execFileSync(pgBin("pg_dump"), ["--format=custom", "--file", dump, urlOf(names.live)]);
      await server.stop();
      // The log grows after the backup (a few organisations sign), and a verifier sees it grown.
      execFileSync(process.execPath, ["--conditions=react-server", "--import", "tsx", "scripts/seed.ts", "--organisations", "3"], {
        env: { ...process.env, ...settings, REGISTRY_MODE: "demo", DATABASE_URL: urlOf(names.live), DATA_DIR: tempDir("rollback-seed-") },
        stdio: "ignore",
      });
      server = await startServer({ port, dataDir: tempDir("rollback-b-"), env: { ...production, DATABASE_URL: urlOf(names.live) } });
      const grown = await verifyLedger(server.url, "--state", stateFile, "--quiet");
      expect(grown.code, grown.stdout + grown.stderr).toBe(0);
      await server.stop();

      // Restoring the older backup rolls the log back past that checkpoint: refused as the same log.
      execFileSync(pgBin("pg_restore"), ["--no-owner", "--exit-on-error", "--single-transaction", "--dbname", urlOf(names.restored), dump]);
      server = await startServer({ port, dataDir: tempDir("rollback-c-"), env: { ...production, DATABASE_URL: urlOf(names.restored) } });
      const rolledBack = await verifyLedger(server.url, "--state", stateFile, "--quiet");
      expect(rolledBack.stdout).toMatch(/^FAILED .*the log has shrunk/);
      expect(rolledBack.code).toBe(1);
    } finally {
      await server?.stop();
      await admin.unsafe(`drop database if exists ${names.live} with (force)`);
      await admin.unsafe(`drop database if exists ${names.restored} with (force)`);
      await admin.end();
    }
  });
}
