import { type Browser, expect, type Page, test } from "@playwright/test";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { type OwnRegistry, signInOn, startOwnRegistry } from "./own-registry";

/*
 * A visitor always sees the current state (issue 14): a browser that read pages before a change,
 * then navigates by clicking, sees the change. Before, Next's `s-maxage=…, stale-while-revalidate=…`
 * let Chromium serve its earlier copy, and the client router showed the pages it kept (prefetched or
 * visited) for five minutes. On a registry of its own: publishing and suspending here would change
 * what other specs read on the shared server.
 */

const ADMIN = "freshness-admin@registry.test";
const run = Date.now().toString(36);

test.describe.configure({ mode: "default" });

let server: OwnRegistry;
let admin: Page;

test.beforeAll(async ({ browser }, testInfo) => {
  testInfo.setTimeout(240_000);
  server = await startOwnRegistry({
    dataDir: fs.mkdtempSync(path.join(os.tmpdir(), "freshness-")),
    env: { ADMIN_EMAILS: ADMIN, DEMO_ORGANISATIONS: "3", SMTP_URL: "", DNS_SERVERS: "", DATABASE_URL: "" },
  });
  admin = await signInOn(server, browser, ADMIN, "/studio");
});

test.afterAll(async () => {
  if (!server) return;
  await admin?.context().close();
  await server.stop();
  fs.rmSync(server.dataDir, { recursive: true, force: true });
});

/** A visitor in a browser of their own (no session). */
async function visitor(browser: Browser): Promise<Page> {
  return (await browser.newContext({ baseURL: server.url })).newPage();
}

const mainNav = (page: Page) => page.getByRole("navigation", { name: "Main" });

test("cached pages and their navigation payloads must be revalidated by the browser; an unchanged page costs a 304", async ({ browser }) => {
  const page = await visitor(browser);
  for (const url of ["/accord", "/accord/versions", "/about"]) {
    const html = await page.request.get(url);
    expect(html.status()).toBe(200);
    expect(html.headers()["cache-control"], url).toBe("no-cache");
    expect(html.headers()["cdn-cache-control"], url).toBeUndefined();
    // The navigation payload (RSC) the client router fetches for the same page.
    const payload = await page.request.get(`${url}?_rsc`, { headers: { RSC: "1" } });
    expect(payload.headers()["content-type"], url).toContain("text/x-component");
    expect(payload.headers()["cache-control"], url).toBe("no-cache");
    const etag = html.headers().etag;
    expect(etag, url).toBeTruthy();
    expect((await page.request.get(url, { headers: { "If-None-Match": etag! } })).status(), url).toBe(304);
  }
  await page.context().close();
});

test("a visitor who read the versions list before an editor published sees the new version on their next click", async ({ browser }) => {
  test.setTimeout(180_000);
  const reader = await visitor(browser);
  await reader.goto("/accord");
  await reader.getByRole("link", { name: "All versions and what changed" }).click();
  await expect(reader).toHaveURL("/accord/versions");
  const versions = reader.getByRole("article", { name: /^Version \d+$/ });
  await expect(versions.first()).toBeVisible();
  const before = await versions.count();
  // Back to the accord by clicking: the router keeps the versions list it just showed.
  await mainNav(reader).getByRole("link", { name: "The accord" }).click();
  await expect(reader).toHaveURL("/accord");
  await expect(reader.getByRole("link", { name: "All versions and what changed" })).toBeVisible();

  // An editor publishes a new version in the studio meanwhile.
  const changelog = `Freshness check ${run}: a returning reader sees this version.`;
  await admin.goto("/studio/principle-accountability");
  const body = admin.getByRole("textbox", { name: "Text (MDX)" });
  await body.click();
  await admin.keyboard.press("ControlOrMeta+End");
  await admin.keyboard.type(`\nReaders see this at once (freshness e2e ${run}).\n`);
  await expect(admin.getByTestId("save-status")).toHaveText("Saved (draft)", { timeout: 30_000 });
  const publish = admin.locator("form").filter({ has: admin.getByRole("button", { name: "Publish", exact: true }) });
  await publish.getByLabel("Changelog").fill(changelog);
  await publish.getByRole("button", { name: "Publish", exact: true }).click();
  const notice = admin.getByRole("main").getByRole("status").filter({ hasText: "Published." });
  await expect(notice).toBeVisible({ timeout: 30_000 });
  const version = Number(/\d+/.exec((await notice.getByRole("link", { name: /^version \d+ of the accord$/ }).textContent())!)![0]);
  expect(version).toBe(before + 1);

  // The reader, who never reloaded, clicks through again and sees it.
  await reader.getByRole("link", { name: "All versions and what changed" }).click();
  await expect(reader).toHaveURL("/accord/versions");
  await expect(reader.getByRole("article", { name: `Version ${version}` })).toContainText(changelog, { timeout: 10_000 });
  await expect(versions).toHaveCount(before + 1);
  await reader.context().close();
});

test("a visitor who read a profile before its organisation was suspended sees the suspension and its reason on their next click", async ({ browser }) => {
  test.setTimeout(120_000);
  // An organisation in good standing, as the moderators see it.
  await admin.goto("/admin?status=verified");
  const listed = admin
    .getByRole("main")
    .getByRole("listitem")
    .filter({ has: admin.getByRole("button", { name: "Suspend" }) });
  await expect(listed.first()).toBeVisible();
  const name = (await listed.first().getByRole("link").first().textContent())!.trim();

  const reader = await visitor(browser);
  await reader.goto("/signatories");
  await reader.getByRole("main").getByRole("link", { name, exact: true }).first().click();
  await expect(reader.getByRole("heading", { level: 1 })).toHaveText(name);
  await expect(reader.getByText("Suspended by a moderator:")).toHaveCount(0);
  // Back to the directory by clicking: the router keeps the profile it just showed.
  await mainNav(reader).getByRole("link", { name: "Signatories" }).click();
  await expect(reader).toHaveURL("/signatories");

  // A moderator suspends the organisation meanwhile, with a public reason.
  const reason = `Suspended while its disclosure record is checked (freshness e2e ${run}).`;
  const item = admin.getByRole("main").getByRole("listitem").filter({ hasText: name });
  await item.getByLabel("Reason for suspending").fill(reason);
  await item.getByRole("button", { name: "Suspend" }).click();
  await expect(
    admin
      .getByRole("main")
      .getByRole("status")
      .filter({ hasText: `${name} is suspended` }),
  ).toBeVisible({ timeout: 30_000 });

  // The reader clicks the same profile again and sees the suspension with its reason.
  await reader.getByRole("main").getByRole("link", { name, exact: true }).first().click();
  await expect(reader.getByRole("heading", { level: 1 })).toHaveText(name);
  await expect(reader.getByText(`Suspended by a moderator: ${reason}`)).toBeVisible({ timeout: 10_000 });
  await reader.context().close();
});

test("the directory's default view is served from the page cache and shows a suspension on the next request", async ({ browser }) => {
  test.setTimeout(120_000);
  const cacheState = async () => (await fetch(`${server.url}/signatories`)).headers.get("x-nextjs-cache");
  await cacheState();
  await expect.poll(cacheState, { message: "a second request for /signatories is a page-cache hit" }).toBe("HIT");

  await admin.goto("/admin?status=verified");
  const listed = admin
    .getByRole("main")
    .getByRole("listitem")
    .filter({ has: admin.getByRole("button", { name: "Suspend" }) });
  await expect(listed.first()).toBeVisible();
  const name = (await listed.first().getByRole("link").first().textContent())!.trim();
  const reader = await visitor(browser);
  await reader.goto("/signatories");
  const row = reader.getByRole("main").getByRole("listitem").filter({ hasText: name });
  await expect(row.first()).toBeVisible();
  await expect(row.first()).not.toContainText("suspended", { ignoreCase: true });

  const item = admin.getByRole("main").getByRole("listitem").filter({ hasText: name });
  await item.getByLabel("Reason for suspending").fill(`Suspended to see the directory change (freshness e2e ${run}).`);
  await item.getByRole("button", { name: "Suspend" }).click();
  await expect(
    admin
      .getByRole("main")
      .getByRole("status")
      .filter({ hasText: `${name} is suspended` }),
  ).toBeVisible({ timeout: 30_000 });

  // The purge of tag `signatories` dropped the cached page: the next request renders it afresh.
  await reader.reload();
  await expect(row.first()).toContainText("suspended", { ignoreCase: true });
  await expect.poll(cacheState).toBe("HIT");
  await reader.context().close();
});
