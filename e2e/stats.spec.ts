import { expect, type Page, test } from "@playwright/test";
import { expectNoViolations, fitsSmallPhone } from "./page-checks";

const charts = [
  { id: "over-time", heading: "Signatories over time", title: "Signatories over time" },
  { id: "by-country", heading: "By country", title: "Signatories by country" },
  { id: "by-sector", heading: "By sector", title: "Signatories by sector" },
] as const;

/** Opens every "Show the data as a table" disclosure, so checks see the tables too. */
async function openAllTables(page: Page) {
  for (const summary of await page.getByText("Show the data as a table").all()) await summary.click();
  await expect(page.getByRole("table")).toHaveCount(3);
}

test("the statistics page shows headline figures and three charts, each with a title, a description and its data as a table", async ({ page }) => {
  await page.goto("/signatories/stats");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Signatory statistics");
  // 40 demo organisations, 2 withdrawn; the suspended one still stands. Specs running beside this one
  // on the shared server sign for organisations of their own, so the demo's 38 is a floor, not the count.
  const standing = page.locator('dt:text-is("Standing signatories") + dd');
  await expect(standing).toHaveText(/^\d+$/);
  const total = Number(await standing.textContent());
  expect(total).toBeGreaterThanOrEqual(38);
  await expect(page.getByText(/including [1-9]\d* suspended/)).toBeVisible();

  await expect(page.getByRole("figure")).toHaveCount(3);
  for (const chart of charts) {
    const section = page.getByRole("region", { name: chart.heading });
    const figure = section.getByRole("figure");
    await expect(figure.locator("figcaption")).not.toBeEmpty();
    const image = figure.getByRole("img", { name: chart.title });
    await expect(image).toBeVisible();
    await expect(image.locator("desc")).toHaveText(/\S.*\.$/);
    // Collapsed until asked for, then a real table with a caption and header cells.
    const table = figure.getByRole("table");
    await expect(table).toBeHidden();
    await figure.getByText("Show the data as a table").click();
    await expect(table).toBeVisible();
    await expect(table.locator("caption")).not.toBeEmpty();
    await expect(table.getByRole("columnheader").first()).toBeVisible();
    await expect(table.getByRole("rowheader")).not.toHaveCount(0);
  }

  const overTime = page.getByRole("img", { name: "Signatories over time" });
  await expect(overTime.locator("desc")).toHaveText(new RegExp(`^Standing signatories grew from \\d+ in \\w+ \\d{4} to ${total} in \\w+ \\d{4}\\.$`));
  // The last month of the table is the current total.
  const lastMonth = page.getByRole("table", { name: "Signatories by month" }).getByRole("row").last();
  await expect(lastMonth.getByRole("cell").last()).toHaveText(String(total));

  // The bars of each breakdown add up to the standing total.
  for (const name of ["Standing signatories by country", "Standing signatories by sector"]) {
    const counts = await page.getByRole("table", { name }).locator("tbody tr td:first-of-type").allTextContents();
    expect(
      counts.reduce((sum, c) => sum + Number(c), 0),
      name,
    ).toBe(total);
  }
  const countryRows = page.getByRole("table", { name: "Standing signatories by country" }).locator("tbody tr");
  await expect(countryRows).toHaveCount(13);
  await expect(countryRows.last().getByRole("rowheader")).toHaveText(/^Other \(\d+ countries\)$/);
});

test("the data tables open from the keyboard", async ({ page }) => {
  await page.goto("/signatories/stats");
  const summary = page.getByRole("region", { name: "By sector" }).getByText("Show the data as a table");
  await summary.focus();
  await expect(summary).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(page.getByRole("table", { name: "Standing signatories by sector" })).toBeVisible();
  await page.keyboard.press("Enter");
  await expect(page.getByRole("table", { name: "Standing signatories by sector" })).toBeHidden();
});

test("the directory and the home page link to the statistics", async ({ page }) => {
  await page.goto("/signatories");
  await expect(page.getByRole("main").getByRole("link", { name: "Statistics", exact: true })).toHaveAttribute("href", "/signatories/stats");
  await page.goto("/");
  await expect(page.getByRole("region", { name: "Latest signatories" }).getByRole("link", { name: "Signatory statistics →" })).toHaveAttribute(
    "href",
    "/signatories/stats",
  );
});

for (const scheme of ["light", "dark"] as const) {
  test(`axe finds no violations on the statistics page, tables open (${scheme})`, async ({ page }) => {
    await page.emulateMedia({ colorScheme: scheme });
    await page.goto("/signatories/stats");
    await openAllTables(page);
    await expectNoViolations(page);
  });
}

test("the statistics fit a small phone without horizontal scrolling, tables open", async ({ page }) => {
  await page.setViewportSize({ width: 360, height: 740 });
  await page.goto("/signatories/stats");
  await openAllTables(page);
  await fitsSmallPhone(page);
  // The charts keep their text at a readable size rather than shrinking the drawing.
  for (const chart of charts) {
    const fontSize = await page
      .getByRole("img", { name: chart.title })
      .locator("text")
      .first()
      .evaluate((t) => parseFloat(getComputedStyle(t).fontSize));
    expect(fontSize, chart.title).toBeGreaterThanOrEqual(12);
  }
});
