// Helpers for specs that need more than the shared e2e server: a registry of their own (started
// from the same production build with their own env and data directory) and the ledger CLI run as
// a user runs it.
import fs from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { type Browser, expect, type Page } from "@playwright/test";
import { runVerifyLedger } from "../scripts/lib/run-verify-ledger";

const ROOT = path.resolve(import.meta.dirname, "..");

export type OwnRegistry = { url: string; dataDir: string; output(): string; stop(): Promise<void> };
type StartServer = (options: { env?: Record<string, string>; dataDir?: string }) => Promise<OwnRegistry>;

/** Starts `next start` on a free port with this env and data directory; resolves once healthy. */
export async function startOwnRegistry(options: { env?: Record<string, string>; dataDir: string }): Promise<OwnRegistry> {
  // server.mjs is plain JavaScript shared with the test runner, without type declarations.
  const { startServer } = (await import(pathToFileURL(path.join(ROOT, "scripts", "lib", "server.mjs")).href)) as { startServer: StartServer };
  return startServer(options);
}

/** `npm run verify-ledger -- <args>`, as a user runs it. */
export const verifyLedger = (...args: string[]) => runVerifyLedger(args);

const signInLink = /https?:\/\/\S+\/api\/auth\/callback\/nodemailer\S+/;

/**
 * The newest sign-in link a demo registry without SMTP gave this address: from its dev outbox, or,
 * for an address that receives a site role (ADMIN_EMAILS), from its server log only, where the
 * person at the machine reads it.
 */
function outboxLink(registry: OwnRegistry, email: string): string | undefined {
  const logged = registry
    .output()
    .split("\n")
    .filter((line) => line.startsWith(`[registry] sign-in link for ${email}: `))
    .at(-1);
  if (logged) return logged.match(signInLink)?.[0];
  const file = path.join(registry.dataDir, "dev-outbox.jsonl");
  if (!fs.existsSync(file)) return undefined;
  const messages = fs
    .readFileSync(file, "utf8")
    .split("\n")
    .filter(Boolean)
    .map((line) => JSON.parse(line) as { to: string; text: string });
  // Notices from the outbox land here too: take the newest message that carries a sign-in link.
  const mine = messages.filter((m) => m.to.toLowerCase() === email.toLowerCase() && signInLink.test(m.text)).at(-1);
  return mine?.text.match(signInLink)?.[0];
}

/** Signs in on a registry of one's own, in a browser context of its own, and lands on `returnTo`. */
export async function signInOn(registry: OwnRegistry, browser: Browser, email: string, returnTo: string): Promise<Page> {
  const page = await (await browser.newContext({ baseURL: registry.url })).newPage();
  await page.goto(`/sign-in?callbackUrl=${encodeURIComponent(returnTo)}`);
  await page.getByLabel("Work email").fill(email);
  await page.getByRole("button", { name: "Email me a sign-in link" }).click();
  await expect(page.getByRole("heading", { name: "Check your email" })).toBeVisible({ timeout: 15_000 });
  await expect.poll(() => outboxLink(registry, email), { timeout: 15_000 }).toBeTruthy();
  // The link carries the site URL; follow it on this registry.
  const link = new URL(outboxLink(registry, email)!);
  await page.goto(`${link.pathname}${link.search}`);
  await expect(page).toHaveURL(new RegExp(returnTo.replace(/[/?]/g, "\\$&")));
  return page;
}
