import { expect, test } from "@playwright/test";
import { publishTxt, signIn } from "./services";

async function register(page: import("@playwright/test").Page, name: string, domain?: string) {
  await page.goto("/dashboard/organisations/new");
  await page.getByLabel("Legal name").fill(`${name} Ltd`);
  await page.getByLabel("Display name").fill(name);
  if (domain) await page.getByLabel("Primary domain").fill(domain);
  await page.getByLabel("Country").selectOption("DE");
  await page.getByLabel("Sector").selectOption("software");
  await page.getByRole("button", { name: "Register organisation" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(name);
}

test("a representative registers an organisation and proves it by work email", async ({ page }) => {
  await signIn(page, "ciso@acme-e2e.test");
  await page.getByRole("link", { name: "Register an organisation" }).click();
  await expect(page.getByLabel("Primary domain")).toHaveValue("acme-e2e.test");
  await register(page, "Acme E2E");
  await expect(page.getByText("pending", { exact: true })).toBeVisible();
  await page.getByRole("button", { name: "Verify with my email" }).click();
  await expect(page.getByRole("main").getByRole("status")).toContainText("Acme E2E is verified");
  await page.reload();
  await expect(page.getByRole("main").locator("h1 + span")).toHaveText("verified");
  await page.goto("/ledger");
  await expect(page.getByRole("region", { name: "Newest entries" })).toContainText("Acme E2E proved it controls acme-e2e.test (work email at the domain)");
});

test("a free-mail user proves an organisation by DNS TXT", async ({ page }) => {
  await signIn(page, "founder.dns@gmail.com");
  await page.goto("/dashboard/organisations/new");
  await expect(page.getByLabel("Primary domain")).toHaveValue("");
  await register(page, "DNS Proven", "dns-e2e.test");
  await expect(page.getByText("a public email provider never proves an organisation")).toBeVisible();
  // DNS checks are spaced per claim (e2e/claims.spec.ts shows the refusal), so the record goes up first.
  const value = (await page.getByLabel("DNS record value").textContent())!;
  await publishTxt((await page.getByLabel("DNS record name").textContent())!, [value]);
  await page.getByRole("button", { name: "Check now" }).click();
  await expect(page.getByRole("main").getByRole("status")).toContainText("DNS Proven is verified");
  await page.reload();
  await expect(page.getByRole("main").locator("h1 + span")).toHaveText("verified");
  await expect(page.getByText(/dns txt · verified/)).toBeVisible();
});

test("a moderator approves a free-mail user's organisation; outsiders cannot see or change it", async ({ page, browser }) => {
  await signIn(page, "founder.mod@gmail.com");
  await register(page, "Moderated Org", "moderated-e2e.test");
  const orgUrl = page.url();

  const outsider = await (await browser.newContext()).newPage();
  await signIn(outsider, "nosy@elsewhere-e2e.test");
  const response = await outsider.goto(new URL(orgUrl).pathname);
  expect(response?.status()).toBe(404);

  const admin = await (await browser.newContext()).newPage();
  await signIn(admin, "admin@registry.test", "/admin");
  const item = admin.getByRole("listitem").filter({ hasText: "Moderated Org" });
  await item.getByLabel("Note (public, how you checked)").fill("ok");
  await item.getByRole("button", { name: "Approve" }).click();
  await expect(item.locator("[id$=note-error]")).toContainText("at least 3 characters");
  await item.getByLabel("Note (public, how you checked)").fill("Confirmed with the company's published contact.");
  await item.getByRole("button", { name: "Approve" }).click();
  await expect(admin.getByRole("main").getByRole("status")).toContainText("Moderated Org is verified by moderator review");
  await expect(admin.getByText("Recent moderation")).toBeVisible();
  await expect(admin.getByText(/organisation\.approve: Confirmed with the company/)).toBeVisible();

  await page.reload();
  await expect(page.getByRole("main").locator("h1 + span")).toHaveText("verified");
  const nonModerator = await outsider.goto("/admin");
  expect(nonModerator?.status()).toBe(404);
});

test("registration errors appear beside their fields and keep the values", async ({ page }) => {
  await signIn(page, "forms@forms-e2e.test");
  await page.goto("/dashboard/organisations/new");
  await page.getByLabel("Legal name").fill("Forms Ltd");
  await page.getByLabel("Display name").fill("Forms");
  await page.getByLabel("Primary domain").fill("127.0.0.1");
  await page.getByLabel("Website").fill("http://insecure.example");
  await page.getByRole("button", { name: "Register organisation" }).click();
  await expect(page.locator("#primaryDomain-error")).toContainText(/IP address/);
  await expect(page.locator("#website-error")).toContainText("https://");
  await expect(page.locator("#country-error")).toBeVisible();
  await expect(page.getByLabel("Legal name")).toHaveValue("Forms Ltd");
});
