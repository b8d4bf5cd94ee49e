import { expect, test } from "@playwright/test";
import { emailsTo, linkIn, signIn, waitForEmail } from "./services";

test("signed-in areas send visitors to sign in and bring them back", async ({ page }) => {
  await page.goto("/dashboard");
  await expect(page).toHaveURL(/\/sign-in\?callbackUrl=%2Fdashboard$/);
  await signIn(page, "reader@signin-e2e.test");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Dashboard");
  await expect(page.getByTestId("signed-in-as")).toHaveText("reader@signin-e2e.test");

  await page.getByRole("link", { name: "Sign out" }).click();
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/$/);
  await page.goto("/dashboard");
  await expect(page).toHaveURL(/\/sign-in/);
});

test("the email says where the link goes, when it expires and what to do if unexpected", async ({ page }) => {
  await page.goto("/sign-in");
  await page.getByLabel("Work email").fill("mail@signin-e2e.test");
  await page.getByRole("button", { name: "Email me a sign-in link" }).click();
  const email = await waitForEmail("mail@signin-e2e.test");
  expect(email.subject).toMatch(/sign in/i);
  expect(email.text).toMatch(/expire/i);
  expect(email.text).toMatch(/did not|didn't/i);
  expect(email.html).toContain(linkIn(email).replace(/&/g, "&amp;"));
});

test("a used link cannot sign in again", async ({ page, browser }) => {
  await signIn(page, "once@signin-e2e.test");
  // Ask for a second link, use it once in another browser, then try it again.
  const other = await browser.newContext();
  const second = await other.newPage();
  await second.goto("/sign-in");
  await second.getByLabel("Work email").fill("twice@signin-e2e.test");
  await second.getByRole("button", { name: "Email me a sign-in link" }).click();
  const link = new URL(linkIn(await waitForEmail("twice@signin-e2e.test")));
  await second.goto(`${link.pathname}${link.search}`);
  await expect(second).toHaveURL(/\/dashboard/);
  const third = await (await browser.newContext()).newPage();
  await third.goto(`${link.pathname}${link.search}`);
  await expect(third).toHaveURL(/\/sign-in\/error\?error=Verification/);
  await expect(third.getByRole("main").getByRole("alert")).toContainText("expired or has already been used");
});

test("bad addresses get a message beside the field and nothing is sent", async ({ page }) => {
  // Over-long addresses are cut by the field's maxlength; the schema's limit is tested in unit tests.
  for (const bad of ["not-an-email", "a@b", "two words@example.test"]) {
    await page.goto("/sign-in");
    await page.getByLabel("Work email").fill(bad);
    await page.getByRole("button", { name: "Email me a sign-in link" }).click();
    await expect(page.locator("#email-error")).toContainText(/email address|too long/);
    await expect(page.getByLabel("Work email")).toHaveValue(bad);
  }
  for (const bad of ["not-an-email", "a@b", "two words@example.test"]) expect(await emailsTo(bad)).toEqual([]);
});

test("too many links for one address are refused with a clear message", async ({ page }) => {
  const address = "flood@signin-e2e.test";
  for (let i = 0; i < 5; i++) {
    await page.goto("/sign-in");
    await page.getByLabel("Work email").fill(address);
    await page.getByRole("button", { name: "Email me a sign-in link" }).click();
    await expect(page.getByRole("heading", { name: "Check your email" })).toBeVisible();
  }
  await page.goto("/sign-in");
  await page.getByLabel("Work email").fill(address);
  await page.getByRole("button", { name: "Email me a sign-in link" }).click();
  await expect(page.getByText("Too many sign-in links have been requested for this address")).toHaveAttribute("role", "alert");
  await expect(page.getByLabel("Work email")).toHaveValue(address);
  expect(await emailsTo(address)).toHaveLength(5);
});

test("Auth.js endpoints keep working for scripted clients", async ({ request }) => {
  const providers = await (await request.get("/api/auth/providers")).json();
  expect(providers.nodemailer).toMatchObject({ id: "nodemailer", type: "email" });
  const { csrfToken } = await (await request.get("/api/auth/csrf")).json();
  expect(csrfToken).toMatch(/^[0-9a-f]{32,}$/);
  const session = await request.get("/api/auth/session");
  expect(session.status()).toBe(200);
  expect(await session.json()).toBeNull();
  const signin = await request.post("/api/auth/signin/nodemailer", {
    form: { csrfToken, email: "script@signin-e2e.test", callbackUrl: "/dashboard" },
    maxRedirects: 0,
  });
  expect(signin.status()).toBe(302);
  expect(signin.headers().location).toContain("/api/auth/verify-request");
  const next = new URL(signin.headers().location ?? "");
  const verifyRequest = await request.get(`${next.pathname}${next.search}`, { maxRedirects: 0 });
  expect(verifyRequest.headers().location).toContain("/sign-in/check-email");
  expect((await waitForEmail("script@signin-e2e.test")).subject).toMatch(/sign in/i);
  const forged = await request.post("/api/auth/signin/nodemailer", { form: { email: "nocsrf@signin-e2e.test" }, maxRedirects: 0 });
  expect(forged.status()).toBe(302);
  expect(forged.headers().location).toMatch(/error|csrf/i);
});

test("oversize posts are answered 413 before the server reads them, the Auth.js route and server actions included", async ({ request }) => {
  const auth = await request.post("/api/auth/signin/nodemailer", {
    headers: { "content-type": "application/x-www-form-urlencoded" },
    data: `email=${"x".repeat(100_000)}`,
  });
  expect(auth.status()).toBe(413);
  expect(await auth.text()).toContain("at most 16 KB");
  // Next itself would answer an oversize server action with 500.
  const action = await request.post("/sign-in", {
    headers: { "next-action": "0".repeat(42), "content-type": "text/plain;charset=UTF-8" },
    data: "x".repeat(70_000),
  });
  expect(action.status()).toBe(413);
  expect(await action.text()).toContain("at most 64 KB");
});

test("a scripted post is held to the form's address rules: refused with the reason, nothing sent", async ({ request }) => {
  const { csrfToken } = await (await request.get("/api/auth/csrf")).json();
  for (const [email, reason] of [
    ["a,b@signin-e2e.test", /one email address/],
    ["zero\u200bwidth@signin-e2e.test", /invisible character/],
    ["ada@ｓｉｇｎｉｎ-e2e.test", /not written the way it is registered/],
  ] as const) {
    const refused = await request.post("/api/auth/signin/nodemailer", { form: { csrfToken, email, callbackUrl: "/dashboard" }, maxRedirects: 0 });
    expect(refused.status()).toBe(400);
    expect(await refused.text()).toMatch(reason);
  }
  expect(await emailsTo("a,b@signin-e2e.test")).toEqual([]);
  expect(await emailsTo("b@signin-e2e.test")).toEqual([]);
});
