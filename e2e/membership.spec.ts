import { expect, type Page, test } from "@playwright/test";
import { expectNoViolations } from "./page-checks";
import { emailsTo, signIn } from "./services";

async function invitationLink(address: string): Promise<string> {
  let link: string | undefined;
  await expect
    .poll(
      async () => {
        link = (await emailsTo(address)).map((m) => m.text.match(/https?:\/\/\S+\/dashboard\/invitations\/[A-Za-z0-9_-]{43}/)?.[0]).find(Boolean);
        return link !== undefined;
      },
      { timeout: 20_000, message: `no invitation for ${address}` },
    )
    .toBe(true);
  return new URL(link!).pathname;
}

async function registerAndVerify(page: Page, name: string) {
  await page.goto("/dashboard/organisations/new");
  await page.getByLabel("Legal name").fill(`${name} Ltd`);
  await page.getByLabel("Display name").fill(name);
  await page.getByLabel("Country").selectOption("GB");
  await page.getByLabel("Sector").selectOption("software");
  await page.getByRole("button", { name: "Register organisation" }).click();
  await page.getByRole("button", { name: "Verify with my email" }).click();
  await expect(page.getByRole("main").getByRole("status").first()).toContainText(`${name} is verified`);
  return new URL(page.url()).pathname;
}

test("an owner invites a colleague and decides a subdomain's request; members leave; only owners manage", async ({ browser }) => {
  test.setTimeout(150_000);
  const domain = "members-e2e.test";
  const owner = await (await browser.newContext()).newPage();
  await signIn(owner, `olga@${domain}`);
  const orgPath = await registerAndVerify(owner, "Members Co");

  // Invite by keyboard: bad input is refused beside the field, then the invitation goes out.
  await owner.goto(orgPath);
  const panel = owner.getByRole("region", { name: "Members" });
  await expect(panel.getByText("Nobody is waiting to join.")).toBeVisible();
  await expect(panel.getByText("No open invitations.")).toBeVisible();
  await panel.getByLabel("Colleague's email address").fill("not an address");
  await panel.getByLabel("Colleague's email address").press("Enter");
  await expect(panel.locator("[id$=email-error]")).toContainText("email address");
  await panel.getByLabel("Colleague's email address").fill("dana@contractor-e2e.test");
  await panel.getByRole("button", { name: "Send invitation" }).click();
  await expect(panel.getByRole("status")).toContainText("Invitation sent to dana@contractor-e2e.test");
  await owner.reload();
  await expect(owner.getByRole("region", { name: "Members" }).getByRole("listitem").filter({ hasText: "dana@contractor-e2e.test" })).toContainText(
    "works until",
  );
  await expectNoViolations(owner, "members panel");
  const invitation = await invitationLink("dana@contractor-e2e.test");

  // Someone else with the link is told it is not theirs; the invited person accepts once.
  const eve = await (await browser.newContext()).newPage();
  await signIn(eve, "eve@contractor-e2e.test", invitation);
  await expect(eve.getByRole("main")).toContainText("This invitation is for someone else");
  await expect(eve.getByRole("button", { name: "Accept the invitation" })).toHaveCount(0);
  const dana = await (await browser.newContext()).newPage();
  await signIn(dana, "dana@contractor-e2e.test", invitation);
  await expectNoViolations(dana, "invitation page");
  await dana.getByRole("button", { name: "Accept the invitation" }).click();
  await expect(dana.getByRole("status").filter({ hasText: "you are now a member of Members Co" })).toBeVisible();
  await dana.goto(invitation);
  await expect(dana.getByRole("main")).toContainText("You are a member of Members Co");
  // A member registers commitments but sees no member controls and cannot publish reports.
  await dana.goto(orgPath);
  await expect(dana.getByRole("button", { name: "Make owner" })).toHaveCount(0);
  await expect(dana.getByRole("button", { name: "Send invitation" })).toHaveCount(0);

  // A subdomain address asks; the owner approves.
  const eric = await (await browser.newContext()).newPage();
  await signIn(eric, `eric@eu.${domain}`);
  await eric.getByRole("button", { name: "Ask to join Members Co" }).click();
  // The page now says so in place of the button, and keeps saying it.
  await expect(eric.getByRole("main").getByRole("status")).toContainText("You asked to join on");
  await eric.reload();
  await expect(eric.getByRole("main")).toContainText("The owners of Members Co were told");
  await owner.reload();
  await owner.getByRole("button", { name: `Approve eric@eu.${domain}` }).click();
  await expect(owner.getByRole("region", { name: "Members" }).getByRole("status")).toContainText("Request approved");
  await expect(
    owner
      .getByRole("region", { name: "Members" })
      .getByRole("listitem")
      .filter({ hasText: `eric@eu.${domain}` }),
  ).toContainText("member");

  // Dana leaves; the only owner cannot.
  await dana.goto(orgPath);
  await dana.getByRole("button", { name: "Leave Members Co" }).click();
  await expect(dana.getByRole("main").getByRole("status")).toContainText("You left the organisation");
  await owner.reload();
  await expect(owner.getByRole("button", { name: "Leave Members Co" })).toHaveCount(0);
  await expect(owner.getByRole("region", { name: "Members" })).toContainText("You are the only owner");
});
