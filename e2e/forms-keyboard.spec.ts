import { type Locator, type Page, expect, test } from "@playwright/test";
import { signIn } from "./services";

/*
 * Forms that never surprise anyone (issue 18, points 1, 2, 3 and 7): every limited field counts as
 * the server does (a line break is one character) and keeps a paste over its limit, flagged until
 * shortened; a refused submit puts focus on one error summary at the top of the form whose links
 * move focus to each field; a success puts it on the message that says what happened; and the
 * directory's pages and live search keep a keyboard user where they were going.
 */

/** Presses Tab until `target` has focus, as a keyboard user walks a page. */
async function tabTo(page: Page, target: Locator, limit = 80) {
  for (let i = 0; i < limit; i++) {
    await page.keyboard.press("Tab");
    if (await target.evaluate((element) => element === document.activeElement).catch(() => false)) return;
  }
  throw new Error(`Tab never reached ${target}`);
}

const summary = (page: Page) => page.locator("[data-error-summary]");

/** `count` characters as the browser counts them, in paragraphs: typed with Enter, sent as CR LF. */
function paragraphs(count: number): string {
  const third = Math.floor((count - 4) / 3);
  return ["a".repeat(third), "b".repeat(third), "c".repeat(count - 4 - 2 * third)].join("\n\n");
}

const number = (n: number) => n.toLocaleString("en-GB");

/**
 * The field's limit, in Chromium: text typed up to the limit is fine; one more character typed, or
 * a paste over the limit, is kept whole and flagged with the server's own message and the counter
 * until it is shortened. Leaves the field exactly at its limit.
 */
async function checkLimit(page: Page, field: Locator, max: number, multiline = false) {
  const id = (await field.getAttribute("id"))!;
  const counter = page.locator(`[id="${id}-count"]`);
  const error = page.locator(`[id="${id}-error"]`);
  const atLimit = multiline ? paragraphs(max) : "x".repeat(max);
  await field.fill(atLimit.slice(0, -1));
  await field.press("End");
  await page.keyboard.type(atLimit.slice(-1));
  await expect(counter).toHaveText(`${number(max)} / ${number(max)} characters`);
  await expect(field).not.toHaveAttribute("aria-invalid", "true");

  // One more typed character is kept, not refused by the browser, and flagged.
  await page.keyboard.type("z");
  await expect(field).toHaveValue(`${atLimit}z`);
  await expect(field).toHaveAttribute("aria-invalid", "true");
  await expect(error).toHaveText(`is too long: ${number(max + 1)} characters, the limit is ${number(max)} (remove 1)`);
  await page.keyboard.press("Backspace");
  await expect(field).not.toHaveAttribute("aria-invalid", "true");
  await expect(error).toHaveCount(0);

  // A paste ten over the limit is kept whole (no silent cut) and flagged until shortened.
  const pasted = `${atLimit}0123456789`;
  await page.keyboard.press("ControlOrMeta+A");
  await page.keyboard.insertText(pasted);
  await expect(field).toHaveValue(pasted);
  await expect(counter).toContainText(`${number(max + 10)} / ${number(max)} characters (10 too many)`);
  await expect(error).toContainText("(remove 10)");
  for (let i = 0; i < 10; i++) await page.keyboard.press("Backspace");
  await expect(field).toHaveValue(atLimit);
  await expect(field).not.toHaveAttribute("aria-invalid", "true");
}

test("keyboard alone: sign in, register, sign and add a commitment; focus lands on the summary or the outcome after every submit", async ({ page }) => {
  test.setTimeout(120_000);
  const email = "rep@keyboard-e2e.test";

  // Sign-in: an empty submit puts focus on the summary, whose link leads back to the field.
  await page.goto("/sign-in?callbackUrl=%2Fdashboard");
  await tabTo(page, page.getByRole("button", { name: "Email me a sign-in link" }));
  await page.keyboard.press("Enter");
  await expect(summary(page)).toBeFocused();
  await expect(summary(page)).toContainText("Work email");
  await page.keyboard.press("Tab");
  await expect(summary(page).getByRole("link")).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(page.getByLabel("Work email")).toBeFocused();
  await signIn(page, email);

  // Registration: the summary names each missing field, in words, at the top of the form.
  await tabTo(page, page.getByRole("link", { name: "Register an organisation" }));
  await page.keyboard.press("Enter");
  await expect(page.getByRole("heading", { level: 1 })).toContainText(/Register/);
  await tabTo(page, page.getByRole("button", { name: "Register organisation" }));
  await page.keyboard.press("Enter");
  await expect(summary(page)).toBeFocused();
  await expect(summary(page)).toContainText(/legal name/i);
  await expect(summary(page)).toContainText("Choose a country");
  await expect(summary(page)).toContainText("Choose a sector");
  await expect(summary(page)).not.toContainText("Please correct the highlighted fields");
  await page.keyboard.press("Tab");
  await page.keyboard.press("Enter");
  await expect(page.getByLabel("Legal name")).toBeFocused();
  await checkLimit(page, page.getByLabel("Legal name"), 200);
  await page.getByLabel("Legal name").fill("Keyboard Walk Ltd");
  await checkLimit(page, page.getByLabel("Display name"), 120);
  await page.getByLabel("Display name").fill("Keyboard Walk");
  await page.getByLabel("Website").fill("http://keyboard-e2e.test");
  await tabTo(page, page.getByLabel("Country"));
  await page.keyboard.type("Kenya");
  await expect(page.getByLabel("Country")).toHaveValue("KE");
  await page.keyboard.press("Tab");
  await page.keyboard.type("Software");
  await expect(page.getByLabel("Sector")).toHaveValue("software");
  // The headline case: 1,000 characters in three paragraphs, which the server used to count as 1,004.
  await checkLimit(page, page.getByLabel("Short description"), 1000, true);
  await tabTo(page, page.getByRole("button", { name: "Register organisation" }));
  await page.keyboard.press("Enter");
  await expect(summary(page)).toBeFocused();
  await expect(summary(page)).toContainText("Website must start with https://, not http://");
  await expect(page.getByLabel("Short description")).toHaveValue(paragraphs(1000));
  await page.keyboard.press("Tab");
  await page.keyboard.press("Enter");
  await expect(page.getByLabel("Website")).toBeFocused();
  await page.keyboard.press("ControlOrMeta+A");
  await page.keyboard.type("https://keyboard-e2e.test");
  await page.keyboard.press("Enter");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Keyboard Walk");
  await tabTo(page, page.getByRole("button", { name: "Verify with my email" }));
  await page.keyboard.press("Enter");
  await expect(page.getByRole("status").filter({ hasText: "Keyboard Walk is verified" })).toBeFocused();

  // Signing: the boxes are required; one left unticked is named in the summary, whose link reaches it.
  await page.goto("/sign");
  const boxes = page.getByRole("checkbox");
  const count = await boxes.count();
  for (let i = 0; i < count; i++) await expect(boxes.nth(i)).toHaveAttribute("required", "");
  await tabTo(page, page.getByLabel("Your full name"));
  await page.keyboard.type("Kamau Keyboard");
  await checkLimit(page, page.getByLabel("Your job title"), 200);
  await page.getByLabel("Your job title").fill("Chief Executive Officer");
  for (let i = 1; i < count; i++) {
    await tabTo(page, boxes.nth(i));
    await page.keyboard.press("Space");
  }
  await tabTo(page, page.getByRole("button", { name: /^Sign version \d+ for Keyboard Walk$/ }));
  await page.keyboard.press("Enter");
  await expect(summary(page)).toBeFocused();
  await expect(page.getByLabel("Your job title")).toHaveValue("Chief Executive Officer");
  await page.keyboard.press("Tab");
  await page.keyboard.press("Enter");
  await expect(boxes.first()).toBeFocused();
  await page.keyboard.press("Space");
  await tabTo(page, page.getByRole("button", { name: /^Sign version \d+ for Keyboard Walk$/ }));
  await page.keyboard.press("Enter");
  await expect(page.getByRole("status").filter({ hasText: "The signature is recorded" })).toBeFocused();

  // A commitment: refused, then added; focus on the summary, then on the outcome.
  await page.goto("/dashboard/organisations/keyboard-walk");
  const add = page.getByRole("button", { name: "Add commitment" });
  await tabTo(page, add, 200);
  await page.keyboard.press("Enter");
  await expect(summary(page)).toBeFocused();
  await expect(summary(page)).toContainText("Choose a principle");
  await page.keyboard.press("Tab");
  await page.keyboard.press("Enter");
  await expect(page.locator("#new-commitment-principle")).toBeFocused();
  await page.keyboard.press("ArrowDown");
  await expect(page.locator("#new-commitment-principle")).not.toHaveValue("");
  await checkLimit(page, page.locator("#new-commitment-title"), 120);
  await checkLimit(page, page.locator("#new-commitment-description"), 2000, true);
  await page.locator("#new-commitment-title").fill("Patch every customer on the same day");
  await page.locator("#new-commitment-evidenceLinks").fill(`https://keyboard-e2e.test/${"p".repeat(500)}`);
  await tabTo(page, add);
  await page.keyboard.press("Enter");
  await expect(summary(page)).toBeFocused();
  // An overlong link is refused for its length, not as "not an https:// address".
  await expect(summary(page)).toContainText("Evidence links line 1 is too long: 526 characters, the limit is 500 per link");
  await page.locator("#new-commitment-evidenceLinks").fill("https://keyboard-e2e.test/policy");
  await tabTo(page, add);
  await page.keyboard.press("Enter");
  await expect(page.getByRole("status").filter({ hasText: "Added “Patch every customer on the same day”" })).toBeFocused();
  // The form empties for the next one, and the counter follows.
  await expect(page.locator("#new-commitment-title")).toHaveValue("");
  await expect(page.locator("#new-commitment-description-count")).toHaveText("0 / 2,000 characters");

  // The report's narrative and a commitment's note count and flag the same way.
  await page.goto("/dashboard/organisations/keyboard-walk/reports/new");
  await checkLimit(page, page.getByLabel("Narrative"), 10000, true);
  await checkLimit(page, page.getByLabel("Note").first(), 1000, true);

  // The withdrawal reason at its limit in paragraphs is accepted as the counter says.
  await page.goto("/dashboard/organisations/keyboard-walk");
  await page.getByText("Withdraw the signature…").click();
  const reason = page.getByLabel("Public reason for withdrawing");
  await checkLimit(page, reason, 1000, true);
  await page.getByRole("button", { name: "Withdraw the signature" }).press("Enter");
  await expect(page.getByRole("status").filter({ hasText: "The signature is withdrawn." })).toBeFocused();
});

test("keyboard alone in the directory: Next → lands on the results heading and announces the new range", async ({ page }) => {
  await page.goto("/signatories");
  await expect(page.getByRole("search")).toHaveAttribute("data-enhanced", "true");
  const heading = page.getByRole("main").getByRole("heading", { level: 2 }).first();
  await tabTo(page, page.getByRole("link", { name: "Next →" }), 120);
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/page=2/);
  await expect(heading).toBeFocused();
  await expect(page.locator("[data-results-announcement]")).toContainText("Showing 21–");
  await expect(page.locator("[data-results-announcement]")).toContainText("Page 2 of");
  // The next Tab reaches the first of the new results, not the top of the page.
  await page.keyboard.press("Tab");
  await expect(page.getByRole("list", { name: "Signatories" }).getByRole("link").first()).toBeFocused();
  await tabTo(page, page.getByRole("link", { name: "← Previous" }), 120);
  await page.keyboard.press("Enter");
  await expect(page).not.toHaveURL(/page=2/);
  await expect(heading).toBeFocused();
  await expect(page.locator("[data-results-announcement]")).toContainText("Showing 1–20");
});

test("a result clicked while the live search waits for the typing pause wins: the search does not take the click back", async ({ page }) => {
  await page.clock.install();
  await page.goto("/signatories");
  await expect(page.getByRole("search")).toHaveAttribute("data-enhanced", "true");
  const first = page.getByRole("list", { name: "Signatories" }).getByRole("link").first();
  const name = (await first.textContent())!;
  const profile = (await first.getAttribute("href"))!;
  // Timers stand still: the search's pause cannot end before the click, however busy the machine.
  await page.clock.pauseAt(Date.now() + 60_000);
  await page.getByLabel("Search by name or domain").pressSequentially("zz");
  await first.click();
  // Now let any pending search run: it must not replace the page the reader chose.
  await page.clock.resume();
  await page.clock.runFor(2_000);
  await expect(page).toHaveURL(profile);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(name);
  await page.clock.runFor(2_000);
  await expect(page).toHaveURL(profile);
});

test("a moderator's note counts line breaks as one and keeps a paste over its limit, flagged", async ({ page, browser }) => {
  await signIn(page, "founder.keyboard@gmail.com");
  await page.goto("/dashboard/organisations/new");
  await page.getByLabel("Legal name").fill("Keyboard Moderated Ltd");
  await page.getByLabel("Display name").fill("Keyboard Moderated");
  await page.getByLabel("Primary domain").fill("keyboard-moderated-e2e.test");
  await page.getByLabel("Country").selectOption("DE");
  await page.getByLabel("Sector").selectOption("software");
  await page.getByRole("button", { name: "Register organisation" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Keyboard Moderated");

  const admin = await (await browser.newContext()).newPage();
  await signIn(admin, "keyboard.moderator@registry.test", "/admin");
  const item = admin.getByRole("listitem").filter({ hasText: "Keyboard Moderated" });
  await checkLimit(admin, item.getByLabel("Reason (shown to the registrants)"), 1000, true);
  await item.getByLabel("Note (public, how you checked)").fill("ok");
  await item.getByRole("button", { name: "Approve" }).click();
  const itemSummary = item.locator("[data-error-summary]");
  await expect(itemSummary).toBeFocused();
  await expect(itemSummary).toContainText("Note (public, how you checked) must be at least 3 characters");
});
