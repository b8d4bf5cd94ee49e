// npm start: check the environment, build when the build is missing or stale, then serve.
// Migrations and the demo seed run inside the server process (instrumentation.ts), because the
// embedded database must only ever be opened by one process.
import { spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { buildStamp, isBuildFresh, stampFile } from "./build-stamp.mjs";

const root = path.resolve(import.meta.dirname, "..");
const node = process.execPath;
const run = (args, env = process.env) => spawnSync(node, args, { cwd: root, stdio: "inherit", env }).status ?? 1;

if (run(["--import", "tsx", "scripts/check-env.ts"]) !== 0) process.exit(1);

if (!isBuildFresh(root)) {
  console.log("[registry] building the site (first start, or the code or settings changed)…");
  if (run(["node_modules/next/dist/bin/next", "build"]) !== 0) {
    console.error("[registry] the build failed; see the messages above.");
    process.exit(1);
  }
  fs.writeFileSync(stampFile(root), buildStamp(root));
}

const port = process.env.PORT || "3000";
// scripts/server.mjs: Next behind the front door (trusted client address, body limits, HSTS).
const server = spawn(node, ["scripts/server.mjs", "-p", port], { cwd: root, stdio: "inherit" });
for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => server.kill(signal));
server.on("exit", (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
