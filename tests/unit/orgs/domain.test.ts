import { describe, expect, it } from "vitest";
import { domainSchema, emailDomain, isEmailAtDomain, normaliseDomain } from "@/lib/orgs/domain";

const IP = "An IP address cannot identify an organisation; use its domain name.";
const LOCALHOST = "A localhost name only works on your own computer; use your organisation's public domain name.";
const CHARACTERS = "A domain name can only contain letters, digits, hyphens and dots, and no part can start or end with a hyphen.";
const EMPTY = "Enter your organisation's domain name, such as example.org.";
const LABEL_TOO_LONG = "Each part of a domain name between dots can be at most 63 characters long.";
const TOO_LONG = "A domain name can be at most 253 characters long.";
const EMPTY_LABEL = "A domain name cannot have an empty part between dots.";
const SINGLE_LABEL = "Enter the full domain name, including its ending, such as example.org.";
const shared = (host: string) => `${host} is shared by many unrelated owners. Enter your organisation's own domain under it.`;
const reserved = (host: string) => `${host} is a reserved name that no organisation can own.`;

const label63 = "a".repeat(63);

describe("normaliseDomain accepts and reduces to the registrable domain", () => {
  it.each([
    ["acme.test", "acme.test"],
    ["northwind-cloud.example", "northwind-cloud.example"],
    ["www.acme.test", "acme.test"],
    ["mail.Example.co.uk", "example.co.uk"],
    ["ACME.TEST", "acme.test"],
    ["  acme.test  ", "acme.test"],
    ["acme.test.", "acme.test"],
    ["deep.sub.acme.test", "acme.test"],
    ["https://www.bücher.de/x", "xn--bcher-kva.de"],
    ["BÜCHER.DE", "xn--bcher-kva.de"],
    ["xn--bcher-kva.de", "xn--bcher-kva.de"],
    ["☃.com", "xn--n3h.com"],
    ["ｍｙｃｏｍｐａｎｙ.com", "mycompany.com"],
    ["a。b.com", "b.com"],
    ["http://acme.test", "acme.test"],
    ["https://WWW.Mixed-Case.test/path", "mixed-case.test"],
    ["https://acme.test:8443/path?q=1#frag", "acme.test"],
    ["https://user:pass@sub.acme.test/", "acme.test"],
    ["//acme.test/about", "acme.test"],
    ["ftp://files.acme.test", "acme.test"],
    ["acme.test:8080", "acme.test"],
    ["acme.test/about", "acme.test"],
    ["example.co.uk", "example.co.uk"],
    ["foo.github.io", "foo.github.io"],
    ["www.foo.github.io", "foo.github.io"],
    ["www.com", "www.com"], // "www." is not stripped blindly: www.com is itself a registrable name
    ["www.co.uk", "www.co.uk"],
    ["a1-b2.org", "a1-b2.org"],
    [`${label63}.test`, `${label63}.test`],
    [`x.${[label63, label63, label63].join(".")}.test`, `${label63}.test`],
  ])("%s → %s", (input, domain) => {
    expect(normaliseDomain(input)).toEqual({ ok: true, domain });
  });
});

describe("normaliseDomain refuses with a reason", () => {
  it.each([
    ["", EMPTY],
    ["   ", EMPTY],
    ["127.0.0.1", IP],
    ["127.0.0.1:8080", IP],
    ["http://192.168.1.10/admin", IP],
    ["127.1", IP],
    ["0x7f.0.0.1", IP],
    ["2130706433", IP],
    ["１２７.０.０.１", IP],
    ["::1", IP],
    ["[::1]", IP],
    ["[::1]:53", IP],
    ["2001:db8::1", IP],
    ["http://[2001:db8::1]:443/", IP],
    ["::ffff:127.0.0.1", IP],
    ["fe80::1%eth0", IP],
    ["localhost", LOCALHOST],
    ["LOCALHOST.", LOCALHOST],
    ["app.localhost", LOCALHOST],
    ["http://localhost:3000/", LOCALHOST],
    ["intranet", SINGLE_LABEL],
    ["com", shared("com")],
    ["co.uk", shared("co.uk")],
    ["github.io", shared("github.io")],
    ["test", shared("test")],
    ["example", shared("example")],
    ["example.com", reserved("example.com")],
    ["www.example.org", reserved("example.org")],
    ["printer.local", reserved("printer.local")],
    ["abc.onion", reserved("abc.onion")],
    ["router.home.arpa", reserved("router.home.arpa")],
    ["foo.invalid", reserved("foo.invalid")],
    ["acme.notatld", ".notatld is not a top-level domain in use. Check the spelling."],
    ["acme.123", "This is not a valid domain name."],
    ["alice@acme.test", "This looks like an email address. Enter only the part after the @."],
    ["not a domain", CHARACTERS],
    ["acme_corp.test", CHARACTERS],
    ["-acme.test", CHARACTERS],
    ["acme-.test", CHARACTERS],
    ["ac!me.test", CHARACTERS],
    ["exa%41mple.test", CHARACTERS],
    ["*.acme.test", CHARACTERS],
    ["acme.test:abc", CHARACTERS],
    ["acme..test", EMPTY_LABEL],
    [".acme.test", EMPTY_LABEL],
    ["acme.test..", EMPTY_LABEL],
    ["xn--zz.test", "This is not a valid domain name."],
    [`${"a".repeat(64)}.test`, LABEL_TOO_LONG],
    ["x".repeat(300), LABEL_TOO_LONG],
    [`${[label63, label63, label63, label63].join(".")}.test`, TOO_LONG],
    ["a".repeat(3000), TOO_LONG],
  ])("%s is refused", (input, reason) => {
    expect(normaliseDomain(input)).toEqual({ ok: false, reason });
  });

  it("treats the testing TLDs like real suffixes, but not other special-use names", () => {
    expect(normaliseDomain("a.b.acme.test")).toEqual({ ok: true, domain: "acme.test" });
    expect(normaliseDomain("shop.northwind-cloud.example")).toEqual({ ok: true, domain: "northwind-cloud.example" });
    expect(normaliseDomain("acme.tests").ok).toBe(false);
    expect(normaliseDomain("acme.local").ok).toBe(false);
  });
});

describe("domainSchema", () => {
  it("outputs the normalised domain", () => {
    expect(domainSchema.parse(" https://WWW.Acme.test/about ")).toBe("acme.test");
  });

  it.each([
    ["127.0.0.1", IP],
    ["localhost", LOCALHOST],
    ["co.uk", shared("co.uk")],
    ["", EMPTY],
  ])("reports the reason for %j as the issue message", (input, message) => {
    const result = domainSchema.safeParse(input);
    expect(result.success).toBe(false);
    expect(result.error?.issues).toEqual([expect.objectContaining({ code: "custom", message, path: [] })]);
  });

  it("refuses a value that is not a string", () => {
    expect(domainSchema.safeParse(42).success).toBe(false);
  });
});

describe("emailDomain", () => {
  it.each([
    ["alice@acme.test", "acme.test"],
    ["Alice@Mail.ACME.test", "acme.test"],
    ["  bob@sub.example.co.uk ", "example.co.uk"],
    ["carol@bücher.de", "xn--bcher-kva.de"],
    ["dan@acme.test.", "acme.test"],
  ])("%s → %s", (email, domain) => {
    expect(emailDomain(email)).toBe(domain);
  });

  it.each([
    "",
    "alice",
    "@acme.test",
    "alice@",
    "a@b@acme.test",
    "alice@127.0.0.1",
    "alice@[127.0.0.1]",
    "alice@localhost",
    "alice@co.uk",
    "al ice@acme.test",
    "alice@acme.test/x",
    "alice@acme_corp.test",
  ])("%j is malformed", (email) => {
    expect(emailDomain(email)).toBeNull();
  });
});

describe("isEmailAtDomain", () => {
  it.each([
    ["alice@acme.test", "acme.test", true],
    ["alice@ACME.test", "acme.test", true],
    ["alice@mail.acme.test", "acme.test", true],
    ["alice@a.b.acme.test", "acme.test", true],
    ["alice@acme.test", "ACME.TEST", true],
    ["carol@bücher.de", "xn--bcher-kva.de", true],
    ["carol@xn--bcher-kva.de", "bücher.de", true],
    ["alice@evilacme.test", "acme.test", false],
    ["alice@evil-acme.test", "acme.test", false],
    ["alice@acme.test.evil.test", "acme.test", false],
    ["alice@acme.testing", "acme.test", false],
    ["alice@other.test", "acme.test", false],
    ["alice@mail.acme.test", "mail.acme.test", true],
    ["alice@acme.test", "mail.acme.test", false],
    ["alice@x.co.uk", "co.uk", false],
    ["alice@foo.github.io", "github.io", false],
    ["alice@localhost", "localhost", false],
    ["alice@127.0.0.1", "127.0.0.1", false],
    ["not-an-email", "acme.test", false],
    ["a@b@acme.test", "acme.test", false],
    ["alice@acme.test", "", false],
  ])("%s at %s: %s", (email, domain, expected) => {
    expect(isEmailAtDomain(email, domain)).toBe(expected);
  });
});
