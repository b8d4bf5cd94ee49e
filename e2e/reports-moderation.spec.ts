import { type Browser, type Page, expect, test } from "@playwright/test";
import { expectNoViolations, fitsSmallPhone } from "./page-checks";
import { signIn } from "./services";

const year = new Date().getUTCFullYear();
const draftText =
  "This year we audited every product line for offensive capability and found none. We published the audit method and invited outside review of it.";

async function newPage(browser: Browser): Promise<Page> {
  return (await browser.newContext()).newPage();
}

/** A verified organisation that signed the accord, registered and signed by `owner`. */
async function signedOrganisation(page: Page, owner: string, name: string) {
  await signIn(page, owner);
  await page.getByRole("link", { name: "Register an organisation" }).click();
  await page.getByLabel("Legal name").fill(`${name} Ltd`);
  await page.getByLabel("Display name").fill(name);
  await page.getByLabel("Country").selectOption("DE");
  await page.getByLabel("Sector").selectOption("software");
  await page.getByRole("button", { name: "Register organisation" }).click();
  await page.getByRole("button", { name: "Verify with my email" }).click();
  await expect(page.getByRole("main").getByRole("status")).toContainText(`${name} is verified`);
  await page.goto("/sign");
  await page.getByLabel("Your full name").fill("Hedy Lamarr");
  await page.getByLabel("Your job title").fill("Chief Executive");
  const affirmations = page.getByLabel(/^I affirm: /);
  for (let i = 0; i < (await affirmations.count()); i++) await affirmations.nth(i).check();
  await page.getByLabel(new RegExp(`I am authorised to sign for ${name}`)).check();
  await page.getByRole("button", { name: new RegExp(`^Sign version \\d+ for ${name}$`) }).click();
  await expect(page.getByRole("heading", { level: 1 })).toContainText(`${name} signed version`);
}

test("a member drafts a report (autosaved, private), an owner publishes and corrects it, and the report shows its history", async ({ browser }) => {
  test.setTimeout(180_000);
  const owner = await newPage(browser);
  await signedOrganisation(owner, "owner@drafts-e2e.test", "Draft Works");

  // A colleague joins and writes the report; it saves itself, privately.
  const member = await newPage(browser);
  await signIn(member, "writer@drafts-e2e.test");
  await member.getByRole("button", { name: "Join Draft Works" }).click();
  // The join is done when it lands on the organisation's page: going there before that meets a stranger's view.
  await expect(member).toHaveURL(/\/dashboard\/organisations\/draft-works(\?notice=joined)?$/);
  await expect(member.getByRole("heading", { level: 1 })).toHaveText("Draft Works");
  await member.getByRole("link", { name: "Draft a progress report" }).click();
  await expect(member.getByTestId("draft-status")).toContainText("saved as a private draft as you type");
  await member.getByLabel("Narrative").fill(draftText);
  await expect(member.getByTestId("draft-status")).toContainText(/Draft saved at \d/, { timeout: 15_000 });
  await expect(member.getByRole("button", { name: "Publish report" })).toHaveCount(0);
  await expect(member.getByRole("main")).toContainText("Only owners publish the report");
  await expectNoViolations(member, "report draft (member)");

  // Nobody outside sees a draft.
  const visitor = await newPage(browser);
  expect((await visitor.goto(`/signatories/draft-works/reports/${year}`))?.status()).toBe(404);
  await visitor.goto("/signatories/draft-works");
  await expect(visitor.getByRole("main")).not.toContainText("audited every product line");

  // The owner finds the draft on the dashboard, opens it with the member's text, and publishes.
  await owner.goto("/dashboard/organisations/draft-works");
  await expect(owner.getByRole("list", { name: "Drafts" })).toContainText(`Draft of the ${year} report`);
  await owner.getByRole("link", { name: `Continue or publish the ${year} draft` }).click();
  await expect(owner.getByLabel("Narrative")).toHaveValue(draftText);
  await owner.getByRole("button", { name: "Publish report" }).click();
  await expect(owner).toHaveURL(new RegExp(`/signatories/draft-works/reports/${year}$`));

  // A correction: a public reason and the new text; the report then shows both revisions.
  await owner.goto("/dashboard/organisations/draft-works");
  await expect(owner.getByRole("list", { name: "Drafts" })).toHaveCount(0);
  await owner.getByRole("link", { name: `Correct the ${year} report` }).click();
  await expectNoViolations(owner, "correct a report");
  await owner.getByLabel("Reason for the correction").fill("The audit covered every product line except one pilot.");
  await owner.getByLabel("Narrative").fill(draftText.replace("every product line", "every product line but one pilot"));
  await owner.getByRole("button", { name: "Publish the correction" }).click();
  await expect(owner).toHaveURL(new RegExp(`/signatories/draft-works/reports/${year}$`));
  const main = owner.getByRole("main");
  await expect(main).toContainText("Corrected on");
  await expect(main).toContainText("every product line but one pilot");
  const history = owner.getByRole("region", { name: "History" });
  await expect(history.getByRole("listitem")).toHaveCount(2);
  await expect(history).toContainText("Reason: The audit covered every product line except one pilot.");
  await expectNoViolations(owner, "a corrected report");
  await history.getByRole("link", { name: "Revision 1" }).click();
  await expect(main).toContainText("You are reading revision 1 of 2");
  await expect(main).toContainText("audited every product line for offensive");
  // The profile says it was corrected, and its ledger timeline carries the reason.
  await owner.goto("/signatories/draft-works");
  await expect(owner.getByRole("main")).toContainText("corrected (revision 2)");
});

test("moderators search and filter /admin with keyset pages; a bad filter is explained, never a server error", async ({ browser }) => {
  test.setTimeout(120_000);
  const claimant = await newPage(browser);
  await signIn(claimant, "founder@findable-e2e.test");
  await claimant.getByRole("link", { name: "Register an organisation" }).click();
  await claimant.getByLabel("Legal name").fill("Findable Needle GmbH");
  await claimant.getByLabel("Display name").fill("Findable Needle");
  await claimant.getByLabel("Country").selectOption("AT");
  await claimant.getByLabel("Sector").selectOption("software");
  await claimant.getByRole("button", { name: "Register organisation" }).click();
  await expect(claimant).toHaveURL(/\/dashboard\/organisations\/findable-needle/);

  const admin = await newPage(browser);
  await signIn(admin, "reports.moderator@registry.test", "/admin");
  await admin.getByLabel("Search by name, slug or domain").fill("findable-e2e");
  await admin.getByLabel("Country").selectOption("AT");
  await admin.getByRole("button", { name: "Show" }).click();
  await expect(admin).toHaveURL(/search=findable-e2e/);
  const queue = admin.getByRole("region", { name: "Waiting for review" });
  await expect(queue.getByRole("listitem")).toHaveCount(1);
  await expect(queue).toContainText("Findable Needle");
  await expect(queue).toContainText("Showing 1–1 of 1 matching");
  // Keyboard and screen-reader users land on the results, which say what they show.
  await expect(queue.getByRole("heading", { name: "Waiting for review" })).toBeFocused();
  await expectNoViolations(admin, "/admin with filters");
  await admin.setViewportSize({ width: 360, height: 740 });
  await fitsSmallPhone(admin, "/admin with filters on a phone");
  await admin.setViewportSize({ width: 1280, height: 800 });

  // Other filters narrow it away; clearing them brings the queue back.
  await admin.getByLabel("Country").selectOption("KE");
  await admin.getByRole("button", { name: "Show" }).click();
  await expect(queue).toContainText("No organisation matches these filters.");
  await admin.getByRole("link", { name: "Clear filters" }).click();
  await expect(admin).toHaveURL(/\/admin\?status=pending$/);

  // A hand-edited address gets a message naming each problem.
  const response = await admin.goto("/admin?country=XX&contry=DE&after=not-a-cursor");
  expect(response?.status()).toBe(200);
  const alert = admin.getByRole("main").getByRole("alert");
  await expect(alert).toContainText("country must be an ISO 3166-1 code");
  await expect(alert).toContainText("“contry” is not one of this page's filters");
  await expect(alert).toContainText("page position (after) is malformed");
  await expectNoViolations(admin, "/admin with a bad address");

  // Keyset pages go forward and back: the demo's verified organisations fill more than one page.
  await admin.goto("/admin?status=verified");
  const verified = admin.getByRole("region", { name: "Organisations: verified" });
  await expect(verified).toContainText(/Showing 1–20 of \d+/);
  const pages = admin.getByRole("navigation", { name: "Pages of organisations" });
  await expect(pages.getByRole("link", { name: /Previous/ })).toHaveCount(0);
  await pages.getByRole("link", { name: "Next 20 →" }).click();
  await expect(verified).toContainText(/Showing 21–\d+ of \d+/);
  await pages.getByRole("link", { name: "← Previous 20" }).click();
  await expect(admin).toHaveURL(/\/admin\?status=verified$/);
  await expect(verified).toContainText(/Showing 1–20 of \d+/);
});
