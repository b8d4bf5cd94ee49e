import { createHash } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { type Browser, expect, type Page, test } from "@playwright/test";
import { type OwnRegistry, signInOn, startOwnRegistry, verifyLedger } from "./own-registry";

/*
 * The two-person rule needs REQUIRE_REVIEW=true, which a registry reads when it starts, and the
 * shared e2e server runs without it (other specs publish nothing, but must not be asked to wait
 * for reviews either). So this spec starts a registry of its own, from the same production build,
 * with REQUIRE_REVIEW=true, three demo organisations and no SMTP: in demo mode its mail goes to the
 * dev outbox in its data directory, where the spec reads the sign-in links. Its publications never
 * touch the shared server.
 */

const ADMIN = "admin@registry.test";
const REVIEWER = `studio-reviewer-${Date.now().toString(36)}@registry.test`;
const REGISTRY_ENV = { REQUIRE_REVIEW: "true", ADMIN_EMAILS: ADMIN, DEMO_ORGANISATIONS: "3", SMTP_URL: "", DNS_SERVERS: "", DATABASE_URL: "" };
let server: OwnRegistry;

test.describe.configure({ mode: "default" });

test.beforeAll(async ({}, testInfo) => {
  testInfo.setTimeout(240_000);
  server = await startOwnRegistry({ dataDir: fs.mkdtempSync(path.join(os.tmpdir(), "studio-review-")), env: REGISTRY_ENV });
});

test.afterAll(async () => {
  if (!server) return;
  await server.stop();
  fs.rmSync(server.dataDir, { recursive: true, force: true });
});

const signIn = (browser: Browser, email: string, returnTo: string) => signInOn(server, browser, email, returnTo);

const saveStatus = (page: Page) => page.getByTestId("save-status");

async function appendToBody(page: Page, text: string) {
  await page.getByRole("textbox", { name: "Text (MDX)" }).click();
  await page.keyboard.press("ControlOrMeta+End");
  await page.keyboard.type(text);
  await expect(saveStatus(page)).toHaveText("Saved (draft)", { timeout: 30_000 });
}

async function requestReview(page: Page, changelog: string) {
  const form = page.getByRole("region", { name: "Request review" });
  await form.getByLabel("Changelog").fill(changelog);
  await form.getByRole("button", { name: "Request review" }).click();
  await expect(page.getByRole("main").getByRole("status").filter({ hasText: "Review requested" })).toBeVisible({ timeout: 30_000 });
}

test("with review required, a second editor sends a change back, then approves it; the requester cannot approve their own", async ({ browser }) => {
  test.setTimeout(240_000);
  const document = "/studio/principle-accountability";
  const admin = await signIn(browser, ADMIN, "/studio");
  await expect(admin.getByText("This registry requires review")).toBeVisible();

  // The requester writes the change; there is no way to publish it directly.
  await admin.goto(document);
  await appendToBody(admin, "\nSignatories answer questions about their reports in public.\n");
  await expect(admin.getByRole("button", { name: "Publish", exact: true })).toHaveCount(0);
  await requestReview(admin, "Ask signatories to answer questions about their reports.");
  await expect(admin.getByText("Awaiting review", { exact: true }).first()).toBeVisible();
  await expect(admin.getByText("You asked for this review: a different editor must approve it (two-person rule).")).toBeVisible();
  await expect(admin.getByRole("button", { name: "Approve and publish" })).toHaveCount(0);

  // A second editor, made one by the admin.
  const reviewer = await signIn(browser, REVIEWER, "/dashboard");
  await admin.goto(`/admin?q=${encodeURIComponent(REVIEWER)}`);
  const person = admin.getByRole("listitem").filter({ hasText: REVIEWER });
  await person.getByLabel("Role").selectOption("editor");
  await person.getByRole("button", { name: "Change role" }).click();
  await expect(person.getByRole("status")).toContainText(`${REVIEWER} is now editor.`);

  // The reviewer sends it back with a comment.
  await reviewer.goto("/studio");
  const listed = reviewer.getByRole("list", { name: "Documents" }).getByRole("listitem").filter({ hasText: "Accountability and public scrutiny" });
  await expect(listed).toContainText("Awaiting review");
  await listed.getByRole("link").click();
  await expect(reviewer.getByRole("region", { name: "Awaiting review" })).toContainText("Ask signatories to answer questions about their reports.");
  await reviewer.getByText("Send it back with a comment…").click();
  await reviewer.getByLabel("Comment for the author").fill("Say within how many days they answer.");
  await reviewer.getByRole("button", { name: "Send back" }).click();
  await expect(reviewer.getByRole("main").getByRole("status").filter({ hasText: "Sent back" })).toBeVisible({ timeout: 30_000 });

  // The author sees why, revises and asks again.
  await admin.goto(document);
  await expect(admin.getByRole("blockquote").filter({ hasText: "Say within how many days they answer." })).toBeVisible();
  await appendToBody(admin, "They answer within thirty days.\n");
  await requestReview(admin, "Ask signatories to answer questions about their reports within thirty days.");

  // Nothing is public until the second editor approves; then it is version 2, in the ledger.
  expect(await (await admin.request.get("/accord/principles/accountability")).text()).not.toContain("within thirty days");
  await reviewer.goto(document);
  await reviewer.getByRole("button", { name: "Approve and publish" }).click();
  const notice = reviewer.getByRole("main").getByRole("status").filter({ hasText: "Published." });
  await expect(notice).toBeVisible({ timeout: 30_000 });
  await expect(notice.getByRole("link", { name: "version 2 of the accord" })).toBeVisible();

  await reviewer.goto("/accord/principles/accountability");
  await expect(reviewer.getByRole("article")).toContainText("They answer within thirty days.");
  await reviewer.goto("/accord/versions");
  await expect(reviewer.getByRole("article", { name: "Version 2" })).toContainText("within thirty days");
  await reviewer.goto("/ledger");
  const logged = reviewer.getByRole("region", { name: "Newest entries" }).getByRole("listitem").filter({ hasText: "Version 2 of the accord was published." });
  await expect(logged).toHaveCount(1);

  // The logged hash is the SHA-256 of the published snapshot's exact bytes, and the whole log,
  // version 2 included, passes `npm run verify-ledger`.
  const index = Number((await logged.getByRole("link").getAttribute("href"))?.split("/").at(-1));
  const entry = (await (await reviewer.request.get(`/api/v1/ledger/entries/${index}`)).json()) as {
    event: { kind: string; version: number; contentHash: string; changelog: string };
  };
  expect(entry.event).toMatchObject({
    kind: "accord.published",
    version: 2,
    changelog: "Ask signatories to answer questions about their reports within thirty days.",
  });
  const snapshot = await (await reviewer.request.get("/accord/versions/2/snapshot.json")).body();
  expect(createHash("sha256").update(snapshot).digest("hex")).toBe(entry.event.contentHash);
  const verified = await verifyLedger(server.url, "--state", path.join(server.dataDir, "verify-ledger-state.json"), "--quiet");
  expect(verified.stdout + verified.stderr).toMatch(/^OK localhost:3000\/ledger: (\d+) entries, /);
  expect(Number(/: (\d+) entries,/.exec(verified.stdout)?.[1])).toBeGreaterThan(index);
  expect(verified.code).toBe(0);

  // The history names both people.
  await reviewer.goto(document);
  await expect(reviewer.getByRole("region", { name: "Studio activity" })).toContainText("approved and published");
  await expect(reviewer.getByRole("region", { name: "Studio activity" })).toContainText("sent it back");
});

test("after a restart the public pages still show the published text, not the shipped content/ the build rendered", async ({ request }) => {
  test.setTimeout(240_000);
  const principle = "/accord/principles/accountability";
  expect(await (await request.get(`${server.url}${principle}`)).text()).toContain("within thirty days");
  await server.stop();
  server = await startOwnRegistry({ dataDir: server.dataDir, env: REGISTRY_ENV });
  for (const path of [principle, "/accord"]) {
    const response = await request.get(`${server.url}${path}`);
    expect(response.status(), path).toBe(200);
    expect(await response.text(), path).toContain("They answer within thirty days.");
  }
});
