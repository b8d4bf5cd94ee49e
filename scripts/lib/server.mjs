// Shared by the test runner and the bench: build when stale, start the production server on a
// free port, wait until /api/health answers 200, and stop it again.
import { spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import path from "node:path";
import { buildStamp, isBuildFresh, stampFile } from "../build-stamp.mjs";

export const root = path.resolve(import.meta.dirname, "..", "..");

export function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/** The build every local run shares: demo mode, the default site URL (as `npm start`). */
export function ensureBuild(env = {}) {
  const buildEnv = { ...process.env, REGISTRY_MODE: "demo", SITE_URL: "http://localhost:3000", ...env };
  delete buildEnv.DATABASE_URL;
  if (isBuildFresh(root, buildEnv)) return;
  console.log("[registry] building the production bundle…");
  const result = spawnSync(process.execPath, ["node_modules/next/dist/bin/next", "build"], { cwd: root, stdio: "inherit", env: buildEnv });
  if (result.status !== 0) throw new Error("next build failed");
  fs.writeFileSync(stampFile(root), buildStamp(root, buildEnv));
}

async function waitForHealth(url, child, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`the server exited with code ${child.exitCode} before it was ready`);
    try {
      const response = await fetch(`${url}/api/health`);
      if (response.status === 200) return;
    } catch {
      // Not listening yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`the server at ${url} was not ready within ${timeoutMs} ms`);
}

/**
 * Starts the production server (scripts/server.mjs, as `npm start`) with its own data directory;
 * resolves once healthy. `port` reuses a known port (a restored registry at the same address).
 */
export async function startServer({ env = {}, dataDir, quiet = true, port: fixedPort } = {}) {
  const port = fixedPort ?? (await freePort());
  const dir = dataDir ?? fs.mkdtempSync(path.join(root, ".test-data", "server-"));
  fs.mkdirSync(dir, { recursive: true });
  const childEnv = { ...process.env, REGISTRY_MODE: "demo", SITE_URL: "http://localhost:3000", DATA_DIR: dir, PORT: String(port), ...env };
  const child = spawn(process.execPath, ["scripts/server.mjs", "-p", String(port), "-H", "127.0.0.1"], {
    cwd: root,
    env: childEnv,
    stdio: ["ignore", quiet ? "pipe" : "inherit", "inherit"],
  });
  const output = [];
  child.stdout?.on("data", (chunk) => output.push(chunk));
  const exited = new Promise((resolve) => child.once("exit", (code, signal) => resolve({ code, signal })));
  const url = `http://127.0.0.1:${port}`;
  try {
    await waitForHealth(url, child, 120_000);
  } catch (error) {
    child.kill("SIGKILL");
    process.stderr.write(Buffer.concat(output));
    throw error;
  }
  return {
    url,
    port,
    pid: child.pid,
    dataDir: dir,
    output: () => Buffer.concat(output).toString("utf8"),
    exited,
    stop: () =>
      new Promise((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once("exit", () => resolve());
        child.kill("SIGTERM");
      }),
  };
}
