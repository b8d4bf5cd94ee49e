import { describe, expect, it } from "vitest";
import { signAccordSchema, withdrawSchema } from "@/lib/validation/signing";

const organisationId = "0b5c3c1e-8d4f-4a6b-9c1d-2e3f4a5b6c7d";
const form = { organisationId, version: "3", signerName: "Ada Lovelace", signerTitle: "CEO", attestation: "on" };

/** The first message for a field, as the action shows it beside that field. */
function errorFor(result: { success: boolean; error?: { issues: { path: PropertyKey[]; message: string }[] } }, field: string) {
  return result.error?.issues.find((i) => i.path[0] === field)?.message;
}

describe("signing form", () => {
  it("parses the form's strings: version as a number, names trimmed", () => {
    const parsed = signAccordSchema.parse({ ...form, signerName: "  Ada Lovelace ", signerTitle: " CEO " });
    expect(parsed).toEqual({ organisationId, version: 3, signerName: "Ada Lovelace", signerTitle: "CEO", affirmed: [] });
  });

  it("collects every ticked affirm-<slug> box, and only those", () => {
    const parsed = signAccordSchema.parse({
      ...form,
      "affirm-defence-not-offence": "on",
      "affirm-protect-every-customer": "on",
      "affirm-unticked": "off",
      "affirm-empty": "",
      affirmative: "on",
      "not-affirm-x": "on",
    });
    expect(parsed.affirmed).toEqual(["defence-not-offence", "protect-every-customer"]);
    expect(parsed).not.toHaveProperty("affirmative");
  });

  it("requires the attestation, ticked", () => {
    const { attestation: _, ...without } = form;
    expect(errorFor(signAccordSchema.safeParse(without), "attestation")).toMatch(/authorised to sign/);
    expect(errorFor(signAccordSchema.safeParse({ ...form, attestation: "off" }), "attestation")).toMatch(/authorised to sign/);
    expect(errorFor(signAccordSchema.safeParse({ ...form, attestation: "" }), "attestation")).toMatch(/authorised to sign/);
  });

  it("refuses names and titles under two characters after trimming, and over 200", () => {
    expect(errorFor(signAccordSchema.safeParse({ ...form, signerName: " A " }), "signerName")).toBe("must be at least 2 characters");
    expect(errorFor(signAccordSchema.safeParse({ ...form, signerName: "" }), "signerName")).toBe("Enter your full name");
    expect(errorFor(signAccordSchema.safeParse({ ...form, signerTitle: "X" }), "signerTitle")).toBe("must be at least 2 characters");
    expect(signAccordSchema.safeParse({ ...form, signerName: "Al", signerTitle: "VP" }).success).toBe(true);
    expect(signAccordSchema.safeParse({ ...form, signerName: "n".repeat(200) }).success).toBe(true);
    expect(errorFor(signAccordSchema.safeParse({ ...form, signerName: "n".repeat(201) }), "signerName")).toMatch(/too long: 201 characters, the limit is 200/);
  });

  it("refuses a forged organisation id or version", () => {
    expect(errorFor(signAccordSchema.safeParse({ ...form, organisationId: "1 or 1=1" }), "organisationId")).toBeDefined();
    for (const version of ["0", "-1", "1.5", "two", ""]) {
      expect(signAccordSchema.safeParse({ ...form, version }).success, version).toBe(false);
    }
  });
});

describe("withdrawal form", () => {
  it("needs a public reason of 20 to 1000 characters, counted after trimming", () => {
    expect(errorFor(withdrawSchema.safeParse({ organisationId, reason: "x".repeat(19) }), "reason")).toMatch(/at least 20/);
    expect(errorFor(withdrawSchema.safeParse({ organisationId, reason: `  ${"x".repeat(19)}   ` }), "reason")).toMatch(/at least 20/);
    expect(withdrawSchema.parse({ organisationId, reason: "x".repeat(20) }).reason).toHaveLength(20);
    expect(withdrawSchema.parse({ organisationId, reason: "x".repeat(1000) }).reason).toHaveLength(1000);
    expect(errorFor(withdrawSchema.safeParse({ organisationId, reason: "x".repeat(1001) }), "reason")).toMatch(
      /is too long: 1,001 characters, the limit is 1,000/,
    );
    // Paragraphs sent with CR LF count one character per break, as the browser's counter does.
    const paragraphs = `${"x".repeat(498)}\r\n\r\n${"y".repeat(500)}`;
    expect(withdrawSchema.parse({ organisationId, reason: paragraphs }).reason).toBe(`${"x".repeat(498)}\n\n${"y".repeat(500)}`);
    expect(errorFor(withdrawSchema.safeParse({ organisationId }), "reason")).toBeDefined();
  });

  it("refuses a forged organisation id", () => {
    expect(errorFor(withdrawSchema.safeParse({ organisationId: "not-a-uuid", reason: "x".repeat(40) }), "organisationId")).toBeDefined();
  });
});
