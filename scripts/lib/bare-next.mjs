// The bench's ceiling: a bare Next.js app (bench/bare/) with one trivial prerendered page, built
// once with the registry's own copy of Next into bench/bare/.next and served by `next start`, so
// the bench can print each route as a share of what Next itself serves on this machine, in the
// same run. Needs nothing from the network.
import { spawn, spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { freePort, root } from "./server.mjs";

export const bareDir = path.join(root, "bench", "bare");
const distDir = path.join(bareDir, ".next");
const stampPath = path.join(distDir, "bare-build-stamp");
const next = path.join(root, "node_modules", "next", "dist", "bin", "next");

/** The bare app's sources and the Next version: a new stamp means a new build. */
function stamp() {
  const hash = createHash("sha256");
  for (const file of ["next.config.mjs", "app/layout.js", "app/page.js"])
    hash
      .update(file)
      .update("\0")
      .update(fs.readFileSync(path.join(bareDir, file)));
  hash.update(fs.readFileSync(path.join(root, "node_modules", "next", "package.json")));
  return hash.digest("hex");
}

export function ensureBareBuild() {
  const wanted = stamp();
  if (fs.existsSync(path.join(distDir, "BUILD_ID")) && fs.existsSync(stampPath) && fs.readFileSync(stampPath, "utf8") === wanted) return;
  console.log("[bench] building the bare Next.js page (bench/bare)…");
  const env = { ...process.env, NEXT_TELEMETRY_DISABLED: "1" };
  delete env.NEXT_DIST_DIR;
  const result = spawnSync(process.execPath, [next, "build", bareDir], { cwd: root, stdio: "inherit", env });
  if (result.status !== 0) throw new Error("next build of bench/bare failed");
  fs.writeFileSync(stampPath, wanted);
}

/** `next start` for the bare app on a free port; resolves once its page answers 200. */
export async function startBare() {
  const port = await freePort();
  const env = { ...process.env, NODE_ENV: "production", NEXT_TELEMETRY_DISABLED: "1" };
  delete env.NEXT_DIST_DIR;
  const child = spawn(process.execPath, [next, "start", bareDir, "-p", String(port), "-H", "127.0.0.1"], {
    cwd: root,
    env,
    stdio: ["ignore", "ignore", "inherit"],
  });
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the bare Next.js server exited with code ${child.exitCode}`);
    try {
      if ((await fetch(`${url}/`)).status === 200) break;
    } catch {
      // Not listening yet.
    }
    if (Date.now() > deadline) {
      child.kill("SIGKILL");
      throw new Error("the bare Next.js server did not answer within 60 s");
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  return {
    url,
    stop: () =>
      new Promise((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once("exit", () => resolve());
        child.kill("SIGTERM");
      }),
  };
}
