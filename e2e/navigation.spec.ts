import { expect, test } from "@playwright/test";
import { principleSlugs } from "./public-pages";

test("a visitor reads the pledge, the accord, a principle and moves to the next", async ({ page }) => {
  await page.goto("/");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("100% defence, 0% offence.");
  await expect(page.getByText("Demo registry.")).toBeVisible();
  // 40 demo organisations, 2 withdrawn and 1 suspended: 37 at least, as specs running beside this one
  // on the shared server sign for organisations of their own.
  const count = page.getByTestId("signatory-count");
  await expect(count).toHaveText(/^\d+$/);
  expect(Number(await count.textContent())).toBeGreaterThanOrEqual(37);
  await expect(page.getByRole("region", { name: "Latest signatories" }).getByRole("listitem")).toHaveCount(6);

  await page.getByRole("link", { name: "Read the accord" }).click();
  await expect(page).toHaveURL(/\/accord$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("The Tech Accord");
  const contents = page.getByRole("navigation", { name: "Contents" });
  await expect(contents.getByRole("link")).not.toHaveCount(0);
  // Table of contents entries jump to headings that exist on the page.
  for (const href of await contents.getByRole("link").evaluateAll((links) => links.map((a) => a.getAttribute("href")!))) {
    await expect(page.locator(href.replace(/^#/, "#"))).toHaveCount(1);
  }

  await page.getByRole("heading", { name: "100% defence, 0% offence" }).getByRole("link").click();
  await expect(page).toHaveURL(`/accord/principles/${principleSlugs[0]}`);
  await expect(page.getByText("Principle 1", { exact: true }).first()).toBeVisible();
  await expect(page.locator("h2#what-this-means a.heading-anchor")).toHaveAttribute("href", "#what-this-means");

  await page.getByRole("link", { name: /Next: principle 2/ }).click();
  await expect(page).toHaveURL(`/accord/principles/${principleSlugs[1]}`);
  await expect(page.getByRole("link", { name: /Previous: principle 1/ })).toBeVisible();
});

test("the last principle has no next link and the first no previous", async ({ page }) => {
  await page.goto(`/accord/principles/${principleSlugs.at(-1)}`);
  await expect(page.getByRole("link", { name: /Next: principle/ })).toHaveCount(0);
  await page.goto(`/accord/principles/${principleSlugs[0]}`);
  await expect(page.getByRole("link", { name: /Previous: principle/ })).toHaveCount(0);
});

test("about, FAQ and join pages render their MDX with site components", async ({ page }) => {
  for (const [path, heading] of [
    ["/about", /About/],
    ["/faq", /questions/i],
    ["/join", /join/i],
  ] as const) {
    await page.goto(path);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(heading);
  }
  await expect(page.getByRole("complementary")).not.toHaveCount(0);
});

test("the signatory list paginates", async ({ page }) => {
  await page.goto("/signatories?status=active");
  await expect(page.getByRole("heading", { name: /^3[78] active signatories$/ })).toBeVisible();
  await expect(page.getByRole("list", { name: "Signatories" }).getByRole("listitem")).toHaveCount(20);
  await page.getByRole("link", { name: "Next →" }).click();
  await expect(page).toHaveURL(/page=2/);
  await expect(page.getByText("Page 2 of 2", { exact: true })).toBeVisible();
  await expect(page.getByRole("link", { name: "Next →" })).toHaveCount(0);
});

test("the keyboard reaches a skip link first", async ({ page }) => {
  await page.goto("/accord");
  await page.keyboard.press("Tab");
  const skip = page.getByRole("link", { name: "Skip to content" });
  await expect(skip).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/#main$/);
});
