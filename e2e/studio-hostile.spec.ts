import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { expect, type Page, test } from "@playwright/test";
import { type OwnRegistry, signInOn, startOwnRegistry } from "./own-registry";

/*
 * The hostile MDX corpus (tests/fixtures/hostile-mdx, also checked document by document in the
 * unit tests) typed into the studio's editor in Chromium: each document whose attack is in the
 * text is refused on its line, with its reason, and nothing in it runs in the browser. The
 * documents whose attack is in the frontmatter cannot be typed here (the studio edits frontmatter
 * as form fields), and the whole-document size limits count frontmatter lines the studio writes
 * its own way: the unit tests cover those.
 *
 * A registry of its own, so the drafts and the admin's sign-in links never touch the shared one.
 */

const ROOT = path.resolve(import.meta.dirname, "..");
const CORPUS = path.join(ROOT, "tests", "fixtures", "hostile-mdx");
const ADMIN = "hostile-admin@registry.test";
const expected = JSON.parse(fs.readFileSync(path.join(CORPUS, "expected.json"), "utf8")) as Record<string, { line: number; reason: string }>;

type Case = { file: string; body: string; bodyLine: number; reason: string };

/** The corpus documents whose attack lies below standard frontmatter, as the editor's text and the line within it. */
function typeableCases(): Case[] {
  const cases: Case[] = [];
  for (const [file, want] of Object.entries(expected).sort(([a], [b]) => a.localeCompare(b))) {
    const source = fs.readFileSync(path.join(CORPUS, file), "utf8");
    const frontmatter = /^---\n[\s\S]*?\n---\n/.exec(source)?.[0];
    // Limits on the whole document's size count the frontmatter too, which the studio writes its own way.
    if (!frontmatter || want.reason.startsWith("The document has")) continue;
    const frontmatterLines = frontmatter.split("\n").length - 1;
    if (want.line <= frontmatterLines) continue;
    cases.push({ file, body: source.slice(frontmatter.length), bodyLine: want.line - frontmatterLines, reason: want.reason });
  }
  return cases;
}

let server: OwnRegistry;

test.beforeAll(async ({}, testInfo) => {
  testInfo.setTimeout(240_000);
  server = await startOwnRegistry({
    dataDir: fs.mkdtempSync(path.join(os.tmpdir(), "studio-hostile-")),
    env: { ADMIN_EMAILS: ADMIN, DEMO_ORGANISATIONS: "3", SMTP_URL: "", DNS_SERVERS: "", DATABASE_URL: "" },
  });
});

test.afterAll(async () => {
  if (!server) return;
  await server.stop();
  fs.rmSync(server.dataDir, { recursive: true, force: true });
});

const bodyEditor = (page: Page) => page.getByRole("textbox", { name: "Text (MDX)" });

/** Replaces the editor's whole text, as a paste would. */
async function replaceBody(page: Page, text: string) {
  await bodyEditor(page).click();
  await page.keyboard.press("ControlOrMeta+A");
  await page.keyboard.insertText(text);
}

test("every hostile document typed into the editor is refused on its line with its reason, and none runs", async ({ browser }) => {
  const cases = typeableCases();
  expect(cases.length).toBeGreaterThanOrEqual(30);
  test.setTimeout(120_000 + cases.length * 8_000);
  const page = await signInOn(server, browser, ADMIN, "/studio");
  const dialogs: string[] = [];
  page.on("dialog", (dialog) => {
    dialogs.push(dialog.message());
    void dialog.dismiss();
  });
  await page.goto("/studio/about");
  const problems = page.getByRole("alert").filter({ hasText: "this text from being previewed or published" });

  for (const { file, body, bodyLine, reason } of cases) {
    // A harmless text first, so each refusal below is the answer to this document, not the last one.
    await replaceBody(page, `Checking ${file}.\n`);
    await expect(problems, file).toHaveCount(0);
    await expect(page.getByTestId("studio-preview"), file).toContainText(`Checking ${file}.`);
    await replaceBody(page, body);
    const problem = problems
      .getByRole("listitem")
      .filter({ hasText: reason })
      .filter({ has: page.getByRole("button", { name: new RegExp(`^Line ${bodyLine}(, column \\d+)?$`) }) });
    await expect(problem.first(), `${file}: line ${bodyLine}, "${reason}"`).toBeVisible();
  }

  // The last document is saved as a draft like any text, but it cannot be published.
  await expect(page.getByTestId("save-status")).toHaveText("Saved (draft)", { timeout: 30_000 });
  const publish = page.locator("form").filter({ has: page.getByRole("button", { name: "Publish", exact: true }) });
  await publish.getByLabel("Changelog").fill("Try to publish a hostile document.");
  await publish.getByRole("button", { name: "Publish", exact: true }).click();
  const last = cases.at(-1)!;
  await expect(page.getByRole("main")).toContainText(`The draft cannot be published until it is fixed: line ${last.bodyLine}`, { timeout: 30_000 });

  // Nothing any of them tried ran in this page.
  expect(await page.evaluate(() => (globalThis as { __pwned?: unknown }).__pwned)).toBeUndefined();
  expect(dialogs).toEqual([]);
});
