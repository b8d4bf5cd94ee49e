import { expect, test } from "@playwright/test";

test("the ledger page shows the signed checkpoint, the key, how to verify and the newest entries", async ({ page }) => {
  await page.goto("/ledger");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Public ledger");
  const size = Number(await page.getByTestId("ledger-size").textContent());
  expect(size).toBeGreaterThan(80);
  await expect(page.getByLabel("Signed checkpoint")).toContainText(`localhost:3000/ledger\n${size}\n`);
  await expect(page.getByLabel("Verifier key")).toHaveText(/^localhost:3000\/ledger\+[0-9a-f]{8}\+/);
  await expect(page.getByLabel("Verify the whole log")).toContainText("npm run verify-ledger -- http://localhost:3000 --key");
  const entries = page.getByRole("region", { name: "Newest entries" }).getByRole("listitem");
  await expect(entries).toHaveCount(25);
  await expect(entries.first()).toContainText(`#${size - 1}`);

  await entries.nth(1).getByRole("link").click();
  await expect(page).toHaveURL(`/ledger/entries/${size - 2}`);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(`Ledger entry #${size - 2}`);
  await expect(page.getByLabel("Entry", { exact: true })).toContainText('"kind":');
  const download = page.waitForEvent("download");
  await page.getByRole("link", { name: /Download the receipt/ }).click();
  expect((await download).suggestedFilename()).toBe(`tech-accord-entry-${size - 2}.tlog-proof`);
});

test("demo mode's witness cosigns the checkpoint and is labelled a demo witness", async ({ page, request }) => {
  // The cosigning job runs right after start-up and after each append; it does not hold up requests.
  await expect.poll(async () => (await request.get("/ledger/checkpoint")).headers()["x-checkpoint-witnessed"], { timeout: 20_000 }).toBe("quorum");
  expect(await (await request.get("/ledger/checkpoint")).text()).toMatch(/\n\n— localhost:3000\/ledger \S+\n— demo-witness\.localhost \S+\n$/);
  expect((await request.get("/ledger/checkpoint/latest")).status()).toBe(200);
  expect(await (await request.get("/api/v1/ledger/witnesses")).json()).toMatchObject({
    quorum: 1,
    witnesses: [{ name: "demo-witness.localhost", demo: true, url: null, verifierKey: expect.stringMatching(/^demo-witness\.localhost\+[0-9a-f]{8}\+B/) }],
  });
  await page.goto("/ledger");
  const row = page.getByTestId("witness-row");
  await expect(row).toContainText("demo-witness.localhost");
  await expect(row).toContainText("demo witness, runs inside this server");
  await expect(page.getByLabel("Witnessed checkpoint")).toContainText("— demo-witness.localhost");
  await expect(page.getByLabel("Verify with a quorum of witnesses")).toContainText("--witness 'demo-witness.localhost+");
});

test("the first entry is the accord's publication", async ({ page }) => {
  await page.goto("/ledger/entries/0");
  await expect(page.getByText("Version 1 of the accord was published.")).toBeVisible();
});

test("C2SP endpoints answer with the right types and caching", async ({ request }) => {
  const checkpoint = await request.get("/ledger/checkpoint");
  expect(checkpoint.headers()["content-type"]).toContain("text/plain");
  const [origin, size] = (await checkpoint.text()).split("\n");
  expect(origin).toBe("localhost:3000/ledger");
  const n = Number(size);
  // The demo log holds a few hundred entries: full tiles, then the partial one at its right edge.
  const last = String(Math.floor(n / 256)).padStart(3, "0");
  if (n % 256 > 0) {
    const partial = await request.get(`/ledger/tile/0/${last}.p/${n % 256}`);
    expect(partial.status()).toBe(200);
    expect((await partial.body()).length).toBe((n % 256) * 32);
    expect(partial.headers()["cache-control"]).toBe("public, max-age=10");
    expect((await request.get(`/ledger/tile/entries/${last}.p/${n % 256}`)).status()).toBe(200);
  }
  if (n >= 256) {
    // A full tile never changes: immutable, and the same bytes when the server serves it again from memory.
    const [full, again] = [await request.get("/ledger/tile/0/000"), await request.get("/ledger/tile/0/000")];
    expect(full.status()).toBe(200);
    expect(full.headers()["cache-control"]).toBe("public, max-age=31536000, immutable");
    expect((await full.body()).length).toBe(256 * 32);
    expect((await again.body()).equals(await full.body())).toBe(true);
  }
  expect((await request.get("/ledger/key")).status()).toBe(200);
  const entry = await request.get("/api/v1/ledger/entries/1");
  expect(await entry.json()).toMatchObject({ index: 1, treeSize: n, event: { kind: "organisation.verified" } });
  expect((await request.get("/api/v1/ledger/consistency?from=1")).status()).toBe(200);
});

for (const [path, status] of [
  ["/ledger/tile/0/099", 404],
  ["/ledger/tile/0/099.p/3", 404],
  ["/ledger/tile/0/0", 400],
  ["/ledger/tile/0/000.p/0", 400],
  ["/ledger/tile/0/000.p/256", 400],
  ["/ledger/tile/0/x000/001", 400],
  ["/ledger/tile/99/000", 400],
  ["/ledger/tile/entries/abc", 400],
  ["/api/v1/ledger/entries/-1", 400],
  ["/api/v1/ledger/entries/01", 400],
  ["/api/v1/ledger/entries/99999999999999999999", 400],
  ["/api/v1/ledger/entries/100000", 404],
  ["/api/v1/ledger/consistency", 400],
  ["/api/v1/ledger/consistency?from=x", 400],
  ["/api/v1/ledger/consistency?from=2&to=1", 400],
  ["/api/v1/ledger/consistency?from=1&evil=1", 400],
  ["/ledger/entries/100000/receipt", 404],
  ["/ledger/entries/abc", 404],
  ["/ledger/entries/100000", 404],
  ["/ledger?page=0", 404],
] as const) {
  test(`${path} answers ${status} with a message, never a 500`, async ({ request }) => {
    const response = await request.get(path);
    expect(response.status()).toBe(status);
    if (path.startsWith("/api/") || path.includes("/tile/") || path.endsWith("/receipt")) {
      expect((await response.json()).error.message).toMatch(/\S/);
    }
  });
}
