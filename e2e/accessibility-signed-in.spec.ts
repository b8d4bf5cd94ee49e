import { expect, test } from "@playwright/test";
import { signIn } from "./services";
import { expectNoViolations, fitsSmallPhone } from "./page-checks";

for (const scheme of ["light", "dark"] as const) {
  test(`axe finds no violations on the sign-in pages (${scheme})`, async ({ page }) => {
    await page.emulateMedia({ colorScheme: scheme });
    for (const path of ["/sign-in", "/sign-in/check-email", "/sign-in/error?error=Verification", "/sign-in/error?error=Nonsense"]) {
      await page.goto(path);
      await expectNoViolations(page, path);
    }
    await page.goto("/sign-in");
    await page.getByLabel("Work email").fill("not-an-email");
    await page.getByRole("button", { name: "Email me a sign-in link" }).click();
    await expect(page.locator("#email-error")).toBeVisible();
    await expectNoViolations(page, "/sign-in with an error");
  });

  test(`axe finds no violations on the dashboard, an organisation and moderation (${scheme})`, async ({ page }) => {
    await page.emulateMedia({ colorScheme: scheme });
    await signIn(page, `a11y-${scheme}@registry.test`);
    await expectNoViolations(page, "/dashboard");
    await page.goto("/dashboard/organisations/new");
    await expectNoViolations(page, "/dashboard/organisations/new");
    await page.getByRole("button", { name: "Register organisation" }).click();
    await expect(page.locator("#legalName-error")).toBeVisible();
    await expectNoViolations(page, "/dashboard/organisations/new with errors");
    await page.setViewportSize({ width: 360, height: 740 });
    await fitsSmallPhone(page, "registration form on a phone");
  });
}

test("the moderation page and a pending organisation pass axe and fit a phone", async ({ page, browser }) => {
  // Two sign-ins, a registration and four axe runs over the longest signed-in page.
  test.setTimeout(60_000);
  await signIn(page, "a11y-founder@gmail.com");
  await page.goto("/dashboard/organisations/new");
  await page.getByLabel("Legal name").fill("Accessible Org Ltd");
  await page.getByLabel("Display name").fill("Accessible Org");
  await page.getByLabel("Primary domain").fill("accessible-e2e.test");
  await page.getByLabel("Country").selectOption("FR");
  await page.getByLabel("Sector").selectOption("software");
  await page.getByRole("button", { name: "Register organisation" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Accessible Org");
  await expectNoViolations(page, "pending organisation");
  await page.setViewportSize({ width: 360, height: 740 });
  await fitsSmallPhone(page, "pending organisation on a phone");

  const admin = await (await browser.newContext()).newPage();
  await signIn(admin, "admin@registry.test", "/admin");
  await expect(admin.getByRole("heading", { name: "Waiting for review" })).toBeVisible();
  await expectNoViolations(admin, "/admin");
  await admin.emulateMedia({ colorScheme: "dark" });
  await expectNoViolations(admin, "/admin (dark)");
  await admin.setViewportSize({ width: 360, height: 740 });
  await fitsSmallPhone(admin, "/admin on a phone");
});
