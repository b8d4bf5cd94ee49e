// The secrets a new deployment needs, for one site URL (npm run keygen; see scripts/keygen.ts).
import { randomBytes } from "node:crypto";
import { originFromSiteUrl } from "../../lib/ledger/checkpoint";
import { generateSignerKey, isValidKeyName } from "../../lib/ledger/note";

export class KeygenError extends Error {
  override name = "KeygenError";
}

export type Secrets = { siteUrl: string; origin: string; authSecret: string; ledgerSigningKey: string; verifierKey: string };

/**
 * A fresh AUTH_SECRET (32 random bytes) and a fresh Ed25519 LEDGER_SIGNING_KEY named for the
 * ledger origin of `siteUrl` (the name the server checks the key against), with its verifier key.
 */
export function generateSecrets(siteUrl: string | undefined): Secrets {
  if (!siteUrl?.trim()) throw new KeygenError("give the site's public URL: npm run keygen -- --site-url https://registry.example.org (or set SITE_URL)");
  let url: URL;
  try {
    url = new URL(siteUrl.trim());
  } catch {
    throw new KeygenError(`${JSON.stringify(siteUrl)} is not a URL; give the site's public URL, e.g. https://registry.example.org`);
  }
  if (url.protocol !== "https:" && url.protocol !== "http:")
    throw new KeygenError(`the site URL must start with https:// (or http:// for a local trial), not ${url.protocol}//`);
  if (url.search || url.hash || url.username || url.password)
    throw new KeygenError("the site URL must be the site's base address, without credentials, query or fragment");
  const origin = originFromSiteUrl(url.toString());
  if (!isValidKeyName(origin)) throw new KeygenError(`the ledger origin ${JSON.stringify(origin)} cannot name a key (no spaces or '+')`);
  const { signerKey, verifierKey } = generateSignerKey(origin);
  return { siteUrl: url.toString().replace(/\/+$/, ""), origin, authSecret: randomBytes(32).toString("base64url"), ledgerSigningKey: signerKey, verifierKey };
}

/** What the command prints: an env file fragment, comments explaining each line. */
export function formatSecrets(secrets: Secrets): string {
  return [
    `# Secrets for ${secrets.siteUrl} (ledger origin ${secrets.origin}). Keep them private and backed up.`,
    `SITE_URL=${secrets.siteUrl}`,
    "# Signs sessions and sign-in links; changing it signs everyone out.",
    `AUTH_SECRET=${secrets.authSecret}`,
    "# Signs the public ledger's checkpoints. Losing it or changing it means starting a new log.",
    `LEDGER_SIGNING_KEY=${secrets.ledgerSigningKey}`,
    `# Its public verifier key (served at ${secrets.siteUrl}/ledger/key; safe to publish):`,
    `# ${secrets.verifierKey}`,
    "",
  ].join("\n");
}
