import { describe, expect, it } from "vitest";
import type { NoticeKind } from "@/lib/notifications/notify";
import { renderNotice } from "@/lib/notifications/templates";

const kinds: NoticeKind[] = [
  "organisation.verified",
  "accord.signed",
  "accord.reaffirmed",
  "signature.withdrawn",
  "organisation.suspended",
  "organisation.delisted",
  "organisation.reinstated",
  "ownership.changed",
  "membership.requested",
  "membership.changed",
  "claim.closed",
  "accord.reaffirm_requested",
];

const context = (facts: Record<string, string>) => ({
  organisation: { displayName: "Charlie & Co <Labs>", slug: "charlie" },
  facts,
  dashboardUrl: "https://registry.test/dashboard/organisations/charlie",
  profileUrl: "https://registry.test/signatories/charlie",
  siteName: "Tech Accord Registry",
});

describe("notice emails", () => {
  it.each(kinds)("%s: a subject naming the organisation, text and HTML, a link, and no missing facts shown", (kind) => {
    const email = renderNotice(kind, context({}));
    expect(email.subject).not.toMatch(/undefined|null|\n/);
    expect(email.text).not.toMatch(/undefined|null/);
    expect(email.html).not.toMatch(/undefined|null/);
    expect(email.text).toContain("Charlie & Co <Labs>");
    expect(email.html).toContain("Charlie &amp; Co &lt;Labs&gt;");
    expect(email.html).not.toContain("<Labs>");
    expect(email.text).toMatch(/https:\/\/registry\.test\/(dashboard\/organisations|signatories)\/charlie/);
    expect(email.html).toContain("<!DOCTYPE html>");
  });

  it.each(["signature.withdrawn", "organisation.suspended", "organisation.delisted", "ownership.changed", "claim.closed", "membership.changed"] as const)(
    "%s: shows the public reason, escaped in HTML",
    (kind) => {
      const email = renderNotice(kind, context({ reason: `Sold exploits <script>alert(1)</script>` }));
      expect(email.text).toContain("Reason given: Sold exploits <script>alert(1)</script>");
      expect(email.html).toContain("Sold exploits &lt;script&gt;alert(1)&lt;/script&gt;");
      expect(email.html).not.toContain("<script>");
    },
  );

  it("the re-affirmation request names both versions and what changed", () => {
    const email = renderNotice("accord.reaffirm_requested", context({ version: "3", previousVersion: "2", changelog: "Clarified disclosure." }));
    expect(email.subject).toBe("Charlie & Co <Labs>: please re-affirm version 3 of the accord");
    expect(email.text).toContain("signature stands for version 2");
    expect(email.text).toContain("What changed: Clarified disclosure.");
    expect(email.text).toContain("https://registry.test/dashboard/organisations/charlie");
  });

  it("refuses a link that is not a web URL", () => {
    expect(() => renderNotice("accord.signed", { ...context({}), dashboardUrl: "javascript:alert(1)" })).toThrow(/absolute http/);
  });
});
