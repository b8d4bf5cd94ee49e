import os from "node:os";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { verifyLedger } from "./own-registry";
import { emailMark, signIn, waitForEmail } from "./services";

/** `npm run verify-ledger` against the server under test, with a state file kept across calls; its output once it passed. */
async function verifiedLedger(state: string) {
  const run = await verifyLedger(process.env.E2E_BASE_URL ?? "http://localhost:3000", "--state", state);
  expect(run.code, run.stdout + run.stderr).toBe(0);
  return run.stdout;
}

test("a representative signs, commits, reports and withdraws; the profile and the log show each step", async ({ page }) => {
  test.setTimeout(180_000);
  const state = path.join(os.tmpdir(), `journey-${process.pid}-${Date.now()}.json`);
  await verifiedLedger(state);

  // Sign in and prove the domain by work email.
  await signIn(page, "ceo@journey-e2e.test");
  await page.getByRole("link", { name: "Register an organisation" }).click();
  await page.getByLabel("Legal name").fill("Journey Systems Ltd");
  await page.getByLabel("Display name").fill("Journey Systems");
  await page.getByLabel("Country").selectOption("KE");
  await page.getByLabel("Sector").selectOption("software");
  await page.getByRole("button", { name: "Register organisation" }).click();
  await page.getByRole("button", { name: "Verify with my email" }).click();
  await expect(page.getByRole("main").getByRole("status")).toContainText("Journey Systems is verified");

  // Sign: a missing affirmation is refused beside its box and keeps the typed values.
  await page.goto("/sign");
  await expect(page.getByText(/[0-9a-f]{64}/).first()).toBeVisible();
  await page.getByLabel("Your full name").fill("Wanjiru Journey");
  await page.getByLabel("Your job title").fill("Chief Executive Officer");
  const affirmations = page.getByLabel(/^I affirm: /);
  const count = await affirmations.count();
  expect(count).toBeGreaterThanOrEqual(6);
  for (let i = 0; i < count - 1; i++) await affirmations.nth(i).check();
  await page.getByLabel(/I am authorised to sign for Journey Systems/).check();
  await page.getByRole("button", { name: /^Sign version \d+ for Journey Systems$/ }).click();
  await expect(page.getByRole("main").getByRole("alert").first()).toContainText(/Affirm|affirm/);
  await expect(page.getByLabel("Your full name")).toHaveValue("Wanjiru Journey");
  for (let i = 0; i < count; i++)
    await page
      .getByLabel(/^I affirm: /)
      .nth(i)
      .check();
  await page.getByLabel(/I am authorised to sign for Journey Systems/).check();
  const mark = await emailMark();
  await page.getByRole("button", { name: /^Sign version \d+ for Journey Systems$/ }).click();
  await expect(page.getByRole("heading", { level: 1 })).toContainText("Journey Systems signed version");
  const signedEntry = await page
    .getByRole("link", { name: /entry|#\d+/i })
    .first()
    .getAttribute("href");
  expect(signedEntry).toMatch(/^\/ledger\/entries\/\d+$/);
  expect((await waitForEmail("ceo@journey-e2e.test", mark)).text).toContain("Journey Systems");
  const profile = "/signatories/journey-systems";
  await page.goto(profile);
  await expect(page.getByRole("main")).toContainText("Wanjiru Journey");
  await page.goto(signedEntry!);
  await expect(page.getByRole("main")).toContainText("Journey Systems signed version");
  expect(await verifiedLedger(state)).toMatch(/^OK .*consistent with the \d+ entries seen before/);

  // The dashboard lists the mail the registry sent about the organisation (the owner sees to whom).
  await expect(async () => {
    await page.goto("/dashboard/organisations/journey-systems");
    const sent = page
      .getByRole("region", { name: "Notifications" })
      .getByRole("row")
      .filter({ hasText: /Journey Systems signed version \d+ of the accord/ });
    await expect(sent.first()).toContainText("ceo@journey-e2e.test", { timeout: 1_000 });
    await expect(sent.first()).toContainText("Sent", { timeout: 1_000 });
  }).toPass({ timeout: 15_000 });

  // A commitment under a principle.
  await page.goto("/dashboard/organisations/journey-systems");
  await page.getByLabel("Principle").selectOption({ index: 1 });
  await page.getByLabel("Title").fill("Patch every customer on the same day");
  await page.getByLabel("Description").fill("Fixes ship to every market at once.");
  await page.getByLabel("Status").first().selectOption("in_progress");
  await page.getByLabel("Evidence links").fill("http://insecure.example/policy");
  await page.getByRole("button", { name: "Add commitment" }).click();
  await expect(page.locator("[id$=evidenceLinks-error]")).toContainText("https://");
  await page.getByLabel("Evidence links").fill("https://journey-e2e.test/patch-policy");
  await page.getByRole("button", { name: "Add commitment" }).click();
  await expect(page.getByText("Patch every customer on the same day").first()).toBeVisible();
  await page.goto(profile);
  await expect(page.getByRole("main")).toContainText("Patch every customer on the same day");
  await expect(page.getByRole("link", { name: /journey-e2e\.test\/patch-policy/ })).toHaveAttribute("rel", /nofollow/);
  await page.goto("/ledger");
  await expect(page.getByRole("region", { name: "Newest entries" })).toContainText("Journey Systems registered a commitment");

  // This year's progress report.
  await page.goto("/dashboard/organisations/journey-systems/reports/new");
  await page.getByLabel("Narrative").fill("We shipped every security fix to all markets on the same day this year, and published the policy.");
  await page.getByLabel("Status").first().selectOption("achieved");
  await page.getByRole("button", { name: "Publish report" }).click();
  await expect(page).toHaveURL(/\/signatories\/journey-systems\/reports\/\d{4}$/);
  await expect(page.getByRole("main")).toContainText("We shipped every security fix");
  await page.goto("/ledger");
  await expect(page.getByRole("region", { name: "Newest entries" })).toContainText("Journey Systems published its progress report");

  // Withdrawal, with a public reason.
  await page.goto("/dashboard/organisations/journey-systems");
  await page.getByText("Withdraw the signature…").click();
  await page.getByLabel("Public reason for withdrawing").fill("too short");
  await page.getByRole("button", { name: "Withdraw the signature" }).click();
  await expect(page.locator("[id$=reason-error]")).toContainText("at least 20");
  await page.getByLabel("Public reason for withdrawing").fill("We are merging with another company and will sign again as the new group.");
  await page.getByRole("button", { name: "Withdraw the signature" }).click();
  await expect(page.getByText("The signature is withdrawn.")).toBeVisible();
  await page.goto(profile);
  await expect(page.getByRole("main")).toContainText("We are merging with another company");
  await page.goto("/ledger");
  await expect(page.getByRole("region", { name: "Newest entries" })).toContainText("Journey Systems withdrew its signature");
  expect(await verifiedLedger(state)).toMatch(/^OK .*consistent with the \d+ entries seen before/);
});
