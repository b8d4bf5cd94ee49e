import { createHash } from "node:crypto";
import { expect, test } from "@playwright/test";
import { principleSlugs } from "./public-pages";
import { expectNoViolations, fitsSmallPhone } from "./page-checks";

const sha256 = (bytes: Buffer) => createHash("sha256").update(bytes).digest("hex");

test("the versions list shows version 1 with a hash that the snapshot download reproduces, and its ledger entry", async ({ page, request }) => {
  await page.goto("/accord");
  await page.getByRole("link", { name: "All versions and what changed" }).click();
  await page.waitForURL("/accord/versions");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Versions of the accord");

  const v1 = page.getByRole("article", { name: "Version 1" });
  await expect(v1).toContainText("First version, imported from the shipped text.");
  const hash = (await v1.getByTestId("content-hash-1").textContent())!;
  expect(hash).toMatch(/^[0-9a-f]{64}$/);
  await expect(v1.getByTestId("standing-signatories-1")).toHaveText(/^\d+$/);

  // The hash is checkable with nothing but the download and SHA-256.
  const snapshot = await request.get("/accord/versions/1/snapshot.json");
  expect(snapshot.status()).toBe(200);
  expect(snapshot.headers()["content-type"]).toBe("application/json; charset=utf-8");
  expect(sha256(await snapshot.body())).toBe(hash);
  expect((await snapshot.json()).principles.map((p: { slug: string }) => p.slug)).toEqual(principleSlugs);
  await expect(page.getByLabel("Recompute a content hash")).toContainText("/accord/versions/");
  await expect(page.getByLabel("Recompute a content hash")).toContainText("| sha256sum");

  const download = page.waitForEvent("download");
  await v1.getByRole("link", { name: "Snapshot (JSON) of version 1" }).click();
  expect((await download).suggestedFilename()).toBe("tech-accord-v1.json");

  await v1.getByRole("link", { name: /\(version 1 published\)/ }).click();
  await page.waitForURL(/\/ledger\/entries\/\d+$/);
  await expect(page.getByText("Version 1 of the accord was published.")).toBeVisible();
  await expect(page.getByLabel("Entry", { exact: true })).toContainText(`"contentHash":"${hash}"`);
});

test("version 1's page renders the full text as published, with its hash", async ({ page }) => {
  await page.goto("/accord/versions");
  await page.getByRole("link", { name: "Read the text of version 1" }).click();
  await page.waitForURL("/accord/versions/1");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Version 1 of the accord");
  await expect(page.getByTestId("content-hash-1")).toHaveText(/^[0-9a-f]{64}$/);
  const text = page.getByRole("article", { name: "The Tech Accord" });
  await expect(text.getByText(/^Principle \d+$/)).toHaveCount(principleSlugs.length);
  // Rendered through the MDX pipeline, not shown as source.
  await expect(text.getByRole("heading", { name: "Why this accord exists" })).toBeVisible();
  await expect(text).not.toContainText("## ");
  await expect(text).not.toContainText("<Callout");
});

test("the diff page for version 1 says it is the first version and links to its text", async ({ page }) => {
  await page.goto("/accord/versions/1");
  await page.getByRole("link", { name: "What changed in version 1" }).click();
  await page.waitForURL("/accord/versions/1/diff");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("What changed in version 1");
  await expect(page.getByText("Version 1 is the first version of the accord")).toBeVisible();
  await page.getByRole("link", { name: "Read version 1 in full" }).click();
  await page.waitForURL("/accord/versions/1");
});

const badVersions = ["0", "01", "-1", "1.0", "1e0", "+1", "abc", "%20", "999999", "1000000", "1000001", "9".repeat(40)];

for (const version of badVersions) {
  for (const suffix of ["", "/diff"]) {
    const path = `/accord/versions/${version}${suffix}`;
    test(`${path.slice(0, 60)} is the 404 page`, async ({ page }) => {
      const response = await page.goto(path);
      expect(response?.status()).toBe(404);
      await expect(page.getByRole("heading", { level: 1 })).toHaveText("We could not find that page");
    });
  }
}

test("a snapshot that does not exist is a 404 with a message, never a 500", async ({ request }) => {
  for (const version of ["0", "01", "abc", "999999", "1000001"]) {
    const response = await request.get(`/accord/versions/${version}/snapshot.json`);
    expect(response.status(), version).toBe(404);
    expect((await response.json()).error.code).toBe("not_found");
  }
});

test("the sitemap lists the versions page", async ({ request }) => {
  expect(await (await request.get("/sitemap.xml")).text()).toContain("/accord/versions</loc>");
});

const pages = ["/accord/versions", "/accord/versions/1", "/accord/versions/1/diff"];

for (const scheme of ["light", "dark"] as const) {
  for (const path of pages) {
    test(`axe finds no violations on ${path} (${scheme})`, async ({ page }) => {
      await page.emulateMedia({ colorScheme: scheme });
      await page.goto(path);
      await expectNoViolations(page);
    });
  }
}

test("the version pages fit a small phone without horizontal scrolling", async ({ page }) => {
  await page.setViewportSize({ width: 360, height: 740 });
  for (const path of pages) {
    await page.goto(path);
    await fitsSmallPhone(page, path);
  }
});
