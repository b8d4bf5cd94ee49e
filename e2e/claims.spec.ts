import { expect, test, type Page } from "@playwright/test";
import { expectNoViolations } from "./page-checks";
import { signIn } from "./services";

async function fillRegistration(page: Page, name: string, domain: string) {
  await page.goto("/dashboard/organisations/new");
  await page.getByLabel("Legal name").fill(`${name} Ltd`);
  await page.getByLabel("Display name").fill(name);
  await page.getByLabel("Primary domain").fill(domain);
  await page.getByLabel("Country").selectOption("DE");
  await page.getByLabel("Sector").selectOption("software");
  await page.getByRole("button", { name: "Register organisation" }).click();
}

test("a squatter's claim never keeps the domain: the employee who proves it owns it, and the squatter cannot sign for it", async ({ page, browser }) => {
  // A squatter at another domain claims charlie-e2e.test first.
  await signIn(page, "mallory@squatter-e2e.test");
  await fillRegistration(page, "Charlie", "charlie-e2e.test");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Charlie");
  await expect(page.getByText(/This registration is a claim to the domain, open until/)).toBeVisible();
  await expect(page.getByText(/is not at exactly charlie-e2e\.test/)).toBeVisible();
  await expectNoViolations(page, "pending claim");
  // DNS checks are spaced: a second check at once is refused with a clear message.
  await page.getByRole("button", { name: "Check now" }).click();
  await expect(page.getByRole("main").getByRole("alert")).toContainText("No TXT record found at _tech-accord.charlie-e2e.test");
  await page.getByRole("button", { name: "Check now" }).click();
  await expect(page.getByRole("main").getByRole("alert")).toContainText("The DNS record was checked moments ago");
  const squatterClaim = page.url();

  // The real employee is not told "already registered": she files her own claim and proves it.
  const carol = await (await browser.newContext()).newPage();
  await signIn(carol, "carol@charlie-e2e.test");
  await fillRegistration(carol, "Charlie", "charlie-e2e.test");
  await expect(carol.getByRole("heading", { level: 1 })).toHaveText("Charlie");
  await expect(carol.getByText("Someone else also claims charlie-e2e.test")).toBeVisible();
  await expectNoViolations(carol, "claim with a rival");
  await carol.getByRole("button", { name: "Verify with my email" }).click();
  await expect(carol.getByRole("main").getByRole("status")).toContainText("Charlie is verified");
  const members = carol.getByRole("region", { name: "Members" });
  await expect(members).toContainText("carol@charlie-e2e.test");
  await expect(members).toContainText("owner");
  await expect(members).not.toContainText("mallory");
  const carolSlug = new URL(carol.url()).pathname.split("/").pop()!;

  // The squatter's claim is closed, Carol's organisation is not theirs to see, and they cannot sign for it.
  await page.goto(squatterClaim);
  await expect(page.getByText(/This claim to charlie-e2e\.test is closed: Another claim to charlie-e2e\.test was proven first\./)).toBeVisible();
  expect((await page.goto(`/dashboard/organisations/${carolSlug}`))?.status()).toBe(404);
  await page.goto(`/sign?organisation=${carolSlug}`);
  await expect(page.getByText("Only an owner of a verified organisation can sign, and you do not own one yet.")).toBeVisible();
  await expect(page.getByRole("button", { name: /^Sign version/ })).toHaveCount(0);
  // …and the squatter was told by email.
  await expect(async () => {
    await page.goto(squatterClaim);
    await expect(
      page.getByRole("region", { name: "Notifications" }).getByRole("row").filter({ hasText: "Your claim to charlie-e2e.test is closed" }),
    ).toContainText("Sent", {
      timeout: 1_000,
    });
  }).toPass({ timeout: 15_000 });

  // Carol, the owner, can sign for Charlie.
  await carol.goto("/sign");
  await expect(carol.getByRole("button", { name: /^Sign version \d+ for Charlie$/ })).toBeVisible();

  // Now that the domain is proven, a new claim to it is refused as already registered.
  await fillRegistration(page, "Charlie Again", "charlie-e2e.test");
  await expect(page.locator("#primaryDomain-error")).toContainText("already registered");
});
