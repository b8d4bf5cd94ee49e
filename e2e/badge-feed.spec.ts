import { type APIRequestContext, type Page, expect, test } from "@playwright/test";
import { XMLParser } from "fast-xml-parser";
import { expectNoViolations, fitsSmallPhone } from "./page-checks";

const PNG_MAGIC = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

type Link = { "@_href": string; "@_rel"?: string };
type AtomEntry = { id: string; title: { "#text": string }; updated: string; link: Link[]; category: { "@_term": string }[] };
type AtomFeed = { id: string; title: string; updated: string; link: Link[]; entry?: AtomEntry[] };

const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: "@_", isArray: (name) => ["entry", "link", "category"].includes(name) });

const pathOf = (url: string) => new URL(url).pathname;

/** For each pattern, the ledger entries (paths) describing a matching event, newest first, read from the human view of the log. */
async function entriesInLedger(page: Page, patterns: RegExp[]): Promise<string[][]> {
  const found: string[][] = patterns.map(() => []);
  for (let n = 1; n < 200; n++) {
    const response = await page.goto(`/ledger?page=${n}`);
    if (response?.status() === 404) break;
    const items = page.getByRole("region", { name: "Newest entries" }).getByRole("listitem");
    const rows = await items.evaluateAll((lis) => lis.map((li) => ({ href: li.querySelector("a")!.getAttribute("href")!, text: li.textContent ?? "" })));
    for (const row of rows) {
      const which = patterns.findIndex((p) => p.test(row.text));
      if (which >= 0) found[which]!.push(row.href);
    }
  }
  return found;
}

/**
 * The organisation of the newest of these entries whose profile says `text` today (history alone
 * does not tell the current status): the slug from the entry's public JSON, then the profile.
 */
async function organisationWhoseProfileSays(page: Page, request: APIRequestContext, entries: string[], text: RegExp): Promise<string> {
  const seen = new Set<string>();
  for (const entry of entries) {
    const { event } = (await (await request.get(`/api/v1${entry}`)).json()) as { event: { organisation: { slug: string } } };
    const slug = event.organisation.slug;
    if (seen.has(slug)) continue;
    seen.add(slug);
    await page.goto(`/signatories/${slug}`);
    if ((await page.getByRole("main").getByText(text).count()) > 0) return slug;
  }
  throw new Error(`no profile says ${text}`);
}

/**
 * A profile reached the way a feed reader would: from the newest signature in /feed.xml, or (when
 * newer figures and concerns have pushed signatures out of it) the newest item on a signatory's page.
 */
async function aSignatoryProfile(request: APIRequestContext): Promise<string> {
  const { feed } = parser.parse(await (await request.get("/feed.xml")).text(), true) as { feed: AtomFeed };
  const linked = (e: AtomEntry) => pathOf(e.link[0]!["@_href"]);
  const entry = feed.entry!.find((e) => e.category[0]!["@_term"] === "accord.signed") ?? feed.entry!.find((e) => linked(e).startsWith("/signatories/"))!;
  return linked(entry).match(/^\/signatories\/[a-z0-9-]+/)![0];
}

async function badge(request: APIRequestContext, path: string) {
  const response = await request.get(path);
  return { response, body: await response.text() };
}

test("/feed.xml is an Atom feed of signatures and status changes, newest first, and pages advertise it", async ({ request, page }) => {
  const response = await request.get("/feed.xml");
  expect(response.status()).toBe(200);
  expect(response.headers()["content-type"]).toBe("application/atom+xml; charset=utf-8");
  expect(response.headers()["cache-control"]).toMatch(/^public, max-age=\d+/);
  const xml = await response.text();
  const { feed } = parser.parse(xml, true) as { feed: AtomFeed & { "@_xmlns": string } };
  expect(feed["@_xmlns"]).toBe("http://www.w3.org/2005/Atom");
  expect(pathOf(feed.id)).toBe("/feed.xml");
  expect(feed.title).toMatch(/Tech Accord/);
  expect(Date.parse(feed.updated)).not.toBeNaN();
  expect(feed.link.map((l) => [l["@_rel"], pathOf(l["@_href"])])).toEqual(expect.arrayContaining([["self", "/feed.xml"]]));

  const entries = feed.entry ?? [];
  expect(entries.length).toBeGreaterThan(10);
  expect(entries.length).toBeLessThanOrEqual(50);
  for (const entry of entries) {
    expect(pathOf(entry.id)).toMatch(/^\/ledger\/entries\/\d+$/);
    expect(entry.title["#text"]).toMatch(/\S/);
    // A profile, a report, the transparency figures, a concern or an accord version.
    expect(pathOf(entry.link[0]!["@_href"])).toMatch(
      /^(\/signatories\/[a-z0-9-]+(\/reports\/\d{4}|\/transparency)?|\/concerns\/[0-9a-f-]{36}|\/accord\/versions\/\d+)$/,
    );
  }
  const updated = entries.map((e) => e.updated);
  expect([...updated].sort().reverse()).toEqual(updated);
  // The demo's newest events are its public concerns and transparency figures.
  expect(entries.map((e) => e.category[0]!["@_term"])).toEqual(expect.arrayContaining(["concern.admitted", "transparency.published"]));

  // An entry's link leads to a real page.
  const first = await request.get(pathOf(entries[0]!.link[0]!["@_href"]));
  expect(first.status()).toBe(200);

  // A reader that kept the ETag is told nothing changed (unless something just did).
  const etag = response.headers()["etag"]!;
  expect(etag).toMatch(/^"[\w-]+"$/);
  const again = await request.get("/feed.xml", { headers: { "If-None-Match": etag } });
  if (again.status() === 200) expect(again.headers()["etag"]).not.toBe(etag);
  else expect(again.status()).toBe(304);

  for (const path of ["/", pathOf(entries[0]!.link[0]!["@_href"])]) {
    await page.goto(path);
    await expect(page.locator('head link[rel="alternate"][type="application/atom+xml"]')).toHaveAttribute("href", /\/feed\.xml$/);
  }
});

test("badges show each organisation's live status: signed, withdrawn, suspended", async ({ browser, page, request }) => {
  // Walks every page of the log once.
  test.setTimeout(120_000);
  // Reading server-rendered pages needs no scripts, and without them nothing can reload a page mid-read.
  const reader = await browser.newContext({ javaScriptEnabled: false });
  const readerPage = await reader.newPage();
  const [signings, withdrawals, suspensions] = await entriesInLedger(readerPage, [
    / signed version \d+ of the accord /,
    / withdrew its signature /,
    / was suspended: /,
  ]);
  const signed = await organisationWhoseProfileSays(readerPage, request, signings!, /^Signatory of version \d+$/);
  const withdrawn = await organisationWhoseProfileSays(readerPage, request, withdrawals!, /^Signature withdrawn$/);
  const suspended = await organisationWhoseProfileSays(readerPage, request, suspensions!, /^Suspended by a moderator:/);
  await reader.close();

  for (const [slug, message, sentence] of [
    [signed, /signed v\d+/, /has signed version \d+ of the Tech Accord/],
    [withdrawn, /withdrawn/, /has withdrawn its signature of the Tech Accord/],
    [suspended, /suspended/, /is suspended from the Tech Accord registry/],
  ] as const) {
    const { response, body } = await badge(request, `/badge/${slug}.svg`);
    expect(response.status(), slug).toBe(200);
    expect(response.headers()["content-type"]).toBe("image/svg+xml");
    expect(response.headers()["cache-control"]).toBe("public, max-age=300, stale-while-revalidate=60");
    expect(response.headers()["access-control-allow-origin"]).toBe("*");
    expect(body).toMatch(/^<svg [^>]*role="img"/);
    expect(body).toMatch(new RegExp(`<text [^>]*>${message.source}</text>`));
    expect(body).toMatch(new RegExp(`<title>Tech Accord: [^<]+ ${sentence.source}\\.</title>`));
    expect(body).toMatch(new RegExp(`aria-label="Tech Accord: [^"]+ ${sentence.source}\\."`));

    // The profile shows the same badge, and the browser draws it.
    await page.goto(`/signatories/${slug}`);
    const image = page.getByRole("region", { name: "Badge" }).getByRole("img");
    await expect(image).toHaveAttribute("alt", sentence);
    await expect.poll(() => image.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBeGreaterThan(0);
  }
});

test("a badge for no organisation is a 404 that still draws a 'not found' badge; bad names are refused, never a 500", async ({ request }) => {
  const { response, body } = await badge(request, "/badge/no-such-org.svg");
  expect(response.status()).toBe(404);
  expect(response.headers()["content-type"]).toBe("image/svg+xml");
  expect(body).toMatch(/^<svg /);
  expect(body).toContain(">not found</text>");
  expect(body).toContain("<title>Tech Accord: no such organisation in the Tech Accord registry.</title>");

  for (const path of [
    "/badge/bad%20slug.svg",
    "/badge/x.png",
    "/badge/Northwind.svg",
    "/badge/..%2Fetc.svg",
    "/badge/%E0%A4%A.svg",
    `/badge/${"a".repeat(300)}.svg`,
  ]) {
    const refused = await request.get(path);
    expect([400, 404], path).toContain(refused.status());
  }
});

test("a profile carries valid schema.org JSON-LD, a share image and the badge's embed snippets", async ({ page, request, context }) => {
  await context.grantPermissions(["clipboard-read", "clipboard-write"]);
  const profilePath = await aSignatoryProfile(request);
  const slug = profilePath.split("/").pop()!;

  await page.goto(profilePath);
  const name = (await page.getByRole("heading", { level: 1 }).textContent())!;
  const ld = JSON.parse((await page.locator('script[type="application/ld+json"]').textContent())!) as Record<string, unknown>;
  expect(ld).toMatchObject({
    "@context": "https://schema.org",
    "@type": "Organization",
    name,
    address: { "@type": "PostalAddress", addressCountry: expect.stringMatching(/^[A-Z]{2}$/) },
  });
  expect(pathOf(ld.url as string)).toBe(profilePath);
  expect(ld.legalName).toMatch(/\S/);
  expect(ld.sameAs).toEqual([expect.stringMatching(/^https:\/\//)]);
  expect(ld.subjectOf).toEqual(expect.arrayContaining([expect.objectContaining({ "@type": "CreativeWork", dateCreated: expect.any(String) })]));

  // The share image is this profile's own, and it is a 1200×630 PNG.
  await expect(page.locator('meta[property="og:image"]').first()).toHaveAttribute("content", new RegExp(`${profilePath}/opengraph-image`));
  const image = await request.get(`${profilePath}/opengraph-image`);
  expect(image.status()).toBe(200);
  expect(image.headers()["content-type"]).toBe("image/png");
  const png = await image.body();
  expect([...png.subarray(0, 8)]).toEqual(PNG_MAGIC);
  expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([1200, 630]);
  expect((await request.get("/signatories/no-such-org/opengraph-image")).status()).toBe(404);

  const section = page.getByRole("region", { name: "Badge" });
  const html = section.getByLabel("HTML", { exact: true });
  const markdown = section.getByLabel("Markdown", { exact: true });
  await expect(html).toContainText(`/badge/${slug}.svg`);
  await expect(html).toContainText(`<img src="`);
  await expect(markdown).toContainText(`[![Tech Accord status of ${name}](`);
  await expect(markdown).toContainText(`${profilePath})`);

  await section.getByRole("button", { name: "Copy the HTML snippet" }).click();
  await expect(section.getByRole("status").first()).toHaveText("HTML snippet copied.");
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(await html.textContent());
  await section.getByRole("button", { name: "Copy the Markdown snippet" }).focus();
  await page.keyboard.press("Enter");
  await expect(section.getByRole("status").nth(1)).toHaveText("Markdown snippet copied.");
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(await markdown.textContent());
});

test("without JavaScript the snippets are plain selectable text with no dead Copy button", async ({ browser, request }) => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto(await aSignatoryProfile(request));
  const section = page.getByRole("region", { name: "Badge" });
  await expect(section.getByLabel("HTML", { exact: true })).toContainText("/badge/");
  await expect(section.getByLabel("Markdown", { exact: true })).toContainText("/badge/");
  await expect(section.getByRole("button")).toHaveCount(0);
  await context.close();
});

for (const scheme of ["light", "dark"] as const) {
  test(`a profile with its badge section passes axe and fits a small phone (${scheme})`, async ({ page, request }) => {
    const profilePath = await aSignatoryProfile(request);
    await page.emulateMedia({ colorScheme: scheme });
    await page.setViewportSize({ width: 360, height: 740 });
    await page.goto(profilePath);
    await expect(page.getByRole("region", { name: "Badge" }).getByRole("button", { name: "Copy the HTML snippet" })).toBeVisible();
    await expectNoViolations(page);
    await fitsSmallPhone(page);
  });
}

test("sitemap.xml lists the signatories' public profiles", async ({ request }) => {
  const profilePath = await aSignatoryProfile(request);
  const sitemap = parser.parse(await (await request.get("/sitemap.xml")).text(), true) as { urlset: { url: { loc: string; lastmod?: string }[] } };
  const profiles = sitemap.urlset.url.filter((u) => /^\/signatories\/[a-z0-9-]+$/.test(pathOf(u.loc)) && pathOf(u.loc) !== "/signatories/stats");
  expect(profiles.length).toBeGreaterThanOrEqual(37);
  expect(profiles.map((u) => pathOf(u.loc))).toContain(profilePath);
  expect(profiles.every((u) => u.lastmod && !Number.isNaN(Date.parse(u.lastmod)))).toBe(true);
});
