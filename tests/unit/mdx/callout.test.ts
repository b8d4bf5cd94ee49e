import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { Callout } from "@/components/mdx/callout";

const render = (tone?: string) => renderToStaticMarkup(createElement(Callout, { tone }, "Body"));

describe("Callout", () => {
  it("labels each known tone", () => {
    expect(render("warning")).toContain('aria-label="Important"');
    expect(render("principle")).toContain('aria-label="Principle"');
    expect(render()).toContain('aria-label="Note"');
  });

  it.each(["constructor", "__proto__", "toString", "hasOwnProperty", "unknown"])("treats tone %s as a note, not as something every object inherits", (tone) => {
    const html = render(tone);
    expect(html).toBe(render("info"));
    expect(html).not.toContain("undefined");
  });
});
