// verify-ledger: checks a running registry's public ledger from first principles.
//
//   npm run verify-ledger -- <url> [--key <vkey>] [--replace-key] [--state <file>] [--quiet] [--strict]
//                            [--witness <vkey> …] [--quorum N]
//   npm run verify-ledger -- --receipt <file> --key <vkey> [--witness <vkey> …] [--quorum N]
//
// Fetches the signed checkpoint and every tile and entry under <url>/ledger/, checks each entry
// hashes to its leaf and is a known event, recomputes the root and every higher-level tile,
// verifies the signature, and remembers the checkpoint so the next run proves the log only grew.
//
// Exit codes:
//   0  verified
//   1  the log failed verification (tampered, truncated, forked, bad signature)
//   2  usage error (bad arguments, or an unreadable or unwritable state file)
//   3  could not fetch or parse what the server serves (nothing proven either way)
//   4  key problem (invalid key, checkpoint not signed by the key, key differs from the remembered one)
//   5  fewer than --quorum of the --witness keys cosigned the checkpoint (split view not ruled out)
//
// This file is the command: arguments, the choice of key, what is printed. The remembered
// checkpoints (state file), the HTTP fetching and the progress line live in scripts/lib/verify-ledger/.
import path from "node:path";
import { parseArgs } from "node:util";
import { readFileSync } from "node:fs";
import { CosignatureKeyError, cosignersOf, parseWitnessVerifierKey, type WitnessVerifierKey } from "../lib/ledger/cosignature";
import { parseVerifierKey } from "../lib/ledger/note";
import { verifyReceipt } from "../lib/ledger/receipt";
import { type VerifyFailureReason, verifyLog, type VerifyOk, type VerifyResult } from "../lib/ledger/verifier";
import { CliError, EXIT, errorMessage } from "./lib/verify-ledger/cli-error";
import { httpFetchers } from "./lib/verify-ledger/fetch";
import { progressReporter } from "./lib/verify-ledger/progress";
import { defaultStatePath, readRemembered, rememberCheckpoint, type StateRecord } from "./lib/verify-ledger/state";

const USAGE = `Usage: npm run verify-ledger -- <url> [options]

Verifies the public ledger of the Tech Accord Registry at <url> (its base URL, e.g.
https://registry.example.org): the signed checkpoint, every entry against its leaf hash and the
event schema, the root, every hash tile, and that the log only grew since the last run.

Options:
  --key <vkey>     pin the log's verifier key (<name>+<hash>+<base64>, shown on <url>/ledger).
                   Without it the key remembered for <url> is used; on the very first run the key
                   the server serves is trusted on first use (with a warning) and remembered.
  --replace-key    with --key: replace a different key remembered for <url> (the pin wins).
  --state <file>   where checked checkpoints are remembered (default:
                   $XDG_STATE_HOME/tech-accord-registry/verify-ledger.json, or
                   ~/.local/state/tech-accord-registry/verify-ledger.json).
  --quiet          no progress or notes on stderr (warnings and errors are still shown).
  --strict         fail (exit 1) on an event kind this copy does not know. Without it such entries
                   are a warning: a newer registry may add kinds, and their bytes are still checked
                   against the log's hashes like any entry (update to learn what they mean).
  --witness <vkey> a witness whose cosignature counts (its cosignature/v1 verifier key, listed on
                   <url>/ledger and at <url>/api/v1/ledger/witnesses). Repeatable.
  --quorum <N>     how many of the --witness keys must have cosigned the checkpoint (default: all
                   of them). Fewer is exit code 5: the registry could be showing you a split view.
  --receipt <file> verify a receipt (.tlog-proof from an entry's page) offline instead: needs --key;
                   with --witness, also that a quorum of witnesses cosigned its checkpoint.
  -h, --help       show this help.

Exit codes:
  0  verified
  1  the log failed verification (tampered, truncated, forked, bad signature)
  2  usage error (bad arguments, or an unreadable or unwritable state file)
  3  could not fetch or parse what the server serves (nothing proven either way)
  4  key problem (invalid key, checkpoint not signed by the key, key differs from the remembered one)
  5  fewer than --quorum of the --witness keys cosigned the checkpoint
`;

const EXIT_FOR_REASON: Record<VerifyFailureReason, number> = {
  "bad-signature": EXIT.failed,
  "origin-mismatch": EXIT.failed,
  "entry-mismatch": EXIT.failed,
  "invalid-entry": EXIT.failed,
  "root-mismatch": EXIT.failed,
  "tile-mismatch": EXIT.failed,
  truncated: EXIT.failed,
  inconsistent: EXIT.failed,
  "invalid-key": EXIT.key,
  "unknown-key": EXIT.key,
  "fetch-failed": EXIT.fetch,
  "malformed-checkpoint": EXIT.fetch,
  "malformed-tile": EXIT.fetch,
};

interface CliArgs {
  baseUrl: string;
  key: string | undefined;
  replaceKey: boolean;
  statePath: string;
  quiet: boolean;
  strict: boolean;
  witnesses: WitnessVerifierKey[];
  quorum: number;
  receipt: string | undefined;
}

async function main(argv: readonly string[]): Promise<number> {
  const args = parseCliArgs(argv);
  if (args === "help") {
    process.stdout.write(USAGE);
    return EXIT.verified;
  }
  if (args.receipt !== undefined) return checkReceipt(args);
  const remembered = await readRemembered(args.statePath, args.baseUrl);
  const controller = new AbortController();
  const fetchers = httpFetchers(args.baseUrl, controller.signal);
  try {
    const verifierKey = await chooseKey(args, remembered, fetchers.fetchText);
    const progress = progressReporter(args.quiet);
    const result = await verifyLog({
      ...fetchers,
      verifierKey,
      ...(remembered ? { remembered: { size: remembered.size, rootHash: remembered.rootHash } } : {}),
      onProgress: progress.update,
      strict: args.strict,
    });
    progress.finish();
    if (!result.ok) return reportFailure(result, args);
    const witnessed = witnessSummary(result.checkpointNote, args);
    if (!witnessed.ok) {
      process.stdout.write(`FAILED ${witnessed.message}\n`);
      process.stderr.write(
        `The log itself verified (${result.size} entries), but without the quorum nothing shows that others see the same log. ` +
          `The registry serves the latest checkpoint a quorum cosigned at ${args.baseUrl}/ledger/checkpoint; if witnesses are catching up, try again shortly. ` +
          "This checkpoint was not remembered.\n",
      );
      return EXIT.quorum;
    }
    process.stdout.write(`${summary(result, remembered)}${witnessed.text}\n`);
    warnUnknownKinds(result);
    if (!args.quiet) noteOriginMismatch(args.baseUrl, result.origin);
    await rememberCheckpoint(args.statePath, args.baseUrl, { verifierKey, size: result.size, rootHash: result.rootHash, checkedAt: new Date().toISOString() });
    return EXIT.verified;
  } finally {
    // Tiles prefetched past a failure are no longer needed; don't wait for them to arrive.
    controller.abort();
  }
}

function parseCliArgs(argv: readonly string[]): CliArgs | "help" {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      allowPositionals: true,
      strict: true,
      options: {
        key: { type: "string" },
        "replace-key": { type: "boolean", default: false },
        state: { type: "string" },
        quiet: { type: "boolean", default: false },
        strict: { type: "boolean", default: false },
        witness: { type: "string", multiple: true },
        quorum: { type: "string" },
        receipt: { type: "string" },
        help: { type: "boolean", short: "h", default: false },
      },
    });
  } catch (error) {
    throw usageError(error instanceof Error ? error.message : String(error));
  }
  const { values, positionals } = parsed;
  if (values.help) return "help";
  const witnesses = (values.witness ?? []).map((text) => {
    try {
      return parseWitnessVerifierKey(text);
    } catch (error) {
      throw new CliError(
        `--witness ${JSON.stringify(text)} is not a witness verifier key: ${error instanceof CosignatureKeyError ? error.message : errorMessage(error)}`,
        EXIT.key,
      );
    }
  });
  if (new Set(witnesses.map((w) => w.name)).size !== witnesses.length) throw usageError("the same witness is given twice (two --witness keys with one name)");
  let quorum = witnesses.length;
  if (values.quorum !== undefined) {
    if (witnesses.length === 0) throw usageError("--quorum needs the witnesses' keys: --witness <vkey> (repeatable)");
    if (!/^[1-9][0-9]*$/.test(values.quorum)) throw usageError(`--quorum must be a whole number, at least 1 (got ${JSON.stringify(values.quorum)})`);
    quorum = Number(values.quorum);
    if (quorum > witnesses.length)
      throw usageError(`--quorum ${quorum} is more than the ${witnesses.length} --witness key${witnesses.length === 1 ? "" : "s"} given`);
  }
  if (values.receipt !== undefined) {
    if (values.key === undefined) throw usageError("--receipt needs the log's key: --key <vkey> (a receipt is checked offline, with nothing fetched)");
    if (positionals.length > 1) throw usageError("--receipt takes no more than one <url> (which is not used)");
    return {
      baseUrl: "",
      key: values.key.trim(),
      replaceKey: false,
      statePath: "",
      quiet: values.quiet,
      strict: values.strict,
      witnesses,
      quorum,
      receipt: path.resolve(values.receipt),
    };
  }
  if (positionals.length !== 1) throw usageError(positionals.length === 0 ? "missing <url>" : `expected one <url>, got ${positionals.length} arguments`);
  if (values["replace-key"] && values.key === undefined) throw usageError("--replace-key needs --key <vkey>");
  if (values.state === "") throw usageError("--state needs a file name");
  return {
    baseUrl: parseBaseUrl(positionals[0] ?? ""),
    key: values.key?.trim(),
    replaceKey: values["replace-key"],
    statePath: values.state ? path.resolve(values.state) : defaultStatePath(),
    quiet: values.quiet,
    strict: values.strict,
    witnesses,
    quorum,
    receipt: undefined,
  };
}

/** Kinds a newer registry added: the log verified, but this copy cannot say what those entries mean. */
function warnUnknownKinds(result: VerifyOk): void {
  for (const { kind, count, firstIndex } of result.unknownKinds) {
    process.stderr.write(
      `warning: ${count} entr${count === 1 ? "y is" : "ies are"} of kind ${JSON.stringify(kind)}, which this verifier does not know (first: entry ${firstIndex}); ` +
        "their bytes were checked against the log like every entry. Update verify-ledger to check their contents, or run with --strict to fail on them.\n",
    );
  }
}

function usageError(message: string): CliError {
  return new CliError(`${message}\nRun with --help for usage.`, EXIT.usage);
}

/** The registry's base URL without a trailing slash: the state file's key and the prefix of /ledger/. */
function parseBaseUrl(text: string): string {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw usageError(`not a URL: ${JSON.stringify(text)}`);
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") throw usageError(`the URL must be http or https, not ${url.protocol.replace(/:$/, "")}`);
  if (url.search || url.hash) throw usageError("give the registry's base URL, without a query or fragment");
  if (url.username || url.password) throw usageError("the URL must not contain credentials");
  return `${url.origin}${url.pathname.replace(/\/+$/, "")}`;
}

/** Pinned key, else the remembered one, else trust on first use. */
async function chooseKey(args: CliArgs, remembered: StateRecord | undefined, fetchText: (path: string) => Promise<string>): Promise<string> {
  if (args.key !== undefined) {
    checkKeySyntax(args.key, "the --key value", EXIT.key);
    if (remembered && remembered.verifierKey !== args.key) {
      if (!args.replaceKey) {
        throw new CliError(
          `the --key given differs from the key remembered for ${args.baseUrl}`,
          EXIT.key,
          `  remembered: ${remembered.verifierKey}\n  given:      ${args.key}\n` +
            "If the log's key really changed (check with its operators), re-run with --replace-key: the pinned key then wins and replaces the remembered one.",
        );
      }
      process.stderr.write(
        `note: using the pinned key instead of the one remembered for ${args.baseUrl} (--replace-key); it replaces it once the log verifies.\n`,
      );
    }
    return args.key;
  }
  if (remembered) return remembered.verifierKey;

  let served: string;
  try {
    served = (await fetchText("key")).trim();
  } catch (error) {
    throw new CliError(`could not fetch the log's key: ${errorMessage(error)}`, EXIT.fetch);
  }
  checkKeySyntax(served, `the key served at ${args.baseUrl}/ledger/key`, EXIT.fetch);
  process.stderr.write(
    `WARNING: no key is pinned or remembered for ${args.baseUrl}, so this run trusts the key the server itself serves (trust on first use):\n` +
      `  ${served}\n` +
      "A server that lies could serve a key of its own. Compare it with one published elsewhere (or ask the registry's operators), then pin it:\n" +
      `  npm run verify-ledger -- ${args.baseUrl} --key '${served}'\n` +
      `If the log verifies, the key is remembered in ${args.statePath} and used from now on.\n`,
  );
  return served;
}

function checkKeySyntax(key: string, what: string, exitCode: number): void {
  try {
    parseVerifierKey(key);
  } catch (error) {
    throw new CliError(`${what} is not a valid verifier key (<name>+<hash>+<base64>): ${errorMessage(error)}`, exitCode);
  }
}

// Not an error (a proxy, a local address or a second host name can be legitimate), but worth
// knowing: the log names itself after the registry's configured SITE_URL.
function noteOriginMismatch(baseUrl: string, origin: string): void {
  const url = new URL(baseUrl);
  const expected = `${url.host}${url.pathname.replace(/\/+$/, "")}/ledger`;
  if (origin !== expected) process.stderr.write(`note: the log calls itself ${origin}, not ${expected}: the registry's SITE_URL differs from the URL given.\n`);
}

function summary(result: VerifyOk, remembered: StateRecord | undefined): string {
  const head = `OK ${result.origin}: ${result.size} entries, root ${result.rootHash}`;
  if (!remembered) return `${head}, first check (remembered for next time)`;
  if (remembered.size === result.size) return `${head}, unchanged since the last check`;
  return `${head}, consistent with the ${remembered.size} entries seen before`;
}

/** With --witness: how many known witnesses cosigned the verified checkpoint, against the quorum. */
function witnessSummary(note: string, args: CliArgs): { ok: true; text: string } | { ok: false; message: string } {
  if (args.witnesses.length === 0) return { ok: true, text: "" };
  const { cosigners, invalid } = cosignersOf(note, args.witnesses);
  const names = cosigners.map((c) => `${c.name} at ${new Date(c.timestamp * 1000).toISOString()}`).join(", ");
  const bad = invalid.length > 0 ? `; invalid cosignature lines by ${invalid.join(", ")} were ignored` : "";
  if (cosigners.length < args.quorum) {
    return {
      ok: false,
      message: `only ${cosigners.length} of the ${args.witnesses.length} known witnesses cosigned the checkpoint, and --quorum is ${args.quorum}${cosigners.length > 0 ? ` (${names})` : ""}${bad}`,
    };
  }
  return { ok: true, text: `, cosigned by ${cosigners.length} of ${args.witnesses.length} known witnesses (quorum ${args.quorum}: ${names})${bad}` };
}

/** --receipt: everything offline, from the file and the keys. */
function checkReceipt(args: CliArgs): number {
  checkKeySyntax(args.key!, "the --key value", EXIT.key);
  let text: string;
  try {
    text = readFileSync(args.receipt!, "utf8");
  } catch (error) {
    throw new CliError(`cannot read the receipt ${args.receipt}: ${errorMessage(error)}`, EXIT.usage);
  }
  const result = verifyReceipt(text, parseVerifierKey(args.key!), args.witnesses, args.quorum);
  if (!result.ok) {
    process.stdout.write(`FAILED ${result.message}\n`);
    return result.reason === "malformed" ? EXIT.fetch : result.reason === "bad-signature" ? EXIT.key : EXIT.failed;
  }
  const head = `entry ${result.index} is in ${result.origin}'s tree of ${result.size} entries, signed by the log`;
  if (args.witnesses.length === 0) {
    process.stdout.write(`OK ${head}\n`);
    return EXIT.verified;
  }
  if (!result.quorumMet) {
    process.stdout.write(
      `FAILED ${head}, but only ${result.cosigners.length} of the ${args.witnesses.length} known witnesses cosigned its checkpoint (--quorum ${args.quorum})\n`,
    );
    process.stderr.write(
      "The entry was newer than the last checkpoint the witnesses had cosigned when this receipt was fetched. Fetch the receipt again later: it will carry a cosigned checkpoint.\n",
    );
    return EXIT.quorum;
  }
  process.stdout.write(`OK ${head}, cosigned by ${result.cosigners.map((c) => c.name).join(", ")} (quorum ${args.quorum})\n`);
  return EXIT.verified;
}

function reportFailure(result: Extract<VerifyResult, { ok: false }>, args: CliArgs): number {
  process.stdout.write(`FAILED ${result.message}\n`);
  if (result.reason === "fetch-failed" && result.path === "checkpoint" && result.status === 404) {
    process.stderr.write(`hint: is ${args.baseUrl} the registry's base URL? The checkpoint should be at ${args.baseUrl}/ledger/checkpoint.\n`);
  }
  if (result.reason === "unknown-key" && args.key === undefined) {
    process.stderr.write(
      `hint: the key remembered in ${args.statePath} did not sign this checkpoint. If the log's key really changed, pin the new one with --key <vkey> --replace-key.\n`,
    );
  }
  return EXIT_FOR_REASON[result.reason];
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    if (error instanceof CliError) {
      if (error.exitCode === EXIT.usage) process.stderr.write(`verify-ledger: ${error.message}\n`);
      else process.stdout.write(`FAILED ${error.message}\n`);
      if (error.detail) process.stderr.write(`${error.detail}\n`);
      process.exitCode = error.exitCode;
      return;
    }
    // A bug here must not read as "the log is bad", so it gets the "nothing proven" code.
    process.stderr.write(`verify-ledger: unexpected error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exitCode = EXIT.fetch;
  },
);
