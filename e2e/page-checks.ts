import AxeBuilder from "@axe-core/playwright";
import { expect, type Page } from "@playwright/test";

/**
 * axe finds nothing against WCAG 2.2 AA and best practice on the page as it settles. After a
 * client-side navigation (a link, a server action's redirect) the router sets the new page's title
 * a moment after its content and may swap it once more, so a page with violations is checked once
 * more when the network is quiet: a real violation stays and fails, with the list of what axe found.
 */
export async function expectNoViolations(page: Page, label?: string) {
  await expect(page, `${label ?? "page"}: a title`).toHaveTitle(/\S/);
  const found = async () =>
    (await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]).analyze()).violations.map(
      (v) => `${label ? `${label} ` : ""}${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`,
    );
  let violations = await found();
  if (violations.length > 0) {
    await page.waitForLoadState("networkidle");
    violations = await found();
  }
  expect(violations, label).toEqual([]);
}

/** No element reaches past the viewport's right edge: the page needs no sideways scrolling. */
export async function fitsSmallPhone(page: Page, label?: string) {
  const wide = await page.evaluate(() =>
    [...document.querySelectorAll("body *")]
      .filter((e) => e.getBoundingClientRect().right > document.documentElement.clientWidth + 1)
      .map((e) => `${e.tagName.toLowerCase()}.${String(e.className).slice(0, 60)}`),
  );
  expect(wide, label).toEqual([]);
}
