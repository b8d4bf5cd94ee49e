import AxeBuilder from "@axe-core/playwright";
import { expect, type Page } from "@playwright/test";

/**
 * axe finds nothing against WCAG 2.2 AA and best practice on the page as it settles. After a
 * client-side navigation (a link, a server action's redirect) the router sets the new page's title
 * a moment after its content and may swap it once more, so the check is repeated for up to 5 s: a
 * real violation stays and still fails it, with the list of what axe found.
 */
export async function expectNoViolations(page: Page, label?: string) {
  await expect(page, `${label ?? "page"}: a title`).toHaveTitle(/\S/);
  await expect(async () => {
    const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]).analyze();
    expect(
      results.violations.map((v) => `${label ? `${label} ` : ""}${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`),
      label,
    ).toEqual([]);
  }).toPass({ timeout: 5_000 });
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
