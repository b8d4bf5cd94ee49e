// The arguments of `npm run seed`, parsed apart from the script so they can be tested alone.
import { parseArgs } from "node:util";
import { z } from "zod";

export const MAX_SEED_ORGANISATIONS = 100_000;

export const SEED_USAGE = `Usage: npm run seed -- --organisations <n> [--reset]

Seeds the configured database (DATA_DIR's embedded database, or DATABASE_URL) with <n> fictional
demo organisations on .example domains and their history: verified, signed, commitments, reports,
a few withdrawals and suspensions, all in the public ledger. Run it with the environment the server
uses (DATA_DIR or DATABASE_URL, SITE_URL or PORT), in demo mode, while the server is stopped.

Options:
  --organisations <n>  how many organisations, 1 to ${MAX_SEED_ORGANISATIONS.toLocaleString("en")} (more than 200 are written in bulk)
  --reset              start from an empty database: deletes DATA_DIR/pglite, or, with DATABASE_URL,
                       drops the registry's tables when they hold demo organisations only
  -h, --help           show this help

Exit codes: 0 seeded, 1 refused or failed (see the message), 2 usage error.
`;

const argsSchema = z.strictObject({
  organisations: z
    .string({ error: "--organisations <n> is required" })
    .regex(/^\d+$/, "--organisations must be a whole number")
    .transform(Number)
    .pipe(
      z
        .number()
        .min(1, "--organisations must be at least 1")
        .max(MAX_SEED_ORGANISATIONS, `--organisations must be at most ${MAX_SEED_ORGANISATIONS.toLocaleString("en")}`),
    ),
  reset: z.boolean(),
});

export type SeedArgs = z.output<typeof argsSchema>;
export type ParsedSeedArgs = { kind: "seed"; args: SeedArgs } | { kind: "help" } | { kind: "usage"; message: string };

/** `--organisations 500`, `--organisations=500`, `--reset`, `--help`; anything else is a usage error. */
export function parseSeedArgs(argv: readonly string[]): ParsedSeedArgs {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      strict: true,
      allowPositionals: false,
      options: {
        organisations: { type: "string" },
        reset: { type: "boolean", default: false },
        help: { type: "boolean", short: "h", default: false },
      },
    });
  } catch (error) {
    return { kind: "usage", message: error instanceof Error ? error.message : String(error) };
  }
  if (parsed.values.help) return { kind: "help" };
  const result = argsSchema.safeParse({ organisations: parsed.values.organisations, reset: parsed.values.reset });
  if (!result.success) return { kind: "usage", message: result.error.issues.map((issue) => issue.message).join("; ") };
  return { kind: "seed", args: result.data };
}
