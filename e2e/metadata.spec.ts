import { expect, test } from "@playwright/test";
import { principleSlugs, publicPages } from "./public-pages";

const PNG_MAGIC = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

for (const path of publicPages) {
  test(`${path} has a title, description, canonical URL and Open Graph tags`, async ({ page }) => {
    await page.goto(path);
    await expect(page).toHaveTitle(/\S/);
    const head = page.locator("head");
    await expect(head.locator('meta[name="description"]')).toHaveAttribute("content", /\S{10,}/);
    await expect(head.locator('link[rel="canonical"]')).toHaveAttribute(
      "href",
      new RegExp(`^http://localhost:3000${path.split("?")[0]!.replace(/\/$/, "")}/?$`),
    );
    await expect(head.locator('meta[property="og:title"]')).toHaveAttribute("content", /\S/);
    await expect(head.locator('meta[property="og:description"]')).toHaveAttribute("content", /\S/);
    await expect(head.locator('meta[property="og:image"]').first()).toHaveAttribute("content", /opengraph-image/);
  });
}

test("share images are PNGs: home and every principle", async ({ request, page }) => {
  const urls = ["/opengraph-image", ...principleSlugs.map((s) => `/accord/principles/${s}/opengraph-image`)];
  for (const url of urls) {
    const response = await request.get(url);
    expect(response.status(), url).toBe(200);
    expect(response.headers()["content-type"]).toBe("image/png");
    const body = await response.body();
    expect([...body.subarray(0, 8)], url).toEqual(PNG_MAGIC);
    expect(body.readUInt32BE(16), `${url} width`).toBe(1200);
    expect(body.readUInt32BE(20), `${url} height`).toBe(630);
  }
  // The page's og:image points at its own principle's image.
  await page.goto(`/accord/principles/${principleSlugs[2]}`);
  await expect(page.locator('meta[property="og:image"]').first()).toHaveAttribute(
    "content",
    new RegExp(`/accord/principles/${principleSlugs[2]}/opengraph-image`),
  );
});

test("sitemap.xml lists every public page and robots.txt points to it", async ({ request }) => {
  const sitemap = await (await request.get("/sitemap.xml")).text();
  for (const path of publicPages.filter((p) => !p.includes("?") && !p.startsWith("/ledger/entries/"))) {
    expect(sitemap).toContain(`<loc>http://localhost:3000${path === "/" ? "/" : path}</loc>`);
  }
  const robots = await (await request.get("/robots.txt")).text();
  expect(robots).toContain("Sitemap: http://localhost:3000/sitemap.xml");
  expect(robots).toMatch(/Disallow: \/admin/);
});
