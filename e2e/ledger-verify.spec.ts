// verify-ledger against the real production server: it accepts an honest log, and it catches
// the one thing the append-only triggers cannot stop, someone with database rights editing a row.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { canonicalJsonBytes } from "../lib/ledger/canonical-json";
import { ledgerEventSchema } from "../lib/ledger/events";
import { type OwnRegistry, startOwnRegistry, verifyLedger } from "./own-registry";

/** The size line of the signed checkpoint (origin, size, root, blank line, signatures). */
async function checkpointSize(baseUrl: string): Promise<number> {
  const response = await fetch(`${baseUrl}/ledger/checkpoint`);
  expect(response.status).toBe(200);
  return Number((await response.text()).split("\n")[1]);
}

test("a running registry's log verifies", async () => {
  test.setTimeout(60_000);
  const baseUrl = process.env.E2E_BASE_URL;
  if (!baseUrl) throw new Error("E2E_BASE_URL is not set: run the end-to-end tests through `npm test`");
  const stateDir = fs.mkdtempSync(path.join(os.tmpdir(), "ledger-verify-state-"));
  try {
    // Other specs append events to this shared server meanwhile, so the size is bracketed.
    const before = await checkpointSize(baseUrl);
    const run = await verifyLedger(baseUrl, "--state", path.join(stateDir, "state.json"), "--quiet");
    const after = await checkpointSize(baseUrl);
    expect(run.stdout).toMatch(/^OK localhost:3000\/ledger: \d+ entries, root [A-Za-z0-9+/]{43}=, first check \(remembered for next time\)\n$/);
    expect(run.code).toBe(0);
    const verified = Number(/: (\d+) entries,/.exec(run.stdout)?.[1]);
    expect(verified).toBeGreaterThanOrEqual(before);
    expect(verified).toBeLessThanOrEqual(after);
    expect(before).toBeGreaterThan(80); // the demo seed's 40 organisations, so tiles and bundles were really walked
  } finally {
    fs.rmSync(stateDir, { recursive: true, force: true });
  }
});

test("editing one entry row in the database makes verify-ledger fail naming that index", async () => {
  test.setTimeout(180_000);
  // Its own server and data dir: the shared e2e server's database must stay untouched.
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "ledger-tamper-"));
  const stateFile = path.join(dataDir, "verify-ledger-state.json");
  const env = { DEMO_ORGANISATIONS: "60" };
  let server: OwnRegistry | undefined;
  try {
    server = await startOwnRegistry({ dataDir, env });
    const size = await checkpointSize(server.url);
    // The demo history is long enough that entry 3 lies in a full tile (000), the kind the server
    // caches in process (lib/ledger/io/read.ts) and serves as immutable.
    expect(size).toBeGreaterThanOrEqual(256);
    const honest = await verifyLedger(server.url, "--state", stateFile, "--quiet");
    expect(honest.stdout).toMatch(new RegExp(`^OK localhost:3000/ledger: ${size} entries, `));
    expect(honest.code).toBe(0);
    const remembered = fs.readFileSync(stateFile, "utf8");
    // Stopped before the database is opened here: PGlite has no lock of its own, and two
    // processes on one data dir would lose writes.
    await server.stop();
    server = undefined;

    await editEntry(dataDir, 3);

    // A new process, so no tile is cached: what is verified is what the database now holds.
    // (A still-running server would keep serving the full tile it cached before the edit.)
    server = await startOwnRegistry({ dataDir, env });
    const tampered = await verifyLedger(server.url, "--state", stateFile, "--quiet");
    expect(tampered.stdout).toBe("FAILED entry 3: its bytes do not hash to the leaf in tile 0/000 (edited after it was logged?)\n");
    expect(tampered.code).toBe(1); // "the log failed verification", per the CLI's --help
    // A failed run must not overwrite the checkpoint a later run compares against.
    expect(fs.readFileSync(stateFile, "utf8")).toBe(remembered);
  } finally {
    await server?.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
});

/**
 * What an insider with database rights could do: switch the append-only trigger off, rewrite one
 * entry as another valid, canonical event (a different organisation name), and switch it back on.
 * Only the stored leaf hashes and the signed checkpoint can give it away.
 */
async function editEntry(dataDir: string, index: number): Promise<void> {
  const { PGlite } = await import("@electric-sql/pglite");
  const { pg_trgm } = await import("@electric-sql/pglite/contrib/pg_trgm");
  const { unaccent } = await import("@electric-sql/pglite/contrib/unaccent");
  // The same extensions as db/client.ts, so the database opens exactly as the app opens it.
  const db = await PGlite.create(path.join(dataDir, "pglite"), { extensions: { pg_trgm, unaccent } });
  try {
    const { rows } = await db.query<{ data: Uint8Array }>("select data from ledger_entries where idx = $1", [index]);
    const original = rows[0]?.data;
    if (!original) throw new Error(`no ledger entry ${index}`);
    const event = ledgerEventSchema.parse(JSON.parse(Buffer.from(original).toString("utf8")));
    if (!("organisation" in event)) throw new Error(`entry ${index} (${event.kind}) names no organisation to rename`);
    // Still a known event in canonical form, so only its hash can give it away.
    const renamed = ledgerEventSchema.parse({ ...event, organisation: { ...event.organisation, name: `${event.organisation.name} (renamed)` } });
    const edited = Buffer.from(canonicalJsonBytes(renamed));
    await db.exec("alter table ledger_entries disable trigger ledger_entries_append_only");
    await db.query("update ledger_entries set data = $1 where idx = $2", [edited, index]);
    await db.exec("alter table ledger_entries enable trigger ledger_entries_append_only");
    const check = await db.query<{ data: Uint8Array }>("select data from ledger_entries where idx = $1", [index]);
    expect(Buffer.from(check.rows[0]!.data).equals(edited)).toBe(true);
  } finally {
    await db.close();
  }
}
