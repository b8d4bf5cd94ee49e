import { expect, test } from "@playwright/test";

const missing = [
  "/no-such-page",
  "/accord/principles/no-such-principle",
  "/accord/principles/%E0%A4%A",
  "/accord/principles/..%2F..%2Fetc%2Fpasswd",
  "/accord/principles/" + "a".repeat(3000),
  "/accord/principles/defence-not-offence/extra",
  "/accord/principles/no-such-principle/opengraph-image",
];

for (const path of missing) {
  test(`${path.slice(0, 60)} answers the site's 404 page, never a 500`, async ({ page }) => {
    const response = await page.goto(path);
    expect(response?.status()).toBeGreaterThanOrEqual(400);
    expect(response?.status()).toBeLessThan(500);
    if (response?.headers()["content-type"]?.includes("text/html")) {
      await expect(page.getByRole("heading", { level: 1 })).toHaveText("We could not find that page");
      await expect(page.getByRole("link", { name: "Tech Accord Registry" })).toBeVisible();
    }
  });
}

test("the health endpoint reports ready", async ({ request }) => {
  const response = await request.get("/api/health");
  expect(response.status()).toBe(200);
  expect(await response.json()).toMatchObject({ status: "ok", database: "pglite" });
});
