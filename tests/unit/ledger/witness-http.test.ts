import fs from "node:fs";
import type { AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { formatCheckpoint } from "@/lib/ledger/checkpoint";
import { formatAddCheckpointRequest, generateWitnessKey, parseWitnessSignerKey } from "@/lib/ledger/cosignature";
import { leafHash, rootFromLeafHashes } from "@/lib/ledger/merkle";
import { generateSignerKey, signNote } from "@/lib/ledger/note";
import { FileWitnessStore, Witness } from "@/lib/ledger/witness";
import { createWitnessServer } from "@/lib/ledger/witness-http";

const ORIGIN = "registry.example/ledger";
const log = generateSignerKey(ORIGIN);
const key = generateWitnessKey("witness.example.org");
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "witness-http-"));
const server = createWitnessServer(
  new Witness({ signer: parseWitnessSignerKey(key.signerKey), logKeys: [log.verifierKey], store: new FileWitnessStore(dir) }),
  { prefix: "/tlog" },
);
let base = "";

beforeAll(async () => {
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
  fs.rmSync(dir, { recursive: true, force: true });
});

describe("the witness's HTTP interface", () => {
  it("cosigns over POST <prefix>/add-checkpoint", async () => {
    const note = signNote(formatCheckpoint({ origin: ORIGIN, size: 1, rootHash: rootFromLeafHashes([leafHash(Uint8Array.of(1))]) }), log.signerKey);
    const response = await fetch(`${base}/tlog/add-checkpoint`, { method: "POST", body: formatAddCheckpointRequest(0, [], note) });
    expect(response.status).toBe(200);
    expect(await response.text()).toMatch(/^— witness\.example\.org [A-Za-z0-9+/=]+\n$/);
    const conflict = await fetch(`${base}/tlog/add-checkpoint`, { method: "POST", body: formatAddCheckpointRequest(0, [], note) });
    expect(conflict.status).toBe(409);
    expect(conflict.headers.get("content-type")).toBe("text/x.tlog.size");
    expect(await conflict.text()).toBe("1\n");
  });

  it("names itself, its key and its logs at <prefix>/", async () => {
    const text = await (await fetch(`${base}/tlog/`)).text();
    expect(text).toContain(`verifier key: ${key.verifierKey}`);
    expect(text).toContain(`witnesses: ${ORIGIN}`);
  });

  it("refuses other methods, other paths and oversized bodies", async () => {
    const get = await fetch(`${base}/tlog/add-checkpoint`);
    expect(get.status).toBe(405);
    expect(get.headers.get("allow")).toBe("POST");
    expect((await fetch(`${base}/add-checkpoint`, { method: "POST", body: "x" })).status).toBe(404);
    expect((await fetch(`${base}/tlog/add-checkpoint`, { method: "POST", body: "x".repeat(70 * 1024) })).status).toBe(413);
  });
});
