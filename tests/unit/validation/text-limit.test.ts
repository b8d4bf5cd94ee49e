import { describe, expect, it } from "vitest";
import { commitmentStatusSchema } from "@/lib/validation/commitment";
import { organisationInputSchema, moderateSchema, approveSchema } from "@/lib/validation/organisation";
import { changelogSchema, returnReviewSchema } from "@/lib/validation/studio";
import { countCharacters, normaliseLineBreaks, textLimitProblem, textLimits } from "@/lib/validation/text-limit";

const organisation = {
  legalName: "Acme Defence Ltd",
  displayName: "Acme Defence",
  primaryDomain: "acme.example",
  country: "DE",
  sector: "software",
  description: "",
};

const errorFor = (result: { success: boolean; error?: { issues: { path: PropertyKey[]; message: string }[] } }, field: string) =>
  result.error?.issues.find((issue) => issue.path[0] === field)?.message;

/** Three paragraphs of exactly `total` characters as the browser counts them, sent with CR LF as browsers send a textarea. */
function paragraphs(total: number): string {
  const breaks = 4; // two blank lines between three paragraphs
  const each = Math.floor((total - breaks) / 3);
  const lf = ["a".repeat(each), "b".repeat(each), "c".repeat(total - breaks - 2 * each)].join("\n\n");
  expect(lf.length).toBe(total);
  return lf.replace(/\n/g, "\r\n");
}

describe("the shared text-limit rule", () => {
  it("counts a line break as one character, whether sent as LF, CR LF or CR, and UTF-16 code units as maxlength does", () => {
    expect(countCharacters("a\r\nb")).toBe(3);
    expect(countCharacters("a\rb\nc")).toBe(5);
    expect(normaliseLineBreaks("a\r\n\r\nb\rc")).toBe("a\n\nb\nc");
    // An emoji outside the BMP is two code units, as the browser's maxlength counts it.
    expect(countCharacters("😀")).toBe(2);
    expect(countCharacters("é")).toBe(1);
  });

  it("says how long the text is, the limit and how much to cut", () => {
    expect(textLimitProblem("x".repeat(1012), { max: 1000 })).toBe("is too long: 1,012 characters, the limit is 1,000 (remove 12)");
    expect(textLimitProblem("x".repeat(1000), { max: 1000 })).toBeUndefined();
  });

  it("accepts a 1,000-character organisation description in three paragraphs sent with CR LF, and stores it with LF", () => {
    const sent = paragraphs(1000);
    expect(sent.length).toBe(1004);
    const parsed = organisationInputSchema.parse({ ...organisation, description: sent });
    expect(parsed.description).toHaveLength(1000);
    expect(parsed.description).not.toContain("\r");
    expect(errorFor(organisationInputSchema.safeParse({ ...organisation, description: paragraphs(1001) }), "description")).toBe(
      "is too long: 1,001 characters, the limit is 1,000 (remove 1)",
    );
  });

  it("applies the same rule to moderation reasons, notes, changelogs and review comments", () => {
    const organisationId = "7e0f3a55-1d2b-4c3d-8e4f-5a6b7c8d9e0f";
    const max = textLimits.moderationReason.max;
    const atLimit = `${"r".repeat(max / 2 - 1)}\r\n\r\n${"s".repeat(max / 2 - 1)}`;
    expect(moderateSchema.parse({ organisationId, change: "suspend", reason: atLimit }).reason).toHaveLength(max);
    expect(approveSchema.safeParse({ organisationId, note: `${atLimit}x` }).success).toBe(false);
    const changelog = `${"c".repeat(249)}\r\n${"d".repeat(250)}`;
    expect(changelogSchema.parse(changelog)).toHaveLength(500);
    expect(changelogSchema.safeParse(`${changelog}!`).error?.issues[0]?.message).toBe("is too long: 501 characters, the limit is 500 (remove 1)");
    const key = "preamble";
    expect(returnReviewSchema.parse({ key, draftRevision: "1", comment: `${"a".repeat(499)}\r\n${"b".repeat(500)}` }).comment).toHaveLength(1000);
  });

  it("asks to choose a country or a sector when none was chosen, not for a code format", () => {
    const result = organisationInputSchema.safeParse({ ...organisation, country: "", sector: "" });
    expect(errorFor(result, "country")).toBe("Choose a country");
    expect(errorFor(result, "sector")).toBe("Choose a sector");
    expect(errorFor(organisationInputSchema.safeParse({ ...organisation, country: "ZZ" }), "country")).toMatch(/ISO 3166-1/);
    expect(errorFor(organisationInputSchema.safeParse({ ...organisation, legalName: "  " }), "legalName")).toBe("Enter the organisation's legal name");
  });

  it("says what is wrong with a website: the scheme, not https, or not an address", () => {
    const website = (value: string) => errorFor(organisationInputSchema.safeParse({ ...organisation, website: value }), "website");
    expect(website("http://acme.example")).toBe("must start with https://, not http://");
    expect(website("ftp://acme.example")).toBe("must be an https:// address, not ftp:");
    expect(website("acme.example")).toBe("must start with https://");
    expect(website("https://user:pw@acme.example")).toBe("must not contain a user name or password");
    expect(website("https://acme.example/about")).toBeUndefined();
    expect(organisationInputSchema.parse({ ...organisation, website: "" }).website).toBeUndefined();
  });

  it("keeps the statuses' own messages", () => {
    expect(commitmentStatusSchema.safeParse("done").success).toBe(false);
  });
});
