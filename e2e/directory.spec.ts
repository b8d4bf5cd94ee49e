import { type Page, expect, test } from "@playwright/test";
import { demoOrganisations } from "../lib/demo/organisations";
import { expectNoViolations, fitsSmallPhone } from "./page-checks";

/*
 * Runs against the seeded demo directory: forty organisations, two withdrawn and one suspended.
 * Other specs may add an organisation of their own (Journey Systems, KE, software) while this one
 * runs, so assertions use countries and sectors no other spec registers in, or check each row.
 */

const namesIn = (country: string) => demoOrganisations.filter((o) => o.country === country).map((o) => o.name);
const namesOfSector = (sector: string) => demoOrganisations.filter((o) => o.sector === sector).map((o) => o.name);
const byName = (a: string, b: string) => a.localeCompare(b, "en");

const resultsList = (page: Page) => page.getByRole("list", { name: "Signatories" });
const rows = (page: Page) => resultsList(page).getByRole("listitem");
const resultsHeading = (page: Page) => page.getByRole("main").getByRole("heading", { level: 2 }).first();
const searchBox = (page: Page) => page.getByLabel("Search by name or domain");

async function rowNames(page: Page): Promise<string[]> {
  return resultsList(page).getByRole("heading", { level: 3 }).allTextContents();
}

/** The number in the results heading ("40 signatories", "No signatories match …" is 0). */
async function headingCount(page: Page): Promise<number> {
  const text = (await resultsHeading(page).textContent()) ?? "";
  if (text.startsWith("No ")) return 0;
  const match = /^([\d,]+) /.exec(text);
  expect(match, `results heading "${text}"`).not.toBeNull();
  return Number(match![1]!.replace(/,/g, ""));
}

/** Each row's date (signed, or withdrawn for a withdrawn row) in page order. */
async function rowDates(page: Page): Promise<number[]> {
  return resultsList(page)
    .locator("time")
    .evaluateAll((times) => times.map((t) => Date.parse(t.getAttribute("datetime")!)));
}

async function openDirectory(page: Page, search: string, javaScript: boolean) {
  await page.goto(`/signatories${search}`);
  // Typing before hydration would go unheard; the form marks itself once it is live.
  if (javaScript) await expect(page.getByRole("search")).toHaveAttribute("data-enhanced", "true");
}

/** With JavaScript the form follows each change by itself; without it, the visitor presses the button. */
async function apply(page: Page, javaScript: boolean) {
  if (!javaScript) await page.getByRole("button", { name: "Search" }).click();
}

for (const javaScript of [true, false]) {
  test.describe(`the directory with JavaScript ${javaScript ? "on" : "off"}`, () => {
    test.use({ javaScriptEnabled: javaScript });

    test("lists every signatory, twenty a page, with the total and working pagination", async ({ page }) => {
      await openDirectory(page, "", javaScript);
      const total = await headingCount(page);
      expect(total).toBeGreaterThanOrEqual(demoOrganisations.length);
      await expect(resultsHeading(page)).toHaveText(`${total} signatories`);
      await expect(rows(page)).toHaveCount(20);
      await expect(page.getByText(`Page 1 of ${Math.ceil(total / 20)}`)).toBeVisible();
      const first = await rowNames(page);

      await page.getByRole("link", { name: "Next →" }).click();
      await expect(page).toHaveURL(/\/signatories\?page=2$/);
      await expect(page.getByText(`Page 2 of ${Math.ceil(total / 20)}`, { exact: true })).toBeVisible();
      const second = await rowNames(page);
      expect(second).toHaveLength(Math.min(20, total - 20));
      expect(second.filter((name) => first.includes(name))).toEqual([]);
      expect(await headingCount(page)).toBe(total);
    });

    test("searches names and domains, ignoring case and accents", async ({ page }) => {
      const name = "Northwind Cloud";
      await openDirectory(page, "", javaScript);
      // Accents and case in the query are folded too.
      await searchBox(page).fill("NÓRTHWÍND");
      await apply(page, javaScript);
      await expect(page).toHaveURL(/\?q=N%C3%93RTHW%C3%8DND$/);
      await expect(resultsHeading(page)).toHaveText("1 signatory matches “NÓRTHWÍND”");
      expect(await rowNames(page)).toEqual([name]);

      // "kestrel-secure" is only ever in a domain: names have spaces where domains have hyphens.
      await searchBox(page).fill("kestrel-secure");
      await apply(page, javaScript);
      await expect(page).toHaveURL(/\?q=kestrel-secure$/);
      await expect(rows(page)).toHaveCount(1);
      await expect(rows(page).first()).toContainText("kestrel-secure.example");
      expect(await rowNames(page)).toEqual(["Kestrel Secure"]);

      await searchBox(page).fill("  sEcUrE ");
      await apply(page, javaScript);
      await expect(page).toHaveURL(/\?q=sEcUrE$/);
      const expected = demoOrganisations.filter((o) => /secure/i.test(o.name)).map((o) => o.name);
      await expect(rows(page)).toHaveCount(expected.length);
      expect((await rowNames(page)).sort(byName)).toEqual(expected.sort(byName));
    });

    test("filters by country and sector, stating the filters in words", async ({ page }) => {
      await openDirectory(page, "", javaScript);
      await page.getByLabel("Country").selectOption("NZ");
      await apply(page, javaScript);
      await expect(page).toHaveURL(/\?country=NZ$/);
      const nz = namesIn("NZ");
      await expect(resultsHeading(page)).toHaveText(`${nz.length} signatories in New Zealand`);
      expect((await rowNames(page)).sort(byName)).toEqual(nz.sort(byName));
      await expect(page.getByLabel("Country").locator("option:checked")).toHaveText(`New Zealand (${nz.length})`);

      await page.getByLabel("Country").selectOption("");
      await page.getByLabel("Sector").selectOption("non-profit");
      await apply(page, javaScript);
      await expect(page).toHaveURL(/\?sector=non-profit$/);
      const nonProfit = namesOfSector("non-profit");
      await expect(resultsHeading(page)).toHaveText(`${nonProfit.length} signatories in the non-profit sector`);
      expect((await rowNames(page)).sort(byName)).toEqual(nonProfit.sort(byName));

      await page.getByRole("link", { name: "Clear filters" }).click();
      await expect(page).toHaveURL(/\/signatories$/);
      await expect(page.getByLabel("Sector")).toHaveValue("");
      await expect(page.getByRole("link", { name: "Clear filters" })).toHaveCount(0);
    });

    test("filters by status: active, withdrawn, suspended and report overdue", async ({ page }) => {
      await openDirectory(page, "", javaScript);
      const total = await headingCount(page);

      const counts: Record<string, number> = {};
      for (const [status, badge] of [
        ["withdrawn", "withdrawn"],
        ["suspended", "suspended"],
        ["overdue", "report overdue"],
      ] as const) {
        await page.getByLabel("Status").selectOption(status);
        await apply(page, javaScript);
        await expect(page).toHaveURL(new RegExp(`\\?status=${status}$`));
        counts[status] = await headingCount(page);
        expect(counts[status], status).toBeGreaterThan(0);
        await expect(rows(page)).toHaveCount(Math.min(20, counts[status]!));
        for (const row of await rows(page).all()) await expect(row).toContainText(badge, { ignoreCase: true });
      }
      // The demo seed withdraws two signatures and suspends one organisation; every third early signer never reports.
      expect(counts.withdrawn).toBeGreaterThanOrEqual(2);
      expect(counts.suspended).toBeGreaterThanOrEqual(1);
      await page.getByLabel("Status").selectOption("withdrawn");
      await apply(page, javaScript);
      await expect(page).toHaveURL(/\?status=withdrawn$/);
      for (const row of await rows(page).all()) await expect(row).toContainText("Withdrew ·");

      await page.getByLabel("Status").selectOption("active");
      await apply(page, javaScript);
      await expect(page).toHaveURL(/\?status=active$/);
      const active = await headingCount(page);
      await expect(resultsHeading(page)).toHaveText(`${active} active signatories`);
      // Every listed organisation is exactly one of active, withdrawn or suspended; overdue ones are active.
      expect(active + counts.withdrawn! + counts.suspended!).toBe(total);
      expect(active).toBeGreaterThanOrEqual(counts.overdue!);
    });

    test("filters by accord version and by how identity was proven", async ({ page }) => {
      await openDirectory(page, "", javaScript);
      const total = await headingCount(page);
      const versionOption = await page
        .getByLabel("Accord version signed")
        .locator("option", { hasText: /^Version 1 \(/ })
        .textContent();
      await page.getByLabel("Accord version signed").selectOption("1");
      await apply(page, javaScript);
      await expect(page).toHaveURL(/\?version=1$/);
      await expect(resultsHeading(page)).toHaveText(new RegExp(`signatories that signed version 1$`));
      expect(versionOption).toBe(`Version 1 (${await headingCount(page)})`);
      for (const row of await rows(page).all()) await expect(row).toContainText(/Signed v1 ·|Withdrew ·/);

      await page.getByLabel("Accord version signed").selectOption("");
      // Every demo organisation proved its domain with a work email address.
      await page.getByLabel("Identity proven by").selectOption("email_domain");
      await apply(page, javaScript);
      await expect(page).toHaveURL(/\?method=email_domain$/);
      await expect(resultsHeading(page)).toHaveText(`${total} signatories verified by a work email address`);

      // Nobody used DNS: the menu still offers the chosen value, at 0, and the empty state explains.
      await openDirectory(page, "?method=dns_txt", javaScript);
      await expect(resultsHeading(page)).toHaveText("No signatories verified by a DNS TXT record");
      await expect(page.getByLabel("Identity proven by").locator("option:checked")).toHaveText("DNS TXT record (0)");
      // Nor is anyone from Iceland: the form names the country itself, as the server does, at 0.
      await openDirectory(page, "?country=IS", javaScript);
      await expect(page.getByLabel("Country").locator("option:checked")).toHaveText("Iceland (0)");
    });

    test("sorts by name, newest and oldest signatures", async ({ page }) => {
      await openDirectory(page, "?status=active", javaScript);
      const names = await rowNames(page);
      expect(names).toEqual([...names].sort((a, b) => a.toLowerCase().localeCompare(b.toLowerCase(), "en")));
      await expect(page.getByLabel("Sort by")).toHaveValue("name");

      await page.getByLabel("Sort by").selectOption("newest");
      await apply(page, javaScript);
      await expect(page).toHaveURL(/\?status=active&sort=newest$/);
      const newest = await rowDates(page);
      expect(newest).toHaveLength(20);
      expect(newest).toEqual([...newest].sort((a, b) => b - a));

      await page.getByLabel("Sort by").selectOption("oldest");
      await apply(page, javaScript);
      await expect(page).toHaveURL(/\?status=active&sort=oldest$/);
      const oldest = await rowDates(page);
      expect(oldest).toEqual([...oldest].sort((a, b) => a - b));
      // The first demo organisation signed first of all.
      expect((await rowNames(page))[0]).toBe(demoOrganisations[0]!.name);
      expect(oldest[0]).toBeLessThan(newest.at(-1)!);

      // Page 2 keeps the filter and the sort.
      await page.getByRole("link", { name: "Next →" }).click();
      await expect(page).toHaveURL(/\?status=active&sort=oldest&page=2$/);
      await expect(page.getByLabel("Status")).toHaveValue("active");
      await expect(page.getByLabel("Sort by")).toHaveValue("oldest");
      const later = await rowDates(page);
      expect(later[0]).toBeGreaterThanOrEqual(oldest.at(-1)!);
    });

    test("the address reproduces the view", async ({ page, context }) => {
      await openDirectory(page, "", javaScript);
      await searchBox(page).fill("a");
      await page.getByLabel("Country").selectOption("GB");
      await page.getByLabel("Sort by").selectOption("newest");
      await apply(page, javaScript);
      await expect(page).toHaveURL(/\?q=a&country=GB&sort=newest$/);
      const heading = await resultsHeading(page).textContent();
      const names = await rowNames(page);
      expect(names.length).toBeGreaterThan(0);

      const again = await context.newPage();
      await again.goto(page.url());
      await expect(resultsHeading(again)).toHaveText(heading!);
      expect(await rowNames(again)).toEqual(names);
      await expect(searchBox(again)).toHaveValue("a");
      await expect(again.getByLabel("Country")).toHaveValue("GB");
      await expect(again.getByLabel("Sort by")).toHaveValue("newest");
    });

    test("nothing matching says which filters are on and how to loosen them", async ({ page }) => {
      await openDirectory(page, "?q=zzqx&country=NZ", javaScript);
      await expect(resultsHeading(page)).toHaveText("No signatories match “zzqx” in New Zealand");
      const active = page.getByRole("list", { name: "Active filters" });
      await expect(active.getByRole("listitem")).toHaveText([/search “zzqx”/, /country: New Zealand/]);
      await expect(page.getByText(/remove the search/)).toBeVisible();

      await active.getByRole("link", { name: "Remove search “zzqx”" }).click();
      await expect(page).toHaveURL(/\/signatories\?country=NZ$/);
      await expect(rows(page)).toHaveCount(namesIn("NZ").length);
      await expect(searchBox(page)).toHaveValue("");

      await openDirectory(page, "?q=zzqx&country=NZ", javaScript);
      await page.getByRole("link", { name: "Clear all filters" }).click();
      await expect(page).toHaveURL(/\/signatories$/);
      await expect(rows(page)).toHaveCount(20);
    });
  });
}

test.describe("with JavaScript on", () => {
  test("typing updates the results in place, without a reload, and keeps focus in the search box", async ({ page }) => {
    await openDirectory(page, "", true);
    await page.evaluate(() => Object.assign(window, { directoryMarker: "same document" }));
    await searchBox(page).click();
    await searchBox(page).pressSequentially("kestrel");
    await expect(page).toHaveURL(/\?q=kestrel$/);
    await expect(resultsHeading(page)).toHaveText("1 signatory matches “kestrel”");
    // A live region present since the page loaded speaks the new count (e2e/forms-keyboard.spec.ts checks the range after a page change).
    await expect(page.locator("[data-results-announcement]")).toHaveAttribute("aria-live", "polite");
    await expect(page.locator("[data-results-announcement]")).toContainText("1 signatory matches “kestrel”");
    await expect(searchBox(page)).toBeFocused();
    await expect(searchBox(page)).toHaveValue("kestrel");
    expect(await page.evaluate(() => (window as unknown as { directoryMarker?: string }).directoryMarker)).toBe("same document");
    await expect(page.locator("[aria-busy]")).toHaveAttribute("aria-busy", "false");
    await expect(page.getByRole("status").filter({ hasText: "Updating…" })).toHaveCount(0);

    // Changing a menu applies at once; the button stays for keyboard users.
    await page.getByLabel("Status").selectOption("active");
    await expect(page).toHaveURL(/\?q=kestrel&status=active$/);
    await expect(page.getByRole("button", { name: "Search" })).toBeEnabled();
  });
});

test.describe("bad input never breaks the directory", () => {
  const bad: [query: string, message: RegExp][] = [
    ["?contry=DE", /“contry” is not a setting of the directory/],
    ["?country=ZZ", /country must be an ISO 3166-1 code/],
    ["?country=DE&country=FR", /give country once/],
    ["?sector=spyware", /sector must be one of/],
    ["?status=deleted", /status must be one of: active, withdrawn, suspended, overdue/],
    ["?version=abc", /version must be an accord version number/],
    ["?method=fax", /method must be one of/],
    ["?sort=random", /sort must be one of: name, newest, oldest/],
    ["?page=0", /page must be a page number/],
    ["?page=-1", /page must be a page number/],
    ["?page=abc", /page must be a page number/],
    ["?page=99999999999999999999", /page must be a page number/],
    ["?page=1&page=2x", /give page once/],
    [`?q=${"x".repeat(101)}`, /the search must be at most 100 characters/],
    ["?q=%00", /control characters/],
  ];
  for (const [query, message] of bad) {
    test(`${query.slice(0, 40)} gets a message and a way back`, async ({ page }) => {
      const response = await page.goto(`/signatories${query}`);
      expect(response!.status()).toBeLessThan(500);
      const alert = page.getByRole("main").getByRole("alert").filter({ hasText: message });
      await expect(alert).toBeVisible();
      await expect(alert.getByRole("link", { name: "Show all signatories" })).toHaveAttribute("href", "/signatories");
      await expect(page.locator('meta[name="robots"]')).toHaveAttribute("content", /noindex/);
      await expect(resultsList(page)).toHaveCount(0);
    });
  }

  test("a page past the end links to the last page", async ({ page }) => {
    await page.goto("/signatories?status=active");
    const pages = Math.ceil((await headingCount(page)) / 20);
    const response = await page.goto("/signatories?status=active&page=50");
    expect(response!.status()).toBeLessThan(500);
    const alert = page.getByRole("main").getByRole("alert");
    await expect(alert).toContainText(`There is no page 50 of these results: they fit on ${pages} pages`);
    await alert.getByRole("link", { name: `Go to the last page (page ${pages})` }).click();
    await expect(page).toHaveURL(new RegExp(`\\?status=active&page=${pages}$`));
    await expect(rows(page)).not.toHaveCount(0);
  });

  test("SQL-looking and wildcard searches are searched for literally", async ({ page }) => {
    for (const q of ["' or 1=1 --", "%", "_", "\\"]) {
      const response = await page.goto(`/signatories?q=${encodeURIComponent(q)}`);
      expect(response!.status(), q).toBe(200);
      await expect(resultsHeading(page)).toHaveText(`No signatories match “${q}”`);
    }
  });
});

test("the directory's metadata follows the view", async ({ page }) => {
  await page.goto("/signatories?page=2");
  await expect(page).toHaveTitle(/^Signatories · /);
  await expect(page.locator('link[rel="canonical"]')).toHaveAttribute("href", /\/signatories$/);
  await expect(page.locator('meta[name="robots"]')).toHaveCount(0);

  await page.goto("/signatories?q=north&country=US&sort=newest&page=1");
  await expect(page).toHaveURL(/\?q=north&country=US&sort=newest$/);
  await expect(page).toHaveTitle(/^Signatories matching “north” in United States · /);
  await expect(page.locator('link[rel="canonical"]')).toHaveAttribute("href", /\/signatories\?q=north&country=US$/);
  await expect(page.locator('meta[name="robots"]')).toHaveAttribute("content", /noindex/);
});

test("links to the statistics, the CSV and the API sit by the heading", async ({ page }) => {
  await page.goto("/signatories");
  const links = page.getByRole("navigation", { name: "Directory data" });
  await expect(links.getByRole("link", { name: "Statistics" })).toHaveAttribute("href", "/signatories/stats");
  await expect(links.getByRole("link", { name: "Download CSV" })).toHaveAttribute("href", "/signatories.csv");
  await expect(links.getByRole("link", { name: "API" })).toHaveAttribute("href", "/developers");
});

const checkedViews = ["/signatories?status=active&sort=newest", "/signatories?q=zzqx&country=NZ", "/signatories?status=bogus"];

for (const scheme of ["light", "dark"] as const) {
  test(`axe finds no violations on the filtered directory, its empty state and its error (${scheme})`, async ({ page }) => {
    await page.emulateMedia({ colorScheme: scheme });
    for (const path of checkedViews) {
      await page.goto(path);
      await expectNoViolations(page, path);
    }
  });
}

test("the directory fits a small phone in every state", async ({ page }) => {
  await page.setViewportSize({ width: 360, height: 740 });
  for (const path of ["/signatories?status=withdrawn", ...checkedViews]) {
    await page.goto(path);
    await fitsSmallPhone(page, path);
  }
});
