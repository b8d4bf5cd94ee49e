import { expect, type Page, test } from "@playwright/test";
import { signIn } from "./services";

async function register(page: Page, name: string, domain?: string) {
  await page.goto("/dashboard/organisations/new");
  await page.getByLabel("Legal name").fill(`${name} Ltd`);
  await page.getByLabel("Display name").fill(name);
  if (domain) await page.getByLabel("Primary domain").fill(domain);
  await page.getByLabel("Country").selectOption("GB");
  await page.getByLabel("Sector").selectOption("software");
  await page.getByRole("button", { name: "Register organisation" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(name);
  return new URL(page.url()).pathname;
}

/**
 * The squatting story of issue 13: someone at another domain claims charlie-squat-e2e.test first;
 * a real employee files a claim of her own and proves it by work email. She ends as the owner; the
 * squatter's claim is closed, and the squatter can neither sign for Charlie nor reach its members.
 */
test("a squatter's claim loses to the employee who proves the domain; the squatter cannot sign or manage members", async ({ browser }) => {
  test.setTimeout(120_000);
  const domain = "charlie-squat-e2e.test";

  const squatter = await (await browser.newContext()).newPage();
  await signIn(squatter, "mallory@squatter-e2e.test");
  const squatPath = await register(squatter, "Charlie Squat", domain);
  await expect(squatter.getByText("pending", { exact: true })).toBeVisible();
  // Not at the domain: the squatter cannot prove it by email.
  await expect(squatter.getByRole("button", { name: "Verify with my email" })).toHaveCount(0);

  const carol = await (await browser.newContext()).newPage();
  await signIn(carol, `carol@${domain}`);
  await carol.goto("/dashboard/organisations/new");
  await expect(carol.getByLabel("Primary domain")).toHaveValue(domain);
  // A pending claim does not block the domain: Carol files her own.
  const carolPath = await register(carol, "Charlie Squat");
  expect(carolPath).not.toBe(squatPath);
  await carol.getByRole("button", { name: "Verify with my email" }).click();
  await expect(carol.getByRole("main").getByRole("status").first()).toContainText("Charlie Squat is verified");
  await carol.reload();
  const members = carol.getByRole("region", { name: "Members" });
  await expect(members.getByRole("listitem").filter({ hasText: `carol@${domain}` })).toContainText("owner");
  await expect(members).toContainText("You are the only owner of Charlie Squat");

  // The squatter's claim is closed; nothing to sign; Carol's organisation is out of reach.
  await squatter.goto("/sign");
  await expect(squatter.getByRole("main")).toContainText("Only an owner of a verified organisation can sign, and you do not own one yet.");
  await expect(squatter.getByRole("main")).toContainText("Charlie Squat was not accepted, so it cannot sign.");
  await expect(squatter.getByRole("button", { name: /^Sign version/ })).toHaveCount(0);
  const slug = carolPath.split("/").pop()!;
  await squatter.goto(`/sign?organisation=${slug}`);
  await expect(squatter.getByRole("button", { name: /^Sign version/ })).toHaveCount(0);
  const response = await squatter.goto(carolPath);
  expect(response?.status()).toBe(404);
  await squatter.goto(squatPath);
  await expect(squatter.getByRole("main").locator("h1 + span")).toHaveText("rejected");
  await expect(squatter.getByRole("main")).toContainText(`This claim to ${domain} is closed: Another claim to ${domain} was proven first.`);
  // …and was told by email.
  await expect(async () => {
    await squatter.reload();
    await expect(squatter.getByRole("region", { name: "Notifications" }).getByRole("row").filter({ hasText: `Your claim to ${domain} is closed` })).toContainText("Sent", { timeout: 1_000 });
  }).toPass({ timeout: 15_000 });

  // Carol, the owner, can sign for Charlie.
  await carol.goto("/sign");
  await expect(carol.getByRole("button", { name: /^Sign version \d+ for Charlie Squat$/ })).toBeVisible();
});
