// Runs the verify-ledger CLI as a user would, against a tiny HTTP server publishing an in-memory log.
import { runVerifyLedger } from "../../scripts/lib/run-verify-ledger";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { concatBytes, encodeBase64, utf8 } from "../../lib/ledger/bytes";
import { canonicalJsonBytes } from "../../lib/ledger/canonical-json";
import { formatCheckpoint } from "../../lib/ledger/checkpoint";
import { hashAccessorFromLeafHashes, leafHash, rootFromLeafHashes } from "../../lib/ledger/merkle";
import { generateSignerKey, signNote } from "../../lib/ledger/note";
import { encodeEntryBundle, entriesPath, TILE_HEIGHT, TILE_WIDTH, tilePath, tilesForSize } from "../../lib/ledger/tiles";

const AT = "2026-01-01T00:00:00.000Z";

function entry(index: number, changelog = "First"): Uint8Array {
  if (index === 0) return canonicalJsonBytes({ kind: "accord.published", at: AT, version: 1, contentHash: "cd".repeat(32), changelog });
  return canonicalJsonBytes({
    kind: "accord.signed",
    at: AT,
    organisation: { slug: `org-${index}`, name: `Organisation ${index}`, domain: `org-${index}.example` },
    version: 1,
    contentHash: "cd".repeat(32),
    signer: { name: `Signer ${index}`, title: "Chief Technology Officer" },
  });
}

/** Everything the server publishes under /ledger/ for these entries, signed with `signerKey`. */
function publish(entries: readonly Uint8Array[], origin: string, keys: { signerKey: string; verifierKey: string }): Map<string, Uint8Array> {
  const leaves = entries.map(leafHash);
  const checkpoint = formatCheckpoint({ origin, size: entries.length, rootHash: rootFromLeafHashes(leaves) });
  const served = new Map([
    ["checkpoint", utf8(signNote(checkpoint, keys.signerKey))],
    ["key", utf8(`${keys.verifierKey}\n`)],
  ]);
  const hashAt = hashAccessorFromLeafHashes(leaves);
  for (const { level, index, width } of tilesForSize(entries.length)) {
    served.set(tilePath(level, index, width), concatBytes(...Array.from({ length: width }, (_, i) => hashAt(level * TILE_HEIGHT, index * TILE_WIDTH + i))));
    if (level === 0) served.set(entriesPath(index, width), encodeEntryBundle(entries.slice(index * TILE_WIDTH, index * TILE_WIDTH + width)));
  }
  return served;
}

const runCli = (args: readonly string[], stateHome: string) => runVerifyLedger(args, { XDG_STATE_HOME: stateHome });

function listen(server: Server): Promise<number> {
  return new Promise((resolve) => server.listen(0, "127.0.0.1", () => resolve((server.address() as AddressInfo).port)));
}

const tempDirs: string[] = [];
function tempDir(): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), "verify-ledger-"));
  tempDirs.push(dir);
  return dir;
}

let served = new Map<string, Uint8Array>();
const server = createServer((request, response) => {
  const relative = (request.url ?? "").replace(/^\/ledger\//, "");
  const body = request.url?.startsWith("/ledger/") ? served.get(relative) : undefined;
  response.writeHead(body ? 200 : 404, {
    "content-type": relative === "checkpoint" || relative === "key" ? "text/plain; charset=utf-8" : "application/octet-stream",
  });
  response.end(body ?? "Not found");
});
let baseUrl = "";
let origin = "";

beforeAll(async () => {
  const port = await listen(server);
  baseUrl = `http://127.0.0.1:${port}`;
  origin = `127.0.0.1:${port}/ledger`;
});

afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
  for (const dir of tempDirs) rmSync(dir, { recursive: true, force: true });
});

describe("verify-ledger CLI against a live server", () => {
  // One user's history of runs, in order: each step builds on the state the previous one left.
  const stateHome = tempDir();
  const stateFile = path.join(stateHome, "tech-accord-registry", "verify-ledger.json");
  let keys: { signerKey: string; verifierKey: string };
  let entries: Uint8Array[];

  beforeAll(() => {
    keys = generateSignerKey(origin);
    entries = Array.from({ length: 300 }, (_, i) => entry(i));
    served = publish(entries, origin, keys);
  });

  it("trusts the served key on first use, with a warning, and remembers the checkpoint", async () => {
    const run = await runCli([baseUrl], stateHome);
    expect(run.stderr).toContain("trust on first use");
    expect(run.stderr).toContain(`--key '${keys.verifierKey}'`);
    expect(run.stdout).toBe(
      `OK ${origin}: 300 entries, root ${encodeBase64(rootFromLeafHashes(entries.map(leafHash)))}, first check (remembered for next time)\n`,
    );
    expect(run.code).toBe(0);
    const state = JSON.parse(readFileSync(stateFile, "utf8")) as Record<string, { verifierKey: string; size: number; rootHash: string; checkedAt: string }>;
    expect(state[baseUrl]).toMatchObject({ verifierKey: keys.verifierKey, size: 300, rootHash: encodeBase64(rootFromLeafHashes(entries.map(leafHash))) });
    expect(Number.isNaN(Date.parse(state[baseUrl]?.checkedAt ?? ""))).toBe(false);
  });

  it("proves the log only grew after more entries are appended, using the remembered key", async () => {
    entries = Array.from({ length: 700 }, (_, i) => entry(i));
    served = publish(entries, origin, keys);
    const run = await runCli([baseUrl], stateHome);
    expect(run.stderr).not.toContain("trust on first use");
    expect(run.stdout).toMatch(new RegExp(`^OK ${origin.replace(/\./g, "\\.")}: 700 entries, root \\S+, consistent with the 300 entries seen before\\n$`));
    expect(run.code).toBe(0);
  });

  it("refuses a pinned key that differs from the remembered one unless asked to replace it", async () => {
    const other = generateSignerKey(origin);
    const refused = await runCli([baseUrl, "--key", other.verifierKey], stateHome);
    expect(refused.stdout).toContain("FAILED the --key given differs from the key remembered");
    expect(refused.stderr).toContain("--replace-key");
    expect(refused.code).toBe(4);

    // Replacing it is allowed, but this checkpoint is not signed by that key.
    const replaced = await runCli([baseUrl, "--key", other.verifierKey, "--replace-key"], stateHome);
    expect(replaced.stdout).toContain("is not signed by the key");
    expect(replaced.code).toBe(4);
    expect(JSON.parse(readFileSync(stateFile, "utf8"))).toMatchObject({ [baseUrl]: { verifierKey: keys.verifierKey, size: 700 } });
  });

  it("names an entry edited in place", async () => {
    const honest = served;
    const bundle = entries.slice(0, TILE_WIDTH);
    bundle[17] = entry(18);
    served = new Map(honest).set(entriesPath(0), encodeEntryBundle(bundle));
    const run = await runCli([baseUrl, "--quiet"], stateHome);
    expect(run.stdout).toBe("FAILED entry 17: its bytes do not hash to the leaf in tile 0/000 (edited after it was logged?)\n");
    expect(run.code).toBe(1);
    served = honest;
  });

  it("reports a rewritten, consistently re-signed history as inconsistent and keeps the old state", async () => {
    const before = readFileSync(stateFile, "utf8");
    const rewritten = entries.slice();
    rewritten[0] = entry(0, "First, quietly reworded");
    rewritten.push(entry(700));
    served = publish(rewritten, origin, keys);
    const run = await runCli([baseUrl, "--key", keys.verifierKey], stateHome);
    expect(run.stdout).toMatch(/^FAILED the log is inconsistent with the 700 entries seen before: .*\(history rewritten or forked\)\n$/);
    expect(run.code).toBe(1);
    expect(readFileSync(stateFile, "utf8")).toBe(before);
  });

  it("reports a pinned key that did not sign the checkpoint (fresh state) as a key problem", async () => {
    served = publish(entries, origin, keys);
    const run = await runCli([baseUrl, "--key", generateSignerKey(origin).verifierKey], tempDir());
    expect(run.stdout).toContain("FAILED the checkpoint is not signed by the key");
    expect(run.code).toBe(4);
  });

  it("shows progress every ~10% on a non-terminal stderr for large logs", async () => {
    served = publish(
      Array.from({ length: 12_000 }, (_, i) => entry(i)),
      origin,
      keys,
    );
    const run = await runCli([baseUrl, "--key", keys.verifierKey], tempDir());
    expect(run.code).toBe(0);
    const progressLines = run.stderr.split("\n").filter((line) => line.startsWith("verifying "));
    expect(progressLines.length).toBeGreaterThanOrEqual(9);
    expect(progressLines.length).toBeLessThanOrEqual(11);
    expect(progressLines.at(-1)).toBe("verifying 12000/12000 entries (100%)");

    const quiet = await runCli([baseUrl, "--key", keys.verifierKey, "--quiet"], tempDir());
    expect(quiet.code).toBe(0);
    expect(quiet.stderr).toBe("");
  });
});

describe("verify-ledger CLI errors", () => {
  it.each([
    [[], "missing <url>"],
    [["ftp://registry.example.org"], "must be http or https"],
    [["not a url"], "not a URL"],
    [["http://127.0.0.1/", "--bogus"], "Unknown option '--bogus'"],
    [["http://127.0.0.1/", "http://127.0.0.2/"], "expected one <url>"],
    [["http://127.0.0.1/", "--replace-key"], "--replace-key needs --key"],
    [["http://127.0.0.1/?x=1"], "without a query"],
  ])("exits 2 for bad arguments %j", async (args, message) => {
    const run = await runCli(args, tempDir());
    expect(run.stderr).toContain(message);
    expect(run.stdout).toBe("");
    expect(run.code).toBe(2);
  });

  it("prints help with the exit codes and exits 0", async () => {
    const run = await runCli(["--help"], tempDir());
    expect(run.stdout).toContain("Exit codes:");
    expect(run.stdout).toContain("4  key problem");
    expect(run.code).toBe(0);
  });

  it("exits 2 for a corrupt state file rather than forgetting what it held", async () => {
    const corrupt = path.join(tempDir(), "state.json");
    writeFileSync(corrupt, "{ not json");
    const run = await runCli([baseUrl, "--state", corrupt], tempDir());
    expect(run.stderr).toContain(`the state file ${corrupt} is not valid`);
    expect(run.code).toBe(2);
    expect(readFileSync(corrupt, "utf8")).toBe("{ not json");
  });

  it("exits 3 when the server cannot be reached", async () => {
    // A port that was free a moment ago: nothing listens there.
    const probe = createServer();
    const port = await listen(probe);
    await new Promise((resolve) => probe.close(resolve));
    const run = await runCli([`http://127.0.0.1:${port}`], tempDir());
    expect(run.stdout).toContain("FAILED could not fetch");
    expect(run.stdout).toContain("ECONNREFUSED");
    expect(run.code).toBe(3);
  });

  it("exits 3 with a hint when the URL serves no ledger", async () => {
    const run = await runCli([`${baseUrl}/elsewhere`, "--key", generateSignerKey(origin).verifierKey], tempDir());
    expect(run.stdout).toContain("FAILED could not fetch checkpoint: HTTP 404");
    expect(run.stderr).toContain(`hint: is ${baseUrl}/elsewhere the registry's base URL?`);
    expect(run.code).toBe(3);
  });
});

describe("verify-ledger CLI and event kinds it does not know", () => {
  const future = (index: number) =>
    canonicalJsonBytes({ kind: "future.event", at: AT, organisation: { slug: `org-${index}` }, note: "added by a newer registry" });

  it("warns about an unknown kind and verifies (the bytes are still checked); --strict fails on it", async () => {
    const keys = generateSignerKey(origin);
    const entries = Array.from({ length: 40 }, (_, i) => (i === 30 || i === 35 ? future(i) : entry(i)));
    served = publish(entries, origin, keys);

    const lenient = await runCli([baseUrl, "--key", keys.verifierKey, "--quiet"], tempDir());
    expect(lenient.code).toBe(0);
    expect(lenient.stdout).toMatch(/^OK .*: 40 entries, root /);
    expect(lenient.stderr).toContain('warning: 2 entries are of kind "future.event", which this verifier does not know (first: entry 30)');
    expect(lenient.stderr).toContain("--strict");

    const strict = await runCli([baseUrl, "--key", keys.verifierKey, "--quiet", "--strict"], tempDir());
    expect(strict.code).toBe(1);
    expect(strict.stdout).toBe('FAILED entry 30: is an event of kind "future.event", which this verifier does not know (--strict)\n');

    // An unknown kind is no loophole: an entry of it edited after logging still fails without --strict.
    const bundle = [...entries];
    bundle[35] = canonicalJsonBytes({ kind: "future.event", at: AT, organisation: { slug: "org-35" }, note: "rewritten" });
    served = new Map(served).set(entriesPath(0, 40), encodeEntryBundle(bundle));
    const edited = await runCli([baseUrl, "--key", keys.verifierKey, "--quiet"], tempDir());
    expect(edited.code).toBe(1);
    expect(edited.stdout).toContain("FAILED entry 35: its bytes do not hash to the leaf");
  });
});
