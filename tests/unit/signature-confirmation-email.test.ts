import { describe, expect, it } from "vitest";
import { escapeHtml } from "@/lib/email/layout";
import { renderSignatureConfirmationEmail } from "@/lib/email/signature-confirmation";

const hash = "a3f1".repeat(16);
const input = {
  organisation: "Acme Defence",
  version: 2,
  contentHash: hash,
  signerName: "Ada Lovelace",
  signerTitle: "Chief Executive Officer",
  signedAt: new Date("2025-03-04T09:15:00Z"),
  entryUrl: "https://accord.example.org/ledger/entries/41",
  receiptUrl: "https://accord.example.org/ledger/entries/41/receipt",
  dashboardUrl: "https://accord.example.org/dashboard/organisations/acme-defence",
};

describe("signature confirmation email", () => {
  const email = renderSignatureConfirmationEmail(input);

  it("says who signed which version for whom, in the subject and both parts", () => {
    expect(email.subject).toBe("Acme Defence signed version 2 of the accord");
    expect(renderSignatureConfirmationEmail({ ...input, reaffirmation: true }).subject).toBe("Acme Defence re-affirmed version 2 of the accord");
    for (const part of [email.text, email.html]) {
      expect(part).toContain(hash);
      expect(part).toContain("Ada Lovelace, Chief Executive Officer");
      expect(part).toContain("4 March 2025, 09:15 UTC");
    }
  });

  it("gives the ledger entry, receipt and dashboard links, each alone on a line of the text part", () => {
    const lines = email.text.split("\n");
    for (const url of [input.entryUrl, input.receiptUrl, input.dashboardUrl]) {
      expect(lines).toContain(url);
      expect(email.html).toContain(`href="${escapeHtml(url)}"`);
    }
  });

  it("escapes names in the HTML and keeps the subject on one line", () => {
    const hostile = renderSignatureConfirmationEmail({ ...input, organisation: "Evil <script>alert(1)</script>\r\nBcc: x@y", signerName: '"><img src=x>' });
    expect(hostile.html).not.toContain("<script");
    expect(hostile.html).not.toContain("<img");
    expect(hostile.subject).not.toMatch(/[\r\n]/);
  });

  it("refuses links that are not http(s)", () => {
    expect(() => renderSignatureConfirmationEmail({ ...input, receiptUrl: "javascript:alert(1)" })).toThrow(/http\(s\)/);
  });
});
