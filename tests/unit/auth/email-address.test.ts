import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ADDRESS_MESSAGES, addressBucketKey, emailAddressSchema, normaliseEmailAddress } from "@/lib/validation/email-address";
import { signInSchema } from "@/lib/validation/auth";

const ok = (email: string) => ({ ok: true, email });
const refused = (message: string) => ({ ok: false, message });

describe("normaliseEmailAddress", () => {
  it("trims, lower-cases and keeps ASCII addresses as typed", () => {
    expect(normaliseEmailAddress("  Ada.Lovelace@Example.TEST ")).toEqual(ok("ada.lovelace@example.test"));
    expect(normaliseEmailAddress("ada+news@acme.test")).toEqual(ok("ada+news@acme.test"));
  });

  it("stores and mails the ASCII form of an internationalised domain, typed in Unicode or in punycode", () => {
    expect(normaliseEmailAddress("ada@bücher.de")).toEqual(ok("ada@xn--bcher-kva.de"));
    expect(normaliseEmailAddress("ada@xn--bcher-kva.de")).toEqual(ok("ada@xn--bcher-kva.de"));
    // NFD input (u + combining diaeresis) is the same address once composed.
    expect(normaliseEmailAddress("ada@bu\u0308cher.de")).toEqual(ok("ada@xn--bcher-kva.de"));
    expect(normaliseEmailAddress("ADA@BÜCHER.DE")).toEqual(ok("ada@xn--bcher-kva.de"));
  });

  it.each([
    ["a,b@acme.test", ADDRESS_MESSAGES.single],
    ["a@acme.test,b@evil.test", ADDRESS_MESSAGES.single],
    ['"a@b"@acme.test', ADDRESS_MESSAGES.single],
    ["'ada'@acme.test", ADDRESS_MESSAGES.single],
    ["a@b@acme.test", ADDRESS_MESSAGES.single],
    ["ada <ada@acme.test>", ADDRESS_MESSAGES.single],
    ["ada(comment)@acme.test", ADDRESS_MESSAGES.single],
    ["two words@acme.test", ADDRESS_MESSAGES.single],
    ["ada@acme.test;b@evil.test", ADDRESS_MESSAGES.single],
  ])("refuses %j (more than one address, or a quoted form)", (email, message) => {
    expect(normaliseEmailAddress(email)).toEqual(refused(message));
  });

  it.each([
    ["ada@ac\u200bme.test", "zero-width space"],
    ["ada@ac\u00adme.test", "soft hyphen"],
    ["ada@acme\u200d.test", "zero-width joiner"],
    ["a\u2060da@acme.test", "word joiner"],
    ["\ufeffada@acme.test", "byte order mark"],
    ["ada@acme.te\u202est", "bidi override"],
  ])("refuses %j (%s)", (email) => {
    expect(normaliseEmailAddress(email)).toEqual(refused(ADDRESS_MESSAGES.invisible));
  });

  it.each([
    ["ada@ａｃｍｅ.test", "full-width letters map to another domain"],
    ["ada@acme｡test", "an ideographic full stop is a dot only after mapping"],
    ["ada@xn--zz.test", "a punycode label that decodes to nothing valid"],
    ["ada@ﬃ.test", "a ligature that expands when mapped"],
  ])("refuses %j (%s): toUnicode(toASCII(x)) differs from what was typed", (email) => {
    expect(normaliseEmailAddress(email)).toEqual(refused(ADDRESS_MESSAGES.domain));
  });

  it.each(["", "ada", "@acme.test", "ada@", "ada@acme", "ada@1.2.3.4", "ada@-acme.test", ".ada@acme.test", "a..da@acme.test", "adä@acme.test"])(
    "refuses the malformed %j",
    (email) => {
      expect(normaliseEmailAddress(email).ok).toBe(false);
    },
  );

  it("refuses an address longer than 254 characters", () => {
    expect(normaliseEmailAddress(`${"a".repeat(64)}@${"b".repeat(63)}.${"c".repeat(63)}.${"d".repeat(63)}.test`)).toEqual(refused(ADDRESS_MESSAGES.long));
  });

  it("is idempotent: the stored form normalises to itself (property)", () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 40 }), fc.string({ maxLength: 20 }), (local, domain) => {
        const first = normaliseEmailAddress(`${local}@${domain}.test`);
        if (!first.ok) return true;
        return normaliseEmailAddress(first.email).ok && (normaliseEmailAddress(first.email) as { email: string }).email === first.email;
      }),
    );
    fc.assert(
      fc.property(fc.emailAddress(), (email) => {
        const first = normaliseEmailAddress(email);
        return !first.ok || JSON.stringify(normaliseEmailAddress(first.email)) === JSON.stringify(first);
      }),
    );
  });

  it("never yields an address with an invisible or non-ASCII character, a comma or a second @ (property)", () => {
    fc.assert(
      fc.property(
        fc.string({ unit: "grapheme", maxLength: 30 }),
        fc.constantFrom("acme.test", "bücher.de", "ac\u00adme.test", "xn--bcher-kva.de"),
        (local, domain) => {
          const verdict = normaliseEmailAddress(`${local}@${domain}`);
          return !verdict.ok || (/^[\x21-\x7e]+$/.test(verdict.email) && !verdict.email.includes(",") && verdict.email.split("@").length === 2);
        },
      ),
    );
  });
});

describe("the form shares the normaliser", () => {
  it("signInSchema gives the same stored form and the same refusals", () => {
    expect(signInSchema.parse({ email: " ADA@Bücher.de" }).email).toBe("ada@xn--bcher-kva.de");
    const result = signInSchema.safeParse({ email: "ada@ac\u00adme.test" });
    expect(result.error?.issues[0]).toMatchObject({ path: ["email"], message: ADDRESS_MESSAGES.invisible });
    expect(emailAddressSchema.safeParse("a,b@acme.test").error?.issues[0]?.message).toBe(ADDRESS_MESSAGES.single);
  });
});

describe("addressBucketKey", () => {
  it("drops the +tag, so every tagged address counts against one inbox", () => {
    expect(addressBucketKey("victim+1@acme.test")).toBe("victim@acme.test");
    expect(addressBucketKey("Victim+2@ACME.test")).toBe("victim@acme.test");
    expect(addressBucketKey("victim@acme.test")).toBe("victim@acme.test");
    expect(addressBucketKey("victim@bücher.de")).toBe("victim@xn--bcher-kva.de");
  });

  it("keeps a local part that is only a tag whole (there is nothing else to key on)", () => {
    expect(addressBucketKey("+tag@acme.test")).toBe("+tag@acme.test");
  });
});
