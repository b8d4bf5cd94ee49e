import { spawnSync } from "node:child_process";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { envSchema } from "@/lib/env";
import { formatCheckpoint, originFromSiteUrl } from "@/lib/ledger/checkpoint";
import { parseSignerKey, signNote, verifyNote } from "@/lib/ledger/note";
import { formatSecrets, generateSecrets, KeygenError } from "@/scripts/lib/keygen";

const ROOT = path.resolve(import.meta.dirname, "..", "..", "..");
const keygen = (args: string[], env: Record<string, string | undefined> = {}) =>
  spawnSync(process.execPath, ["--import", "tsx", "scripts/keygen.ts", ...args], {
    cwd: ROOT,
    encoding: "utf8",
    env: { ...process.env, SITE_URL: "", ...env },
  });

describe("keygen", () => {
  it("makes an AUTH_SECRET and a signing key named for the site's ledger origin that signs checkpoints", () => {
    const secrets = generateSecrets("https://registry.example.org/");
    expect(secrets.origin).toBe("registry.example.org/ledger");
    expect(secrets.origin).toBe(originFromSiteUrl("https://registry.example.org"));
    expect(parseSignerKey(secrets.ledgerSigningKey).name).toBe("registry.example.org/ledger");
    const checkpoint = formatCheckpoint({ origin: secrets.origin, size: 1, rootHash: new Uint8Array(32) });
    const note = signNote(checkpoint, secrets.ledgerSigningKey);
    expect(verifyNote(note, [secrets.verifierKey])).toMatchObject({ ok: true, text: checkpoint });
    // What the server accepts in production.
    const parsed = envSchema.safeParse({
      REGISTRY_MODE: "production",
      SITE_URL: secrets.siteUrl,
      AUTH_SECRET: secrets.authSecret,
      LEDGER_SIGNING_KEY: secrets.ledgerSigningKey,
      SMTP_URL: "smtp://mail.example.org:587",
      DATABASE_URL: "postgres://registry@db.example.org/registry",
    });
    expect(parsed.success, JSON.stringify(parsed.error?.issues)).toBe(true);
  });

  it("never repeats a secret", () => {
    const a = generateSecrets("https://registry.example.org");
    const b = generateSecrets("https://registry.example.org");
    expect(a.authSecret).not.toBe(b.authSecret);
    expect(a.ledgerSigningKey).not.toBe(b.ledgerSigningKey);
  });

  it("keeps a path prefix in the origin, as the server does", () => {
    expect(generateSecrets("https://example.org/accord/").origin).toBe("example.org/accord/ledger");
  });

  it("refuses a missing, malformed or non-web site URL with a clear message", () => {
    for (const bad of [
      undefined,
      "",
      "  ",
      "registry.example.org",
      "ftp://registry.example.org",
      "https://user:pw@registry.example.org",
      "https://registry.example.org/?x=1",
      "https://registry.example.org/a+b",
    ]) {
      expect(() => generateSecrets(bad), String(bad)).toThrow(KeygenError);
    }
  });

  it("prints an env fragment from --site-url or SITE_URL; usage errors exit 2 and print no secret", () => {
    const run = keygen(["--site-url", "https://registry.example.org"]);
    expect(run.status, run.stderr).toBe(0);
    const lines = Object.fromEntries(
      run.stdout
        .split("\n")
        .filter((l) => /^[A-Z_]+=/.test(l))
        .map((l) => [l.slice(0, l.indexOf("=")), l.slice(l.indexOf("=") + 1)]),
    );
    expect(lines.SITE_URL).toBe("https://registry.example.org");
    expect(lines.AUTH_SECRET!.length).toBeGreaterThanOrEqual(32);
    expect(parseSignerKey(lines.LEDGER_SIGNING_KEY!).name).toBe("registry.example.org/ledger");
    expect(formatSecrets(generateSecrets("https://registry.example.org"))).toContain("LEDGER_SIGNING_KEY=PRIVATE+KEY+registry.example.org/ledger+");

    const fromEnv = keygen([], { SITE_URL: "https://accord.example.net" });
    expect(fromEnv.status).toBe(0);
    expect(fromEnv.stdout).toContain("LEDGER_SIGNING_KEY=PRIVATE+KEY+accord.example.net/ledger+");

    for (const args of [[], ["--site-url", "not a url"], ["--unknown"]]) {
      const refused = keygen(args);
      expect(refused.status, args.join(" ")).toBe(2);
      expect(refused.stdout).toBe("");
      expect(refused.stderr).toMatch(/^keygen: /);
    }
    // Five real processes (tsx compiles on start): seconds each on a busy machine.
  }, 60_000);
});
