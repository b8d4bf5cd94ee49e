import { type APIResponse, expect, type Page, test } from "@playwright/test";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { publicPolicy } from "../lib/security/csp.mjs";
import { type OwnRegistry, startOwnRegistry } from "./own-registry";
import { expectNoViolations, fitsSmallPhone } from "./page-checks";
import { signIn } from "./services";

/*
 * Which page gets which Content-Security-Policy (docs/security.md, "Security headers"): public pages a fixed
 * policy and stay cached; pages that act with a session a strict one with a fresh nonce on every
 * response, which Next puts on every script it renders; and nothing the registry itself does is
 * refused by either policy in a real browser.
 */

const run = Date.now().toString(36);

/** The nonce in a strict policy's script-src. */
function nonceOf(policy: string | undefined): string {
  const nonce = policy?.match(/script-src [^;]*'nonce-([A-Za-z0-9+/=_-]+)'/)?.[1];
  if (!nonce) throw new Error(`no nonce in the policy: ${policy}`);
  return nonce;
}

/** The opening tag of every <script> in a page's HTML. */
const scriptTags = (html: string) => html.match(/<script\b[^>]*>/g) ?? [];

/** Reads a signed-in-area page as a browser would and checks its policy against its scripts; returns the nonce. */
async function strictPage(response: APIResponse): Promise<string> {
  expect(response.status()).toBe(200);
  const policy = response.headers()["content-security-policy"];
  for (const directive of ["'strict-dynamic'", "object-src 'none'", "base-uri 'none'", "frame-ancestors 'none'", "form-action 'self'"])
    expect(policy).toContain(directive);
  expect(policy).not.toContain("'unsafe-inline'");
  const nonce = nonceOf(policy);
  const tags = scriptTags(await response.text());
  expect(tags.length).toBeGreaterThan(0);
  // Every script Next rendered carries this response's nonce, and no other.
  for (const tag of tags) expect(tag).toContain(`nonce="${nonce}"`);
  return nonce;
}

/** Records every policy violation the page reports, from its first script on, across navigations. */
async function watchViolations(page: Page): Promise<string[]> {
  const seen: string[] = [];
  page.on("console", (message) => {
    if (/Content Security Policy/i.test(message.text())) seen.push(`console: ${message.text()}`);
  });
  await page.exposeFunction("__reportCspViolation", (text: string) => seen.push(text));
  await page.addInitScript(() => {
    document.addEventListener("securitypolicyviolation", (event) => {
      (window as unknown as { __reportCspViolation: (t: string) => void }).__reportCspViolation(
        `${location.pathname}: ${event.violatedDirective} blocked ${event.blockedURI || "inline"}`,
      );
    });
  });
  return seen;
}

/** Whether the document now shown was loaded from this path (a full page load, not a client navigation). */
const documentLoadedFrom = (page: Page) =>
  page.evaluate(() => new URL((performance.getEntriesByType("navigation")[0] as PerformanceNavigationTiming).name).pathname);

test("public pages get the fixed policy and stay cached; signed-in areas are not mistaken for them", async ({ request }) => {
  for (const pathname of ["/", "/accord", "/about", "/signatories/stats"]) {
    const first = await request.get(pathname);
    expect(first.status(), pathname).toBe(200);
    expect(first.headers()["content-security-policy"], pathname).toBe(publicPolicy());
    expect(first.headers()["x-frame-options"], pathname).toBe("DENY");
    // Still served from the page cache (a purge by another spec may force one more render), with no per-request nonce.
    await expect.poll(async () => (await request.get(pathname)).headers()["x-nextjs-cache"], { message: pathname }).toBe("HIT");
    expect(await first.text(), pathname).not.toContain('nonce="');
  }
});

test("signed-in pages get a strict policy whose nonce is new on every response and on every script", async ({ request }) => {
  const nonces = new Set<string>();
  for (const pathname of ["/sign-in", "/sign-in", "/sign-in/check-email", "/sign-in/error?error=Verification", "/sign-out"]) {
    const response = await request.get(pathname);
    expect(response.headers()["cache-control"], pathname).toMatch(/no-store|private/);
    nonces.add(await strictPage(response));
  }
  expect(nonces.size).toBe(5);
  // A policy header sent by the client is replaced, never believed.
  const forged = await request.get("/sign-in", { headers: { "content-security-policy": "script-src 'nonce-Zm9yZ2Vk'", "x-nonce": "Zm9yZ2Vk" } });
  expect(await strictPage(forged)).not.toBe("Zm9yZ2Vk");
  // The front door (scripts/lib/front-door.mjs) answers malformed percent-encoding with a plain 400, in the signed-in areas too.
  expect((await request.get("/studio/%E0%A4%A")).status()).toBe(400);
  // Without a session the dashboard still sends people to sign in first.
  const bounced = await request.get("/dashboard", { maxRedirects: 0 });
  expect(bounced.status()).toBe(307);
  expect(bounced.headers().location).toMatch(/\/sign-in\?callbackUrl=%2Fdashboard/);
});

test("script injected into a signed-in page is refused and reported (the watch the other tests use sees violations)", async ({ page }) => {
  const violations = await watchViolations(page);
  await page.goto("/sign-in");
  await expect(page.getByLabel("Work email")).toBeVisible();
  // Markup injected as cross-site scripting would inject it: an inline handler, which no nonce covers.
  // (A script element created by a running script would be allowed: 'strict-dynamic' trusts it.)
  await page.evaluate(() =>
    document.body.insertAdjacentHTML("beforeend", `<img alt="" src="data:," onerror="document.documentElement.dataset.injected = 'ran'">`),
  );
  await expect.poll(() => violations.filter((v) => v.includes("script-src")).length).toBeGreaterThan(0);
  expect(await page.evaluate(() => document.documentElement.dataset.injected)).toBeUndefined();
});

test("signing in, the dashboard, a form with errors and signing out report no policy violation; header links load full pages", async ({ page }) => {
  const violations = await watchViolations(page);
  const email = `csp-${run}@registry.test`;
  await signIn(page, email);
  const dashboard = await page.reload();
  expect(nonceOf(dashboard?.headers()["content-security-policy"])).toBeTruthy();
  await expect(page.getByTestId("signed-in-as")).toHaveText(email);

  // The signing page (nothing to sign yet) under the strict policy.
  await page.goto("/sign");
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();

  // A server action round trip under the strict policy.
  await page.goto("/dashboard/organisations/new");
  await page.getByRole("button", { name: "Register organisation" }).click();
  await expect(page.locator("#legalName-error")).toBeVisible();
  // A claim registered, and its organisation page (members, proofs, notices) under the strict policy.
  await page.getByLabel("Legal name").fill("Strict Policy Ltd");
  await page.getByLabel("Display name").fill("Strict Policy");
  await page.getByLabel("Primary domain").fill(`csp-${run}.test`);
  await page.getByLabel("Country").selectOption("FR");
  await page.getByLabel("Sector").selectOption("software");
  await page.getByRole("button", { name: "Register organisation" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Strict Policy");

  // From a public page, the header's links into the signed-in areas load the whole document, so the strict policy governs it.
  await page.goto("/accord");
  await page.getByRole("banner").getByRole("link", { name: "Dashboard" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Dashboard");
  expect(await documentLoadedFrom(page)).toBe("/dashboard");
  await page.goto("/signatories");
  await page.getByRole("banner").getByRole("link", { name: "Sign out" }).click();
  await expect(page.getByRole("button", { name: "Sign out" })).toBeVisible();
  expect(await documentLoadedFrom(page)).toBe("/sign-out");
  await expectNoViolations(page, "/sign-out");
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/$/);
  await page.getByRole("banner").getByRole("link", { name: "Sign in" }).click();
  await expect(page.getByLabel("Work email")).toBeVisible();
  expect(await documentLoadedFrom(page)).toBe("/sign-in");
  await page.setViewportSize({ width: 360, height: 740 });
  await fitsSmallPhone(page, "/sign-in on a phone");

  expect(violations).toEqual([]);
});

test("the studio's editor and preview and /admin work under the strict policy; the configured admin cannot be demoted there", async ({ page }) => {
  test.setTimeout(90_000);
  const violations = await watchViolations(page);
  // admin@registry.test is in the shared server's ADMIN_EMAILS.
  await signIn(page, "admin@registry.test", "/studio");

  // CodeMirror draws its lines and injects its styles at run time; typing saves and previews through server actions.
  const studio = await page.goto("/studio/faq");
  expect(nonceOf(studio?.headers()["content-security-policy"])).toBeTruthy();
  const sentence = `A sentence typed under the strict policy (${run}).`;
  await page.getByRole("textbox", { name: "Text (MDX)" }).click();
  await page.keyboard.press("ControlOrMeta+End");
  await page.keyboard.type(`\n${sentence}\n`);
  await expect(page.getByTestId("save-status")).toHaveText("Saved (draft)", { timeout: 30_000 });
  await expect(page.getByTestId("studio-preview")).toContainText(sentence, { timeout: 30_000 });
  // The shared server keeps its published text: the draft goes again.
  await page.getByText("Discard the draft…").click();
  await page.getByRole("button", { name: "Discard the draft" }).click();
  await expect(page.getByText("Discard the draft…")).toHaveCount(0);

  await page.goto("/admin?q=admin%40registry.test");
  const me = page.getByRole("listitem").filter({ hasText: "admin@registry.test" }).filter({ hasText: "set by configuration" });
  await expect(me.getByText("admin (set by configuration)")).toBeVisible();
  await expect(me.getByLabel("Role")).toHaveCount(0);
  await expect(me).toContainText("remove the address from ADMIN_EMAILS");
  await expectNoViolations(page, "/admin");

  expect(violations).toEqual([]);
});

test.describe("on a demo registry without SMTP", () => {
  let server: OwnRegistry;

  test.beforeAll(async ({ browser: _browser }, testInfo) => {
    testInfo.setTimeout(240_000);
    server = await startOwnRegistry({
      dataDir: fs.mkdtempSync(path.join(os.tmpdir(), "csp-")),
      env: { DEMO_ORGANISATIONS: "3", SMTP_URL: "", DNS_SERVERS: "", DATABASE_URL: "" },
    });
  });

  test.afterAll(async () => {
    if (!server) return;
    await server.stop();
    fs.rmSync(server.dataDir, { recursive: true, force: true });
  });

  test("the sign-in form, the dev outbox and its link into the dashboard report no policy violation", async ({ browser }) => {
    const page = await (await browser.newContext({ baseURL: server.url })).newPage();
    const violations = await watchViolations(page);
    const email = `outbox-${run}@csp-e2e.test`;
    await page.goto("/sign-in");
    await page.getByLabel("Work email").fill(email);
    await page.getByRole("button", { name: "Email me a sign-in link" }).click();
    await expect(page.getByRole("heading", { name: "Check your email" })).toBeVisible({ timeout: 15_000 });

    const outbox = await page.goto("/dev/outbox");
    expect(outbox?.headers()["content-security-policy"]).toBe(publicPolicy());
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Dev outbox");
    // The link carries SITE_URL; follow its path on this registry.
    const mine = page.getByRole("listitem").filter({ hasText: `To ${email}` });
    const link = new URL((await mine.getByRole("link", { name: /\/api\/auth\/callback\/nodemailer/ }).getAttribute("href"))!);
    await page.goto(`${link.pathname}${link.search}`);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Dashboard");
    await expect(page.getByTestId("signed-in-as")).toHaveText(email);
    await expectNoViolations(page, "/dashboard on a demo registry");

    expect(violations).toEqual([]);
  });
});
