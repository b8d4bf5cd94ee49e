import { type Browser, type BrowserContext, expect, type Page, test } from "@playwright/test";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { type OwnRegistry, signInOn, startOwnRegistry } from "./own-registry";
import { expectNoViolations, fitsSmallPhone } from "./page-checks";

/*
 * The policy studio (REQUIRE_REVIEW off; the review flow is in studio-review.spec.ts) on a
 * registry of its own: publishing here makes a new accord version, and on the shared server that
 * would pull the accord out from under specs signing or reading it at the same moment. Sign-in
 * links come from that registry's dev outbox; the admin signs in once and its session is reused.
 */

const ADMIN = "studio-admin@registry.test";
const run = Date.now().toString(36);

const saveStatus = (page: Page) => page.getByTestId("save-status");
const bodyEditor = (page: Page) => page.getByRole("textbox", { name: "Text (MDX)" });

/** The end of the MDX body as shown: CodeMirror draws only the lines in view, so the end is scrolled to first. */
async function bodyEnd(page: Page) {
  await bodyEditor(page).click();
  await page.keyboard.press("ControlOrMeta+End");
  return bodyEditor(page);
}

/** Types at the end of the MDX body, as a person would. */
async function appendToBody(page: Page, text: string) {
  await bodyEditor(page).click();
  await page.keyboard.press("ControlOrMeta+End");
  await page.keyboard.type(text);
}

// One worker runs this file's tests in order, on one registry. (A failure restarts the worker,
// which starts a registry and signs in again.)
test.describe.configure({ mode: "default" });

let server: OwnRegistry;
let adminSession: Awaited<ReturnType<BrowserContext["storageState"]>>;

test.beforeAll(async ({ browser }, testInfo) => {
  testInfo.setTimeout(240_000);
  server = await startOwnRegistry({
    dataDir: fs.mkdtempSync(path.join(os.tmpdir(), "studio-")),
    env: { ADMIN_EMAILS: ADMIN, DEMO_ORGANISATIONS: "3", SMTP_URL: "", DNS_SERVERS: "", DATABASE_URL: "" },
  });
  const page = await signInOn(server, browser, ADMIN, "/studio");
  adminSession = await page.context().storageState();
  await page.context().close();
});

test.afterAll(async () => {
  if (!server) return;
  await server.stop();
  fs.rmSync(server.dataDir, { recursive: true, force: true });
});

/** A page signed in as the bootstrap admin (who may use the studio) in a context of its own. */
async function asAdmin(browser: Browser): Promise<Page> {
  return (await browser.newContext({ storageState: adminSession, baseURL: server.url })).newPage();
}

/** The admin gives a signed-in person the editor role on /admin. */
async function makeEditor(admin: Page, email: string) {
  await admin.goto(`/admin?q=${encodeURIComponent(email)}`);
  const person = admin.getByRole("listitem").filter({ hasText: email });
  await person.getByLabel("Role").selectOption("editor");
  await person.getByRole("button", { name: "Change role" }).click();
  await expect(person.getByRole("status")).toContainText(`${email} is now editor.`);
}

test("an editor changes a principle, previews and publishes it; the principle page, the versions list and the diff show it", async ({ browser }) => {
  test.setTimeout(180_000);
  const sentence = `Signatories write their reports in plain language (studio e2e ${run}).`;
  const page = await asAdmin(browser);
  await page.goto("/studio");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Policy studio");
  await page.getByRole("list", { name: "Documents" }).getByRole("link", { name: "Accountability and public scrutiny" }).click();
  await expect(page).toHaveURL("/studio/principle-accountability");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Accountability and public scrutiny");

  await appendToBody(page, `\n${sentence}\n`);
  await expect(saveStatus(page)).toHaveText("Saved (draft)", { timeout: 30_000 });
  await expect(page.getByTestId("studio-preview")).toContainText(sentence, { timeout: 30_000 });
  // Nothing public changes until it is published.
  const live = await (await page.request.get("/accord/principles/accountability")).text();
  expect(live).not.toContain(sentence);

  const publish = page.locator("form").filter({ has: page.getByRole("button", { name: "Publish", exact: true }) });
  await publish.getByLabel("Changelog").fill("short");
  await publish.getByRole("button", { name: "Publish", exact: true }).click();
  await expect(publish.locator("[id$=changelog-error]")).toContainText("at least 10 characters");
  await publish.getByLabel("Changelog").fill(`Ask signatories to report in plain language (${run}).`);
  await publish.getByRole("button", { name: "Publish", exact: true }).click();
  const notice = page.getByRole("main").getByRole("status").filter({ hasText: "Published." });
  await expect(notice).toBeVisible({ timeout: 30_000 });
  const versionLink = notice.getByRole("link", { name: /^version \d+ of the accord$/ });
  const version = Number(/\d+/.exec((await versionLink.textContent())!)![0]);
  expect(version).toBeGreaterThan(1);

  await page.goto("/accord/principles/accountability");
  await expect(page.getByRole("article")).toContainText(sentence);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Accountability and public scrutiny");

  await page.goto("/accord/versions");
  const listed = page.getByRole("article", { name: `Version ${version}` });
  await expect(listed).toContainText(`Ask signatories to report in plain language (${run}).`);
  const hash = (await listed.getByTestId(`content-hash-${version}`).textContent())!;
  await listed.getByRole("link", { name: `What changed in version ${version}` }).click();
  await expect(page).toHaveURL(`/accord/versions/${version}/diff`);
  await expect(page.locator("ins").filter({ hasText: "plain language" }).first()).toBeVisible();

  // The publication is in the public ledger, with the version's hash.
  await page.goto("/accord/versions");
  await listed.getByRole("link", { name: new RegExp(`\\(version ${version} published\\)`) }).click();
  await expect(page.getByText(`Version ${version} of the accord was published.`)).toBeVisible();
  await expect(page.getByLabel("Entry", { exact: true })).toContainText(`"contentHash":"${hash}"`);
});

test("two editors save the same document: the second gets a conflict with the diff, and keeps their text", async ({ browser }) => {
  test.setTimeout(180_000);
  const page = await asAdmin(browser);
  const otherEmail = `studio-editor-${run}@registry.test`;
  const other = await signInOn(server, browser, otherEmail, "/dashboard");
  // A member is refused the studio: to them it does not exist.
  expect((await other.goto("/studio"))?.status()).toBe(404);
  expect((await other.goto("/studio/faq"))?.status()).toBe(404);
  await makeEditor(page, otherEmail);

  // Both open the FAQ at the same revision.
  await page.goto("/studio/faq");
  await other.goto("/studio/faq");
  await expect(saveStatus(page)).toHaveText(/^Saved/);
  await expect(saveStatus(other)).toHaveText(/^Saved/);

  await appendToBody(page, `\nThe admin's answer ${run}.\n`);
  await expect(saveStatus(page)).toHaveText("Saved (draft)", { timeout: 30_000 });

  await appendToBody(other, `\nThe other editor's answer ${run}.\n`);
  await expect(saveStatus(other)).toHaveText("Conflict: not saved", { timeout: 30_000 });
  const conflict = other.getByRole("region", { name: "Someone else saved this document first" });
  await expect(conflict).toContainText(ADMIN);
  const diff = other.getByTestId("conflict-diff");
  // Word by word, from the saved text to theirs.
  await expect(diff.locator("ins").filter({ hasText: "other editor" })).toHaveCount(1);
  await expect(diff.locator("del").filter({ hasText: "admin" })).toHaveCount(1);
  await expect(diff).toContainText(`answer ${run}.`);
  await expect(await bodyEnd(other)).toContainText(`The other editor's answer ${run}.`);

  // A reload loses nothing: the unsaved text comes back from this browser, and the conflict with it.
  await other.reload();
  await expect(other.getByTestId("restored-notice")).toBeVisible();
  await expect(await bodyEnd(other)).toContainText(`The other editor's answer ${run}.`);
  await expect(saveStatus(other)).toHaveText("Conflict: not saved", { timeout: 30_000 });

  // Keeping it saves it over the newer revision, knowingly.
  await other.getByRole("button", { name: "Keep my text (save over theirs)" }).click();
  await expect(saveStatus(other)).toHaveText("Saved (draft)", { timeout: 30_000 });
  await other.reload();
  await expect(other.getByTestId("restored-notice")).toHaveCount(0);
  await expect(await bodyEnd(other)).toContainText(`The other editor's answer ${run}.`);
  await expect(await bodyEnd(other)).not.toContainText(`The admin's answer ${run}.`);

  // Unsafe MDX is named with its line and never runs; then the draft is discarded, leaving the FAQ as published.
  let dialogs = 0;
  other.on("dialog", (dialog) => {
    dialogs += 1;
    void dialog.dismiss();
  });
  await appendToBody(other, `\n<script>alert("studio")</script>\n`);
  const problems = other.getByRole("alert").filter({ hasText: /stops? this text from being previewed or published/ });
  await expect(problems).toContainText(/script/i, { timeout: 30_000 });
  await expect(problems.getByRole("button", { name: /^Line \d+/ }).first()).toBeVisible();
  await expect(saveStatus(other)).toHaveText("Saved (draft)", { timeout: 30_000 });
  await other.getByText("Discard the draft…").click();
  await other.getByRole("button", { name: "Discard the draft" }).click();
  await expect(other.getByRole("main").getByRole("status").filter({ hasText: "The draft was discarded" })).toBeVisible({ timeout: 30_000 });
  await expect(saveStatus(other)).toHaveText("Saved (no draft: this is the published text)");
  expect(dialogs).toBe(0);
});

test("axe finds no violations in the studio and the editor, light and dark; both fit a phone; Tab leaves the editor", async ({ browser }) => {
  test.setTimeout(180_000);
  const page = await asAdmin(browser);
  for (const scheme of ["light", "dark"] as const) {
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.emulateMedia({ colorScheme: scheme });
    await page.goto("/studio");
    await expectNoViolations(page, `/studio (${scheme})`);
    await page.goto("/studio/principle-defence-not-offence");
    await expect(page.getByTestId("studio-preview")).toBeVisible({ timeout: 30_000 });
    await expectNoViolations(page, `/studio/principle-defence-not-offence (${scheme})`);
    // The keyboard can leave the editor with Tab: it is not a trap.
    await bodyEditor(page).click();
    await page.keyboard.press("Tab");
    await expect(bodyEditor(page)).not.toBeFocused();
    await page.setViewportSize({ width: 360, height: 740 });
    await fitsSmallPhone(page, `editor on a phone (${scheme})`);
    await page.goto("/studio");
    await fitsSmallPhone(page, `/studio on a phone (${scheme})`);
  }
});
