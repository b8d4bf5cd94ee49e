import { test } from "@playwright/test";
import { publicPages } from "./public-pages";
import { expectNoViolations, fitsSmallPhone } from "./page-checks";

for (const scheme of ["light", "dark"] as const) {
  for (const path of [...publicPages, "/signatories?country=NO&sort=newest", "/no-such-page"]) {
    test(`axe finds no violations on ${path} (${scheme})`, async ({ page }) => {
      await page.emulateMedia({ colorScheme: scheme });
      await page.goto(path);
      await expectNoViolations(page);
    });
  }
}

test("pages fit a small phone without horizontal scrolling", async ({ page }) => {
  await page.setViewportSize({ width: 360, height: 740 });
  for (const path of ["/", "/accord", "/signatories", "/signatories/northwind-cloud", "/developers"]) {
    await page.goto(path);
    await fitsSmallPhone(page, path);
  }
});
