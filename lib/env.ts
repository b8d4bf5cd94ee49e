import { z } from "zod";
import { parseWitnessesSetting } from "./ledger/witness-config";

/**
 * Environment contract (DESIGN.md, Contracts). Parsed once; a bad value stops start-up with a
 * message naming the variable, instead of surfacing later as a confusing runtime error.
 */
const optionalString = z
  .string()
  .trim()
  .transform((v) => (v === "" ? undefined : v))
  .optional();

const urlString = (protocols: string[]) =>
  z
    .string()
    .trim()
    .refine(
      (v) => {
        try {
          return protocols.includes(new URL(v).protocol);
        } catch {
          return false;
        }
      },
      `must be a URL starting with ${protocols.map((p) => `${p}//`).join(" or ")}`,
    );

const optional = <T extends z.ZodType>(schema: T) => z.preprocess((v) => (typeof v === "string" && v.trim() === "" ? undefined : v), schema.optional());

export const envSchema = z
  .object({
    REGISTRY_MODE: optional(z.enum(["demo", "production"])),
    DATABASE_URL: optional(urlString(["postgres:", "postgresql:"])),
    SITE_URL: optional(urlString(["http:", "https:"])),
    AUTH_SECRET: optional(z.string().min(32, "must be at least 32 characters")),
    SMTP_URL: optional(urlString(["smtp:", "smtps:"])),
    EMAIL_FROM: optionalString,
    LEDGER_SIGNING_KEY: optional(
      z.string().regex(/^PRIVATE\+KEY\+[^+\s]+\+[0-9a-f]{8}\+[A-Za-z0-9+/=]+$/, "must be a C2SP signer key (PRIVATE+KEY+<name>+<hash>+<base64>)"),
    ),
    // Witnesses that cosign the ledger's checkpoints (lib/ledger/witness-config.ts):
    // "quorum N; <vkey> <url>; …", or "none" (demo mode otherwise runs a built-in demo witness).
    WITNESSES: optional(
      z.string().transform((value, ctx) => {
        try {
          return parseWitnessesSetting(value);
        } catch (error) {
          ctx.addIssue({ code: "custom", message: error instanceof Error ? error.message : String(error) });
          return z.NEVER;
        }
      }),
    ),
    ADMIN_EMAILS: optional(
      z
        .string()
        .transform((v) =>
          v
            .split(",")
            .map((e) => e.trim().toLowerCase())
            .filter(Boolean),
        )
        .pipe(z.array(z.email("must be a comma-separated list of email addresses"))),
    ),
    DNS_SERVERS: optional(
      z
        .string()
        .transform((v) =>
          v
            .split(",")
            .map((s) => s.trim())
            .filter(Boolean),
        )
        .pipe(
          z.array(
            z.string().regex(/^(\[[0-9a-fA-F:]+\]|[0-9.]+|[0-9a-fA-F:]+)(:\d{1,5})?$/, "must be a comma-separated list of IP addresses (with optional :port)"),
          ),
        ),
    ),
    PORT: optional(z.coerce.number().int().min(1).max(65535)),
    DEMO_ORGANISATIONS: optional(z.coerce.number().int("must be a whole number").min(1).max(100_000)),
    DATA_DIR: optionalString,
    REQUIRE_REVIEW: optional(z.enum(["true", "false"], { message: "must be true or false" })),
    // How many reverse proxies in front of the server append to X-Forwarded-For (scripts/server.mjs).
    TRUSTED_PROXY_HOPS: optional(
      z.coerce
        .number({ message: "must be a whole number of proxies (0 to 99)" })
        .int("must be a whole number of proxies (0 to 99)")
        .min(0, "must be a whole number of proxies (0 to 99)")
        .max(99, "must be a whole number of proxies (0 to 99)"),
    ),
    // How long an emailed sign-in link works: an hour at most by default, never more than a day.
    SIGN_IN_LINK_MINUTES: optional(
      z.coerce
        .number({ message: "must be a whole number of minutes" })
        .int("must be a whole number of minutes")
        .min(5, "must be at least 5")
        .max(1440, "must be at most 1440 (a day)"),
    ),
    // Sign-in links one client address may ask for in an hour (an office behind one NAT may need
    // more); the limit per recipient domain and client address is half of it.
    SIGN_IN_CLIENT_LIMIT: optional(
      z.coerce
        .number({ message: "must be a whole number of links" })
        .int("must be a whole number of links")
        .min(2, "must be at least 2")
        .max(100_000, "must be at most 100000"),
    ),
    // The hour (UTC, 0 to 23) the moderators' daily digest of claims waiting for review goes out.
    MODERATOR_DIGEST_HOUR: optional(
      z
        .string()
        .trim()
        .regex(/^\d{1,2}$/, "must be an hour of the day in UTC, from 0 to 23")
        .transform(Number)
        .pipe(z.number().max(23, "must be an hour of the day in UTC, from 0 to 23")),
    ),
    // Optional OAuth providers: each appears on the sign-in page when its variables are set.
    AUTH_GITHUB_ID: optionalString,
    AUTH_GITHUB_SECRET: optionalString,
    AUTH_GOOGLE_ID: optionalString,
    AUTH_GOOGLE_SECRET: optionalString,
    AUTH_MICROSOFT_ENTRA_ID_ID: optionalString,
    AUTH_MICROSOFT_ENTRA_ID_SECRET: optionalString,
    AUTH_MICROSOFT_ENTRA_ID_ISSUER: optional(urlString(["https:"])),
  })
  .transform((env) => {
    const mode = env.REGISTRY_MODE ?? (env.DATABASE_URL ? "production" : "demo");
    const siteUrl = new URL(env.SITE_URL ?? `http://localhost:${env.PORT ?? 3000}`);
    return {
      ...env,
      mode,
      siteUrl: siteUrl.origin + siteUrl.pathname.replace(/\/$/, ""),
      dataDir: env.DATA_DIR ?? ".data",
      port: env.PORT ?? 3000,
      demoOrganisations: env.DEMO_ORGANISATIONS ?? 40,
      adminEmails: env.ADMIN_EMAILS ?? [],
      dnsServers: env.DNS_SERVERS ?? [],
      requireReview: env.REQUIRE_REVIEW === "true",
      trustedProxyHops: env.TRUSTED_PROXY_HOPS ?? 0,
      signInLinkMinutes: env.SIGN_IN_LINK_MINUTES ?? 60,
      signInClientLimit: env.SIGN_IN_CLIENT_LIMIT ?? 30,
      moderatorDigestHour: env.MODERATOR_DIGEST_HOUR ?? 8,
    };
  })
  .superRefine((env, ctx) => {
    if (env.mode !== "production") return;
    const required = ["SITE_URL", "AUTH_SECRET", "SMTP_URL", "LEDGER_SIGNING_KEY"] as const;
    for (const key of required) {
      if (!env[key]) ctx.addIssue({ code: "custom", path: [key], message: "is required when REGISTRY_MODE=production" });
    }
  });

export type Env = z.output<typeof envSchema>;

export class EnvError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid environment:\n${problems.map((p) => `  - ${p}`).join("\n")}`);
    this.name = "EnvError";
  }
}

export function parseEnv(source: Record<string, string | undefined>): Env {
  const result = envSchema.safeParse(source);
  if (result.success) return result.data;
  throw new EnvError(result.error.issues.map((issue) => `${issue.path.join(".") || "environment"} ${issue.message}`));
}

let cached: Env | undefined;

export function getEnv(): Env {
  cached ??= parseEnv(process.env);
  return cached;
}

/** For tests and scripts that change process.env after the first read. */
export function clearEnvCache(): void {
  cached = undefined;
}
