import { randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { count, eq } from "drizzle-orm";
import postgres from "postgres";
import { getLedgerSize } from "@/db/queries/ledger";
import { getSignatureHistory } from "@/db/queries/signatures";
import { accordVersions, organisations, sessions } from "@/db/schema";
import { registerOrganisation } from "@/lib/orgs/register";
import { verifyByEmailDomain } from "@/lib/orgs/verify";
import { profilePath, signPath } from "@/lib/paths";
import { ensureBuild, root, type StartedServer, startServer } from "../../scripts/lib/server.mjs";
import { runVerifyLedger } from "../../scripts/lib/run-verify-ledger";
import { person } from "../support/people";
import { fullSignInput } from "../support/signing";
import { getReadyDatabase, useFreshDatabase } from "./database";

type Db = Awaited<ReturnType<typeof getReadyDatabase>>;

/** Polls (no timed assertion) until `check` holds; generous, since two cores are shared by many. */
async function eventually(check: () => Promise<boolean>, what: string, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`never happened: ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

const text = async (server: StartedServer, pathname: string) => (await fetch(`${server.url}${pathname}`)).text();

/** The server actions of this build, by exported name (as the browser's forms call them). */
function actionId(exportedName: string, filename: string): string {
  const manifest = JSON.parse(fs.readFileSync(path.join(root, ".next", "server", "server-reference-manifest.json"), "utf8")) as {
    node: Record<string, { filename: string; exportedName: string }>;
  };
  const found = Object.entries(manifest.node).find(([, action]) => action.exportedName === exportedName && action.filename === filename);
  if (!found) throw new Error(`no server action ${exportedName} in ${filename}`);
  return found[0];
}

/** A signed-in session for this user, as Auth.js keeps it (database sessions). */
async function sessionCookie(db: Db, userId: string): Promise<string> {
  const token = randomBytes(32).toString("hex");
  await db.insert(sessions).values({ sessionToken: token, userId, expires: new Date(Date.now() + 86_400_000) });
  return `authjs.session-token=${token}`;
}

/**
 * Calls a form's server action as the page's JavaScript does: the previous state and the form,
 * encoded as React encodes them (`0` the arguments, `_1_<field>` the form's fields).
 */
async function callAction(server: StartedServer, page: string, id: string, cookie: string, fields: Record<string, string>) {
  const body = new FormData();
  // The form's fields first: the server decodes the arguments as they stream in.
  for (const [key, value] of Object.entries(fields)) body.set(`_1_${key}`, value);
  body.set("0", JSON.stringify([{ status: "idle" }, "$K1"]));
  return fetch(`${server.url}${page}`, {
    method: "POST",
    headers: { "Next-Action": id, Cookie: cookie, Origin: server.url, Accept: "text/x-component" },
    body,
    redirect: "manual",
  });
}

// Several instances share one PostgreSQL; the embedded database (PGlite) is one process by design.
describe.skipIf(!process.env.TEST_DATABASE_URL)("two server instances on one PostgreSQL (needs TEST_DATABASE_URL)", () => {
  let cleanup: () => Promise<void>;
  let db: Db;
  let a: StartedServer;
  let b: StartedServer;
  let killed = false;

  /** A verified organisation (not yet signed) and its owner's session. */
  async function signableOrganisation(domain: string) {
    const owner = await person(db, `owner@${domain}`);
    const org = await registerOrganisation(
      db,
      { userId: owner.id },
      { legalName: `${domain} Ltd`, displayName: domain, primaryDomain: domain, country: "DE", sector: "software" },
    );
    await verifyByEmailDomain(db, { userId: owner.id }, org.id);
    return { org, cookie: await sessionCookie(db, owner.id) };
  }

  async function signThrough(server: StartedServer, organisation: { org: { id: string }; cookie: string }) {
    const input = await fullSignInput(db, organisation.org.id, { signerName: "Ada Lovelace", signerTitle: "Chief Executive Officer" });
    const fields: Record<string, string> = {
      organisationId: input.organisationId,
      version: String(input.version),
      signerName: input.signerName,
      signerTitle: input.signerTitle,
      attestation: "on",
    };
    for (const slug of input.affirmed) fields[`affirm-${slug}`] = "on";
    return callAction(server, signPath, actionId("signAccordAction", "app/sign/actions.ts"), organisation.cookie, fields);
  }

  const signatureCount = async (organisationId: string) => (await getSignatureHistory(db, organisationId)).length;

  /** `npm run verify-ledger` against one instance, remembering checkpoints in this test's state file. */
  const verify = (server: StartedServer) => runVerifyLedger([server.url, "--state", path.join(a.dataDir, "verify-ledger.json"), "--quiet"]);

  /** The signed tree head each instance serves. */
  const checkpoint = (server: StartedServer) => text(server, "/ledger/checkpoint");

  beforeAll(async () => {
    ensureBuild();
    ({ cleanup } = await useFreshDatabase("postgres", "demo"));
    // The servers inherit this environment: the same database, ledger key and auth secret for both; no SMTP (demo outbox).
    delete process.env.SMTP_URL;
    // Several instances share their settings, witnesses included: in demo mode each would otherwise
    // run its own demo witness (its key in its own DATA_DIR) and serve a checkpoint cosigned by it.
    const env = { DATABASE_URL: process.env.DATABASE_URL!, REGISTRY_MODE: "demo", DEMO_ORGANISATIONS: "8", WITNESSES: "none" };
    // Started together: migrations and the shipped content's import must happen once, whoever comes first.
    [a, b] = await Promise.all([startServer({ env }), startServer({ env })]);
    db = await getReadyDatabase();
  }, 600_000);

  afterAll(async () => {
    await Promise.allSettled([killed ? a.exited : a?.stop(), b?.stop()]);
    await cleanup?.();
  });

  it("started together on one fresh database, they prepared it once: one accord version 1, one demo seed", async () => {
    const [versions] = await db.select({ count: count() }).from(accordVersions);
    expect(versions?.count).toBe(1);
    expect([a, b].filter((server) => server.output().includes("seeded demo data"))).toHaveLength(1);
    expect(await getLedgerSize(db)).toBeGreaterThan(0);
  });

  it("a moderation through one instance is served by the other within a second", async () => {
    const { org } = await signableOrganisation("two-instances-moderated.test");
    const moderator = await person(db, "mod@registry.test", "moderator");
    const cookie = await sessionCookie(db, moderator.id);
    const reason = `Suspended while two instances watch ${randomBytes(4).toString("hex")}.`;
    // Both instances have the profile cached: without the shared purge, the other would keep serving this.
    for (const server of [a, b]) {
      await eventually(async () => (await fetch(`${server.url}${profilePath(org.slug)}`)).headers.get("x-nextjs-cache") === "HIT", "the profile is cached");
      expect(await text(server, profilePath(org.slug))).not.toContain(reason);
    }
    const response = await callAction(a, "/admin", actionId("moderateOrganisationAction", "app/admin/actions.ts"), cookie, {
      organisationId: org.id,
      change: "suspend",
      reason,
    });
    const changedAt = Date.now();
    expect(response.status).toBeLessThan(400);
    const [row] = await db.select({ status: organisations.status }).from(organisations).where(eq(organisations.id, org.id));
    expect(row?.status).toBe("suspended");
    await eventually(async () => (await text(b, profilePath(org.slug))).includes(reason), "the other instance serves the suspension");
    console.log(`[many-instances] a suspension through one instance was served by the other after ${Date.now() - changedAt} ms`);
    expect(await text(a, profilePath(org.slug))).toContain(reason);
  });

  it("signing through both at once leaves one log, every entry verified", async () => {
    const orgs = await Promise.all(Array.from({ length: 6 }, (_, i) => signableOrganisation(`two-instances-signer-${i}.test`)));
    const before = await getLedgerSize(db);
    const responses = await Promise.all(orgs.map((org, i) => signThrough(i % 2 === 0 ? a : b, org)));
    for (const response of responses) expect(response.status).toBeLessThan(400);
    expect(await getLedgerSize(db)).toBe(before + orgs.length);
    for (const org of orgs) expect(await signatureCount(org.org.id)).toBe(1);
    // One log: both instances serve the same signed tree head, of every entry.
    await eventually(async () => (await checkpoint(a)) === (await checkpoint(b)), "both instances serve one checkpoint");
    expect(await checkpoint(b)).toContain(`\n${before + orgs.length}\n`);
    for (const server of [a, b]) {
      const run = await verify(server);
      expect(run.code, run.stdout + run.stderr).toBe(0);
    }
  });

  it("an instance's purges still reach the other after their listening connections drop", async () => {
    const { org } = await signableOrganisation("two-instances-reconnected.test");
    const moderator = await person(db, "mod@registry.test", "moderator");
    const cookie = await sessionCookie(db, moderator.id);
    const reason = `Suspended while the listeners reconnect ${randomBytes(4).toString("hex")}.`;
    await eventually(async () => (await fetch(`${b.url}${profilePath(org.slug)}`)).headers.get("x-nextjs-cache") === "HIT", "the profile is cached");
    // As a network failure or a database restart would: every instance's LISTEN connection is cut.
    const admin = postgres(process.env.DATABASE_URL!, { max: 1, onnotice: () => {} });
    const cut =
      await admin`select pg_terminate_backend(pid) from pg_stat_activity where datname = current_database() and application_name like 'registry-purges-%'`;
    await admin.end();
    expect(cut.length).toBe(2);
    const response = await callAction(a, "/admin", actionId("moderateOrganisationAction", "app/admin/actions.ts"), cookie, {
      organisationId: org.id,
      change: "suspend",
      reason,
    });
    const changedAt = Date.now();
    expect(response.status).toBeLessThan(400);
    await eventually(async () => (await text(b, profilePath(org.slug))).includes(reason), "the other instance serves the suspension");
    console.log(`[many-instances] with the listeners cut just before the change, the other instance served it after ${Date.now() - changedAt} ms`);
  });

  it("an instance killed with SIGKILL mid-write leaves the other serving and the log consistent", async () => {
    const orgs = await Promise.all(Array.from({ length: 10 }, (_, i) => signableOrganisation(`two-instances-killed-${i}.test`)));
    const after = await signableOrganisation("two-instances-after-kill.test");
    const before = await getLedgerSize(db);
    const writes = orgs.map((org, i) => signThrough(i < 7 ? a : b, org).catch(() => null));
    // Killed once its first signing has landed, with the others sent to it still under way.
    await eventually(
      async () => (await Promise.all(orgs.slice(0, 7).map((org) => signatureCount(org.org.id)))).some((n) => n > 0),
      "a signing through the doomed instance landed",
    );
    process.kill(a.pid, "SIGKILL");
    killed = true;
    await Promise.all(writes);
    expect((await fetch(`${b.url}/api/health`)).status).toBe(200);
    expect((await signThrough(b, after)).status).toBeLessThan(400);
    // Each write either happened whole (signature and ledger entry) or not at all.
    const signed = (await Promise.all([...orgs, after].map((org) => signatureCount(org.org.id)))).reduce((sum, n) => sum + n, 0);
    const throughKilled = (await Promise.all(orgs.slice(0, 7).map((org) => signatureCount(org.org.id)))).reduce((sum, n) => sum + n, 0);
    console.log(
      `[many-instances] SIGKILL: ${throughKilled} of 7 signings sent to the killed instance were made, ${signed - throughKilled} through the other; ledger ${before} -> ${before + signed}`,
    );
    expect(await getLedgerSize(db)).toBe(before + signed);
    const run = await verify(b);
    expect(run.code, run.stdout + run.stderr).toBe(0);
  });
});
