// npm test needs a Chromium. Prefer Debian's (what CI installs), then Playwright's own; on a
// Debian machine as root, install the package; otherwise say exactly what to install.
import { spawnSync } from "node:child_process";
import fs from "node:fs";

const debianChromium = "/usr/bin/chromium";

async function playwrightBrowser() {
  try {
    const { chromium } = await import("@playwright/test");
    const file = chromium.executablePath();
    return fs.existsSync(file) ? file : undefined;
  } catch {
    return undefined;
  }
}

export async function ensureBrowser() {
  if (process.env.CHROMIUM_PATH && fs.existsSync(process.env.CHROMIUM_PATH)) return process.env.CHROMIUM_PATH;
  if (fs.existsSync(debianChromium)) return debianChromium;
  const own = await playwrightBrowser();
  if (own) return own;
  console.log("[test] no Chromium found; trying Playwright's browser download…");
  if (spawnSync("npx", ["playwright", "install", "chromium"], { stdio: "inherit" }).status === 0) {
    const downloaded = await playwrightBrowser();
    if (downloaded) return downloaded;
  }
  if (process.getuid?.() === 0 && fs.existsSync("/etc/debian_version")) {
    console.log("[test] installing Debian's chromium package…");
    spawnSync("apt-get", ["update", "-qq"], { stdio: "inherit" });
    spawnSync("apt-get", ["install", "-y", "-qq", "chromium"], { stdio: "inherit", env: { ...process.env, DEBIAN_FRONTEND: "noninteractive" } });
    if (fs.existsSync(debianChromium)) return debianChromium;
  }
  throw new Error(
    "No Chromium for the end-to-end tests. Install one: `npx playwright install chromium`, or on Debian/Ubuntu `apt-get install chromium`, or set CHROMIUM_PATH.",
  );
}
