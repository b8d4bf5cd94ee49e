// witness: a standalone C2SP tlog-witness for the Tech Accord Registry's ledger (or any C2SP log).
//
//   npm run witness -- --log-key <vkey> [--log-key <vkey>] [--name <name>] [--state <dir>]
//                      [--listen <host:port>] [--prefix <path>] [--print-key]
//
// It keeps its own Ed25519 key (generated on first start into <state>/witness-key, readable by this
// user only) and, per log, the last checkpoint it cosigned (<state>/log-*.json, replaced atomically).
// It refuses a checkpoint that is not consistent with that one, a rollback and a fork, with the
// status codes of the spec. See docs/ledger.md, "Running a witness".
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { CosignatureKeyError, generateWitnessKey, parseWitnessSignerKey, witnessVerifierKeyOf } from "../lib/ledger/cosignature";
import { NoteKeyError, parseVerifierKey } from "../lib/ledger/note";
import { FileWitnessStore, Witness } from "../lib/ledger/witness";
import { createWitnessServer } from "../lib/ledger/witness-http";

const USAGE = `Usage: npm run witness -- --log-key <vkey> [options]

Runs a C2SP tlog-witness (https://c2sp.org/tlog-witness): the registry posts each new checkpoint of
its ledger to <url>/add-checkpoint; the witness checks it is consistent with the last one it saw and
returns its cosignature. Put it behind a TLS reverse proxy (docs/ledger.md, "Running a witness").

Options:
  --log-key <vkey>    the log's verifier key, as shown on <registry>/ledger/key (repeatable: one
                      witness can witness several logs). Required.
  --name <name>       the witness's name, a schema-less URL such as witness.example.org (default:
                      <hostname>/witness). Only used when the key is generated.
  --state <dir>       where the key and the per-log state live (default: ./witness-state).
  --listen <addr>     host:port to listen on (default: 127.0.0.1:7380).
  --prefix <path>     URL path prefix of the endpoints (default: none, i.e. /add-checkpoint).
  --print-key         print the witness's verifier key (generating the key if needed) and exit.
  -h, --help          show this help.
`;

function fail(message: string): never {
  process.stderr.write(`witness: ${message}\n`);
  process.exit(2);
}

function main(): void {
  let parsed;
  try {
    parsed = parseArgs({
      args: process.argv.slice(2),
      strict: true,
      options: {
        "log-key": { type: "string", multiple: true },
        name: { type: "string" },
        state: { type: "string" },
        listen: { type: "string" },
        prefix: { type: "string" },
        "print-key": { type: "boolean", default: false },
        help: { type: "boolean", short: "h", default: false },
      },
    });
  } catch (error) {
    fail(`${error instanceof Error ? error.message : String(error)}\nRun with --help for usage.`);
  }
  const { values } = parsed;
  if (values.help) {
    process.stdout.write(USAGE);
    return;
  }
  const stateDir = path.resolve(values.state ?? "witness-state");
  const keyFile = path.join(stateDir, "witness-key");
  fs.mkdirSync(stateDir, { recursive: true, mode: 0o700 });
  let signerText: string;
  if (fs.existsSync(keyFile)) {
    signerText = fs.readFileSync(keyFile, "utf8").trim();
  } else {
    const name = values.name ?? `${os.hostname()}/witness`;
    try {
      signerText = generateWitnessKey(name).signerKey;
    } catch (error) {
      fail(`--name: ${error instanceof Error ? error.message : String(error)}`);
    }
    fs.writeFileSync(keyFile, `${signerText}\n`, { mode: 0o600, flag: "wx" });
    process.stderr.write(`witness: generated a new witness key in ${keyFile} (keep it secret, back it up)\n`);
  }
  let signer;
  try {
    signer = parseWitnessSignerKey(signerText);
  } catch (error) {
    fail(`${keyFile} does not hold a valid witness key: ${error instanceof CosignatureKeyError ? error.message : String(error)}`);
  }
  if (values.name !== undefined && values.name !== signer.name) {
    fail(`--name ${values.name} differs from the name in ${keyFile} (${signer.name}); a witness keeps its name with its key`);
  }
  const verifierKey = witnessVerifierKeyOf(signer);
  if (values["print-key"]) {
    process.stdout.write(`${verifierKey}\n`);
    return;
  }

  const logKeys = values["log-key"] ?? [];
  if (logKeys.length === 0) fail("give the log's verifier key with --log-key <vkey> (shown on <registry>/ledger/key)\nRun with --help for usage.");
  for (const key of logKeys) {
    try {
      parseVerifierKey(key.trim());
    } catch (error) {
      fail(`--log-key ${JSON.stringify(key)} is not a valid log verifier key: ${error instanceof NoteKeyError ? error.message : String(error)}`);
    }
  }
  const [host = "127.0.0.1", portText = "7380"] = (values.listen ?? "127.0.0.1:7380").split(/:(?=[0-9]+$)/);
  const port = Number(portText);
  if (!Number.isInteger(port) || port < 0 || port > 65535) fail(`--listen needs host:port, got ${JSON.stringify(values.listen)}`);

  const store = new FileWitnessStore(stateDir);
  let release: () => void;
  try {
    release = store.lock();
  } catch (error) {
    fail(error instanceof Error ? error.message : String(error));
  }
  const witness = new Witness({
    signer,
    logKeys: logKeys.map((k) => k.trim()),
    store,
    onRefusal: (origin, status, reason) => process.stderr.write(`witness: refused (${status}) ${origin ?? "unknown log"}: ${reason}\n`),
  });
  const prefix = values.prefix ?? "";
  const server = createWitnessServer(witness, { prefix });
  server.keepAliveTimeout = 65_000;
  server.on("error", (error) => {
    release();
    fail(`cannot listen on ${host}:${port}: ${error.message}`);
  });
  server.listen(port, host, () => {
    const address = server.address();
    const actualPort = typeof address === "object" && address ? address.port : port;
    process.stdout.write(
      `witness ${signer.name} listening on http://${host}:${actualPort}${prefix}/add-checkpoint\n` +
        `verifier key: ${verifierKey}\n` +
        `witnessing: ${witness.origins.join(", ")}\n` +
        `state: ${stateDir}\n`,
    );
  });
  const shutdown = () => {
    server.close(() => {
      release();
      process.exit(0);
    });
    server.closeAllConnections();
  };
  process.on("SIGINT", shutdown);
  process.on("SIGTERM", shutdown);
}

main();
