import { describe, expect, it } from "vitest";
import { summaryText } from "@/components/forms/error-summary";
import { limitBand } from "@/components/forms/text-counter";
import { organisationInputSchema } from "@/lib/validation/organisation";
import { textLimitProblem } from "@/lib/validation/text-limit";

describe("the error summary's wording", () => {
  it("names the field before a message that continues its label, and keeps a whole sentence as it is", () => {
    expect(summaryText("Website", "must start with https://, not http://")).toBe("Website must start with https://, not http://");
    expect(summaryText("Country", "Choose a country")).toBe("Choose a country");
    expect(summaryText(undefined, "is required")).toBe("is required");
  });
});

describe("the live counter", () => {
  it("speaks only when the text comes near the limit or goes over it", () => {
    const limit = { max: 1000 };
    expect(limitBand(899, limit)).toBe("ok");
    expect(limitBand(900, limit)).toBe("near");
    expect(limitBand(1000, limit)).toBe("near");
    expect(limitBand(1001, limit)).toBe("over");
    expect(limitBand(110, { max: 120 })).toBe("near");
  });

  it("flags in the browser exactly what the server refuses, with the same message", () => {
    const description = `${"a".repeat(500)}\n\n${"b".repeat(499)}`;
    for (const text of [description, `${description}!`, description.replace(/\n/g, "\r\n")]) {
      const browser = textLimitProblem(text, { max: 1000 });
      const server = organisationInputSchema.safeParse({
        legalName: "A Ltd",
        displayName: "A",
        primaryDomain: "a.example",
        country: "DE",
        sector: "software",
        description: text,
      }).error?.issues[0]?.message;
      expect(server).toBe(browser);
    }
  });
});
