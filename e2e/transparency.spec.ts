import { expect, test } from "@playwright/test";
import { expectNoViolations, fitsSmallPhone } from "./page-checks";
import { signIn } from "./services";

// A demo signatory no other spec touches; its representative owns it.
const slug = "kiwi-mesh-networks";
const owner = `representative@${slug}.example`;
const header = "country,instrument,requests,accounts,content_disclosed,non_content_disclosed,no_data_found,rejected,pending,challenged_in_court";

test("the public transparency pages pass axe in both schemes, chart with text alternatives and serve open data", async ({ page, request }) => {
  test.setTimeout(60_000);
  for (const scheme of ["light", "dark"] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    await page.goto("/transparency");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Transparency on government requests");
    await expect(page.getByRole("img", { name: "Requests by requesting country" })).toBeVisible();
    await expectNoViolations(page, `/transparency (${scheme})`);
    await page.getByText("Show the data as a table").first().click();
    await expect(page.getByRole("table", { name: "Requests by half-year" })).toBeVisible();

    await page.goto("/signatories/northwind-cloud/transparency");
    await expect(page.getByRole("heading", { level: 1 })).toContainText("government requests");
    await expectNoViolations(page, `/signatories/northwind-cloud/transparency (${scheme})`);
  }
  await page.setViewportSize({ width: 360, height: 740 });
  await page.goto("/transparency");
  await fitsSmallPhone(page, "/transparency on a phone");

  await page.goto("/signatories/northwind-cloud");
  await page
    .getByRole("link", { name: /transparency/i })
    .first()
    .click();
  await expect(page).toHaveURL(/\/signatories\/northwind-cloud\/transparency$/);

  const api = await request.get("/api/v1/transparency?country=US");
  expect(api.status()).toBe(200);
  const body = (await api.json()) as { data: { lines: { country: string }[] }[] };
  expect(body.data.length).toBeGreaterThan(0);
  for (const record of body.data) for (const line of record.lines) expect(line.country).toBe("US");
  const bad = await request.get("/api/v1/transparency?instrument=letter");
  expect(bad.status()).toBe(400);
  const csv = await request.get("/transparency.csv?country=US");
  expect(csv.status()).toBe(200);
  expect((await csv.text()).split("\r\n")[0]).toContain("signatory,signatory_name,period,revision");
});

test("an owner publishes figures (errors beside fields, a CSV refused by row and column) and corrects them with a reason", async ({ page }) => {
  test.setTimeout(90_000);
  await signIn(page, owner, `/dashboard/organisations/${slug}/transparency`);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Transparency reports on government requests");
  await expectNoViolations(page, "dashboard transparency page");

  const form = page.locator("form").filter({ has: page.getByRole("button", { name: "Publish figures" }) });
  const period = await form.getByLabel("Half-year").inputValue();
  await form.getByLabel("Customers notified of suspected nation-state attacks").fill("0-99");
  await form.locator("#row-0-country").selectOption("DE");
  await form.locator("#row-0-instrument").selectOption("court_order");
  const values = {
    requests: "10",
    accounts: "12",
    content_disclosed: "3",
    non_content_disclosed: "3",
    no_data_found: "1",
    rejected: "2",
    pending: "0",
    challenged_in_court: "1",
  };
  for (const [column, value] of Object.entries(values)) await form.locator(`#row-0-${column}`).fill(value);
  await form.locator("#row-1-country").selectOption("US");
  await form.locator("#row-1-instrument").selectOption("national_security");
  for (const column of ["requests", "accounts", "content_disclosed"]) await form.locator(`#row-1-${column}`).fill("0-249");
  for (const column of ["non_content_disclosed", "no_data_found", "rejected", "pending", "challenged_in_court"])
    await form.locator(`#row-1-${column}`).fill("0");
  await form.getByRole("button", { name: "Publish figures" }).click();
  await expect(form.locator("#row-0-requests-error")).toContainText("the outcomes add up to 9, not 10");
  await expect(form.locator("#row-0-requests")).toHaveAttribute("aria-invalid", "true");
  await expectNoViolations(page, "dashboard transparency form with errors");

  await form.locator("#row-0-pending").fill("1");
  await form.getByRole("button", { name: "Publish figures" }).click();
  await expect(page).toHaveURL(new RegExp(`/signatories/${slug}/transparency#${period}$`));
  const section = page.locator(`section[id="${period}"]`);
  await expect(section.getByRole("row", { name: /Germany/ })).toContainText("10");
  await expect(section.getByRole("row", { name: /Total/ })).toContainText("10–259");
  await expectNoViolations(page, "public page after publishing");

  // A CSV with bad rows is refused whole, each problem named by row and column.
  await page.goto(`/dashboard/organisations/${slug}/transparency`);
  const upload = page.locator("form").filter({ has: page.getByRole("button", { name: "Check and publish the file" }) });
  await upload.getByLabel("Customers notified of suspected nation-state attacks").fill("3");
  await upload.getByLabel("Or paste the CSV").fill(`${header}\nFR,subpoena,4,4,4,0,0,0,0,0\nXX,subpoena,1,1,1,0,0,0,0,0\nFR,subpoena,1,1,1,0,0,0,0,0\n`);
  await upload.getByRole("button", { name: "Check and publish the file" }).click();
  const problems = upload.locator("#csv-upload-csv-error");
  await expect(problems).toContainText("Nothing was saved");
  await expect(problems.getByText("Row 3, column country: must be an ISO 3166-1 country code")).toBeVisible();
  await expect(problems.getByText(/Row 4, column country: repeats line 2/)).toBeVisible();
  await expectNoViolations(page, "CSV upload with errors");

  // The correction: a new revision with its reason; the first stays visible.
  await page.goto(`/dashboard/organisations/${slug}/transparency/${period}/correct`);
  const correction = page.locator("form").filter({ has: page.getByRole("button", { name: "Publish the correction", exact: true }) });
  await expect(correction.locator("#row-0-requests")).toHaveValue("10");
  await correction.locator("#row-0-requests").fill("12");
  await correction.locator("#row-0-content_disclosed").fill("5");
  await correction.getByLabel("Reason for the correction").fill("Two court orders registered late were missing from the count.");
  await correction.getByRole("button", { name: "Publish the correction" }).click();
  await expect(page).toHaveURL(new RegExp(`/signatories/${slug}/transparency#${period}$`));
  await expect(section.getByText("Two court orders registered late were missing from the count.")).toBeVisible();
  await section.getByText("The revision this one corrects").click();
  await expect(section.getByRole("heading", { name: "Revision 1 (first publication)" })).toBeVisible();
  await expectNoViolations(page, "public page with a correction");
});
