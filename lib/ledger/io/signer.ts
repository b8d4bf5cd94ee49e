import "server-only";
import fs from "node:fs";
import path from "node:path";
import { getEnv } from "@/lib/env";
import { originFromSiteUrl } from "../checkpoint";
import { formatVerifierKey, generateSignerKey, NoteKeyError, parseSignerKey, type SignerKey } from "../note";

export type LedgerSigner = { origin: string; signerKey: SignerKey; verifierKey: string };

let cached: { key: string; signer: LedgerSigner } | undefined;

/**
 * The checkpoint signer. Its name is the log's origin (SITE_URL's host and path + /ledger).
 * Production takes the key from LEDGER_SIGNING_KEY; demo mode without one generates a key once
 * into DATA_DIR (readable by this user only) and says so in the log.
 */
export function getLedgerSigner(): LedgerSigner {
  const env = getEnv();
  const origin = originFromSiteUrl(env.siteUrl);
  const cacheKey = `${origin}\n${env.LEDGER_SIGNING_KEY ?? env.dataDir}`;
  if (cached?.key === cacheKey) return cached.signer;
  const signerKey = env.LEDGER_SIGNING_KEY ? fromEnvironment(env.LEDGER_SIGNING_KEY, origin) : fromDataDir(env.dataDir, origin);
  const signer = { origin, signerKey, verifierKey: formatVerifierKey(signerKey.name, signerKey.publicKey) };
  cached = { key: cacheKey, signer };
  return signer;
}

function fromEnvironment(text: string, origin: string): SignerKey {
  let key: SignerKey;
  try {
    key = parseSignerKey(text);
  } catch (error) {
    throw new Error(`LEDGER_SIGNING_KEY is not a valid C2SP Ed25519 signer key: ${(error as Error).message}`);
  }
  if (key.name !== origin) {
    throw new Error(`LEDGER_SIGNING_KEY is named "${key.name}" but the log's origin is "${origin}" (from SITE_URL); generate a key with that name.`);
  }
  return key;
}

function fromDataDir(dataDir: string, origin: string): SignerKey {
  const file = path.resolve(dataDir, `ledger-signing-key-${origin.replace(/[^A-Za-z0-9.-]+/g, "_")}`);
  if (fs.existsSync(file)) {
    try {
      return parseSignerKey(fs.readFileSync(file, "utf8").trim());
    } catch (error) {
      if (error instanceof NoteKeyError) throw new Error(`${file} does not hold a valid signer key: ${error.message}`);
      throw error;
    }
  }
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const { signerKey, verifierKey } = generateSignerKey(origin);
  fs.writeFileSync(file, `${signerKey}\n`, { mode: 0o600, flag: "wx" });
  console.log(`[registry] generated a ledger signing key in ${file}; verifier key: ${verifierKey}`);
  return parseSignerKey(signerKey);
}
