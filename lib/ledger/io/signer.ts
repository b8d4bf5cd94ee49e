import "server-only";
import fs from "node:fs";
import path from "node:path";
import { databaseCacheKey } from "@/lib/cache";
import { getEnv } from "@/lib/env";
import { originFromSiteUrl } from "../checkpoint";
import { formatVerifierKey, generateSignerKey, NoteKeyError, parseSignerKey, type SignerKey } from "../note";

export type LedgerSigner = { origin: string; signerKey: SignerKey; verifierKey: string };

let cached: { key: string; signer: LedgerSigner } | undefined;

// The signer each database's stored identity gave (lib/ledger/io/identity.ts), on globalThis
// because start-up (instrumentation) and the route handlers are separate module graphs.
const established: Map<string, LedgerSigner> = ((globalThis as { __ledgerSigners?: Map<string, LedgerSigner> }).__ledgerSigners ??= new Map());

/** Which database under which settings: a changed SITE_URL or key establishes the identity anew. */
function establishedKey(): string {
  const env = getEnv();
  return [databaseCacheKey(), env.mode, env.siteUrl, env.LEDGER_SIGNING_KEY ?? path.resolve(env.dataDir)].join("\n");
}

/**
 * The checkpoint signer. Once start-up (or the first append) has checked the settings against the
 * log's stored identity, that is the log's origin and key; before, the one the settings give:
 * SITE_URL's host and path + /ledger, with LEDGER_SIGNING_KEY, or in demo mode without one a key
 * generated once into DATA_DIR (readable by this user only).
 */
export function getLedgerSigner(): LedgerSigner {
  return established.get(establishedKey()) ?? configuredSigner();
}

export function getEstablishedSigner(): LedgerSigner | undefined {
  return established.get(establishedKey());
}

export function rememberEstablishedSigner(signer: LedgerSigner): void {
  established.set(establishedKey(), signer);
}

/** For tests that change a database's identity behind the process's back. */
export function forgetEstablishedSigners(): void {
  established.clear();
  cached = undefined;
}

/** The signer the settings alone give (a new log's identity). */
export function configuredSigner(): LedgerSigner {
  const env = getEnv();
  const origin = originFromSiteUrl(env.siteUrl);
  const cacheKey = `${origin}\n${env.LEDGER_SIGNING_KEY ?? env.dataDir}`;
  if (cached?.key === cacheKey) return cached.signer;
  const signerKey = env.LEDGER_SIGNING_KEY ? fromEnvironment(env.LEDGER_SIGNING_KEY, origin) : fromDataDir(env.dataDir, origin, { generate: true })!;
  const signer = { origin, signerKey, verifierKey: verifierKeyOf(signerKey) };
  cached = { key: cacheKey, signer };
  return signer;
}

export function verifierKeyOf(key: SignerKey): string {
  return formatVerifierKey(key.name, key.publicKey);
}

/** LEDGER_SIGNING_KEY parsed; its name must be `origin` when one is given. */
export function fromEnvironment(text: string, origin?: string): SignerKey {
  let key: SignerKey;
  try {
    key = parseSignerKey(text);
  } catch (error) {
    throw new Error(`LEDGER_SIGNING_KEY is not a valid C2SP Ed25519 signer key: ${(error as Error).message}`);
  }
  if (origin !== undefined && key.name !== origin) {
    throw new Error(`LEDGER_SIGNING_KEY is named "${key.name}" but the log's origin is "${origin}" (from SITE_URL); generate a key with that name.`);
  }
  return key;
}

/** Where demo mode keeps the key it generated for `origin`. */
export function demoKeyFile(dataDir: string, origin: string): string {
  return path.resolve(dataDir, `ledger-signing-key-${origin.replace(/[^A-Za-z0-9.-]+/g, "_")}`);
}

/** The demo key for `origin` from DATA_DIR; generated when missing only if `generate` (a new log). */
export function fromDataDir(dataDir: string, origin: string, { generate }: { generate: boolean }): SignerKey | undefined {
  const file = demoKeyFile(dataDir, origin);
  if (fs.existsSync(file)) {
    try {
      return parseSignerKey(fs.readFileSync(file, "utf8").trim());
    } catch (error) {
      if (error instanceof NoteKeyError) throw new Error(`${file} does not hold a valid signer key: ${error.message}`);
      throw error;
    }
  }
  if (!generate) return undefined;
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const { signerKey, verifierKey } = generateSignerKey(origin);
  fs.writeFileSync(file, `${signerKey}\n`, { mode: 0o600, flag: "wx" });
  console.log(`[registry] generated a ledger signing key in ${file}; verifier key: ${verifierKey}`);
  return parseSignerKey(signerKey);
}
