import { describe, expect, it } from "vitest";
import { MAX_SEED_ORGANISATIONS, parseSeedArgs, SEED_USAGE } from "../../scripts/lib/seed-args";

describe("npm run seed arguments", () => {
  it.each([
    [["--organisations", "10000"], { organisations: 10_000, reset: false }],
    [["--organisations=250"], { organisations: 250, reset: false }],
    [["--organisations", "1", "--reset"], { organisations: 1, reset: true }],
    [["--reset", "--organisations", String(MAX_SEED_ORGANISATIONS)], { organisations: MAX_SEED_ORGANISATIONS, reset: true }],
  ])("reads %j", (argv, args) => {
    expect(parseSeedArgs(argv)).toEqual({ kind: "seed", args });
  });

  it.each([[["--help"]], [["-h"]], [["--organisations", "abc", "--help"]]])("asks for the help with %j", (argv) => {
    expect(parseSeedArgs(argv)).toEqual({ kind: "help" });
  });

  it.each([
    [[], "--organisations <n> is required"],
    [["--reset"], "--organisations <n> is required"],
    [["--organisations", "0"], "--organisations must be at least 1"],
    [["--organisations", String(MAX_SEED_ORGANISATIONS + 1)], "--organisations must be at most 100,000"],
    [["--organisations=-5"], "--organisations must be a whole number"],
    [["--organisations", "2.5"], "--organisations must be a whole number"],
    [["--organisations", "1e4"], "--organisations must be a whole number"],
    [["--organisations", "lots"], "--organisations must be a whole number"],
    [["--organisations", ""], "--organisations must be a whole number"],
    [["--organisations", "99999999999999999999"], "--organisations must be at most 100,000"],
  ])("refuses %j: %s", (argv, message) => {
    expect(parseSeedArgs(argv)).toEqual({ kind: "usage", message });
  });

  it.each([
    [["--orgs", "10"]],
    [["--organisations", "10", "--force"]],
    [["10"]],
    [["--organisations"]],
    [["--reset=yes", "--organisations", "3"]],
    [["--organisations", "-5"]],
  ])("refuses unknown flags, stray values and missing values: %j", (argv) => {
    const parsed = parseSeedArgs(argv);
    expect(parsed.kind).toBe("usage");
  });

  it("names the unknown flag", () => {
    expect(parseSeedArgs(["--organisations", "10", "--force"])).toMatchObject({ kind: "usage", message: expect.stringContaining("--force") });
  });

  it("documents every option it accepts", () => {
    for (const option of ["--organisations <n>", "--reset", "--help"]) expect(SEED_USAGE).toContain(option);
  });
});
