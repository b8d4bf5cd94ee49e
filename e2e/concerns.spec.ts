import { expect, test } from "@playwright/test";
import { expectNoViolations, fitsSmallPhone } from "./page-checks";
import { signIn } from "./services";

// A demo signatory no other spec touches; its representative owns it.
const slug = "lagoon-labs";
const owner = `representative@${slug}.example`;
const submitter = "concerned-reader@e2e-concerns.test";
const statement = "Lagoon Labs advertised a contract to build tools that break into journalists' phones for a government agency, according to a trade paper.";
const edited = "Lagoon Labs advertised a contract to build phone-intrusion tools for a government agency, as a trade paper reported in March.";

test("public concerns, commitment search and the open-data filters pass axe and answer bad input with 400", async ({ page, request }) => {
  test.setTimeout(60_000);
  for (const scheme of ["light", "dark"] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    await page.goto("/concerns");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Public concerns");
    await expectNoViolations(page, `/concerns (${scheme})`);
    await page.getByRole("link", { name: /^Upheld \(\d+\)$/ }).click();
    await expect(page).toHaveURL(/\/concerns\?status=upheld$/);
    await expect(page.getByText("Upheld", { exact: true }).first()).toBeVisible();
    const listTitle = await page.title();
    await page.locator("article h2 a").first().click();
    await expect(page).toHaveURL(/\/concerns\/[0-9a-f-]{36}$/);
    // The router sets the new page's title just after the address: check the page once it has.
    await expect(page).not.toHaveTitle(listTitle);
    await expect(page).toHaveTitle(/\S/);
    await expectNoViolations(page, `a concern (${scheme})`);
    await page.goto("/commitments?q=vulnerability");
    await expect(page.getByText(/commitments? match/)).toBeVisible();
    await expectNoViolations(page, `/commitments?q=… (${scheme})`);
  }
  await page.goto("/concerns?status=declined");
  await expect(page.getByRole("alert").filter({ hasText: "We could not use this address" })).toContainText("status must be one of");
  await page.setViewportSize({ width: 360, height: 740 });
  await page.goto("/concerns");
  await fitsSmallPhone(page, "/concerns on a phone");

  expect((await request.get("/signatories.csv?country=Narnia")).status()).toBe(400);
  expect((await request.get("/feed.xml?sector=spying")).status()).toBe(400);
  expect((await request.get("/api/v1/commitments")).status()).toBe(400);
  const feed = await request.get("/feed.xml?country=US");
  expect(feed.status()).toBe(200);
  expect(await feed.text()).toContain("/feed.xml?country=US</id>");
});

test("a reader raises a concern, a moderator admits an edited text, the owner responds once: public only after admission, submitter never shown", async ({
  browser,
}) => {
  test.setTimeout(120_000);
  // The reader: signed in, from the signatory's profile.
  const reader = await (await browser.newContext()).newPage();
  await signIn(reader, submitter, `/signatories/${slug}`);
  await reader.getByRole("link", { name: /Raise a concern about Lagoon Labs/ }).click();
  await expect(reader.getByRole("heading", { level: 1 })).toHaveText("Raise a concern about Lagoon Labs");
  await expectNoViolations(reader, "the concern form");
  await reader.getByLabel("Principle it acted against").selectOption({ index: 1 });
  await reader.getByLabel("What happened").fill(statement);
  await reader.getByLabel("Evidence links").fill("http://trade-paper.example/story");
  await reader.getByRole("button", { name: "Send to the moderators" }).click();
  await expect(reader.locator("[id$='evidenceLinks-error'], #evidenceLinks-error").first()).toContainText("https://");
  await expectNoViolations(reader, "the concern form with an error");
  await reader.getByLabel("Evidence links").fill("https://trade-paper.example/story");
  await reader.getByRole("button", { name: "Send to the moderators" }).click();
  await expect(reader).toHaveURL(/\/dashboard\/concerns\?notice=submitted$/);
  await expect(reader.getByRole("status")).toContainText("nothing about it is public");
  await expectNoViolations(reader, "/dashboard/concerns");

  // Not public yet.
  const visitor = await (await browser.newContext()).newPage();
  await visitor.goto(`/signatories/${slug}`);
  await expect(visitor.getByText("phone-intrusion tools")).toHaveCount(0);
  await expect(visitor.getByText("journalists' phones")).toHaveCount(0);

  // The moderator admits it with an edited public text.
  const admin = await (await browser.newContext()).newPage();
  await signIn(admin, "concerns.moderator@registry.test", "/admin");
  await admin.goto("/admin/concerns");
  await expectNoViolations(admin, "/admin/concerns");
  const item = admin.locator("li").filter({ hasText: statement });
  await item.getByLabel("Public text").fill(edited);
  await item.getByRole("button", { name: "Admit and publish" }).click();
  await expect(admin.getByRole("status")).toContainText("The concern is public");

  // Public now, with the moderator's text, and nobody's address.
  await visitor.goto("/concerns");
  const card = visitor.locator("article").filter({ hasText: edited });
  await expect(card).toBeVisible();
  await expect(card).toContainText("Under review");
  await expect(visitor.getByText("journalists' phones")).toHaveCount(0);
  expect(await visitor.content()).not.toContain(submitter);
  await card.locator("h2 a").click();
  await expect(visitor.getByRole("link", { name: /ledger entry #\d+/ }).first()).toBeVisible();

  // The owner answers once, from the dashboard.
  const ownerPage = await (await browser.newContext()).newPage();
  await signIn(ownerPage, owner, `/dashboard/organisations/${slug}`);
  const section = ownerPage.locator("section").filter({ has: ownerPage.getByRole("heading", { name: "Public concerns" }) });
  const concern = section.locator("li").filter({ hasText: edited });
  await concern.getByLabel("Your response").fill("We never built such tools; the advertisement was for a penetration-testing engagement with consent.");
  await concern.getByRole("button", { name: "Publish the response" }).click();
  // Published once: the response shows beside the concern and the form is gone, after a reload too.
  await expect(concern.getByText("Response from Lagoon Labs")).toBeVisible();
  await ownerPage.reload();
  await expect(concern.getByText("Response from Lagoon Labs")).toBeVisible();
  await expect(concern.getByRole("button", { name: "Publish the response" })).toHaveCount(0);
  await expectNoViolations(ownerPage, "the dashboard with a concern answered");

  await visitor.goto(`/signatories/${slug}`);
  await expect(visitor.getByText("Response from Lagoon Labs")).toBeVisible();
  await expectNoViolations(visitor, "a profile with a public concern");
});
