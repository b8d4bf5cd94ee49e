import "server-only";
import type { Db, DbOrTx } from "@/db/client";
import { getLatestLedgerCheckpoint, lockLedger } from "@/db/queries/ledger";
import { getLedgerIdentity, insertLedgerIdentity } from "@/db/queries/ledger-identity";
import { getEnv } from "@/lib/env";
import { originFromSiteUrl } from "../checkpoint";
import { type SignerKey, verifyNote } from "../note";
import {
  configuredSigner,
  demoKeyFile,
  fromDataDir,
  fromEnvironment,
  getEstablishedSigner,
  type LedgerSigner,
  rememberEstablishedSigner,
  verifierKeyOf,
} from "./signer";

/** A start whose settings do not match the log in its database: start-up stops with this message. */
export class LedgerIdentityError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "LedgerIdentityError";
  }
}

const NEW_LOG = 'A new origin or key means a new log, in a new database (docs/ledger.md, "Moving or re-keying the log").';

/**
 * The log's signer, checked against its stored identity (ledger_identity) once per process and
 * settings. The caller holds the ledger's lock (start-up's prepare step, or the append that
 * creates the log), so instances starting together store one identity. Three cases:
 * - stored identity: production refuses a SITE_URL or LEDGER_SIGNING_KEY that differs from it;
 *   demo mode keeps signing as the stored origin (a demo restarted on another port) with the key it
 *   generated for it, and says so; a different key is refused in both modes.
 * - a log from before identities were stored: it adopts its latest checkpoint's origin, once the
 *   configured key verifies that checkpoint's signature (refused otherwise).
 * - an empty log: the settings' origin and key become the log's.
 * Never the private key in the database: only the verifier key, which /ledger/key publishes.
 */
export async function establishLedgerIdentity(tx: DbOrTx): Promise<LedgerSigner> {
  const known = getEstablishedSigner();
  if (known) return known;
  const stored = await getLedgerIdentity(tx);
  let signer: LedgerSigner;
  if (stored) {
    signer = signerForStoredLog(stored);
  } else {
    const latest = await getLatestLedgerCheckpoint(tx);
    signer = latest ? adoptFromCheckpoint(latest) : configuredSigner();
    await insertLedgerIdentity(tx, { origin: signer.origin, verifierKey: signer.verifierKey });
    // Not remembered yet: this transaction may still roll back. The next call reads the stored row.
    console.log(
      `[registry] the ledger's identity is stored: origin ${signer.origin}, verifier key ${signer.verifierKey}` +
        (latest ? ` (adopted from its latest checkpoint, size ${latest.size})` : ""),
    );
    return signer;
  }
  rememberEstablishedSigner(signer);
  return signer;
}

/**
 * Start-up's step: the identity stored (under the ledger's lock, so instances starting together
 * store one) and committed, then read back and remembered, so /ledger/key and the ledger page
 * announce the stored key from the first request. Throws LedgerIdentityError on a mismatch.
 */
export async function prepareLedgerIdentity(db: Db): Promise<LedgerSigner> {
  await db.transaction(async (tx) => {
    await lockLedger(tx);
    await establishLedgerIdentity(tx);
  });
  return establishLedgerIdentity(db);
}

function signerForStoredLog(stored: { origin: string; verifierKey: string }): LedgerSigner {
  const env = getEnv();
  const configuredOrigin = originFromSiteUrl(env.siteUrl);
  if (configuredOrigin !== stored.origin) {
    if (env.mode === "production") throw originRefusal(stored.origin, configuredOrigin, "was created as");
    console.log(
      `[registry] demo mode: SITE_URL ${env.siteUrl} would make the origin ${configuredOrigin}, but this log is ${stored.origin}; ` +
        `it keeps signing as ${stored.origin} with that origin's key, so verifiers keep working`,
    );
  }
  const { key, source } = keyFor(stored.origin);
  const verifierKey = verifierKeyOf(key);
  if (verifierKey !== stored.verifierKey) {
    throw new LedgerIdentityError(
      `${source} is not the key of the ledger in this database: the log "${stored.origin}" is verified by ${stored.verifierKey}, ` +
        `this key by ${verifierKey}. Set LEDGER_SIGNING_KEY to the log's signing key. ${NEW_LOG}`,
    );
  }
  return { origin: stored.origin, signerKey: key, verifierKey };
}

function adoptFromCheckpoint(latest: { size: number; signedNote: string }): LedgerSigner {
  const env = getEnv();
  const origin = latest.signedNote.slice(0, latest.signedNote.indexOf("\n"));
  const configuredOrigin = originFromSiteUrl(env.siteUrl);
  if (origin !== configuredOrigin) {
    if (env.mode === "production") throw originRefusal(origin, configuredOrigin, "has checkpoints signed as");
    console.log(`[registry] demo mode: this log's checkpoints name ${origin}, not ${configuredOrigin} (SITE_URL); it keeps signing as ${origin}`);
  }
  const { key, source } = keyFor(origin);
  const verifierKey = verifierKeyOf(key);
  const verified = verifyNote(latest.signedNote, [verifierKey]);
  if (!verified.ok) {
    throw new LedgerIdentityError(
      `The ledger in this database has no stored identity yet, and its latest checkpoint (size ${latest.size}, origin "${origin}") ` +
        `does not verify with ${source} (${verifierKey}: ${verified.message}). Set LEDGER_SIGNING_KEY to the key that signed it. ${NEW_LOG}`,
    );
  }
  return { origin, signerKey: key, verifierKey };
}

/** The configured key for an existing log of `origin`: LEDGER_SIGNING_KEY, or demo mode's key file (never generated here). */
function keyFor(origin: string): { key: SignerKey; source: string } {
  const env = getEnv();
  if (env.LEDGER_SIGNING_KEY) return { key: fromEnvironment(env.LEDGER_SIGNING_KEY), source: "LEDGER_SIGNING_KEY" };
  const key = fromDataDir(env.dataDir, origin, { generate: false });
  const file = demoKeyFile(env.dataDir, origin);
  if (!key) {
    throw new LedgerIdentityError(
      `The ledger in this database is the log "${origin}", and its signing key is not in ${file} (DATA_DIR). ` +
        `Restore that file, or set LEDGER_SIGNING_KEY to the log's signing key. ${NEW_LOG}`,
    );
  }
  return { key, source: file };
}

function originRefusal(storedOrigin: string, configuredOrigin: string, how: string): LedgerIdentityError {
  const env = getEnv();
  return new LedgerIdentityError(
    `The ledger in this database ${how} the origin "${storedOrigin}", but SITE_URL (${env.siteUrl}) gives "${configuredOrigin}". ` +
      `Set SITE_URL back to the registry's address (host and path "${storedOrigin.replace(/\/ledger$/, "")}"): ` +
      `serving this log under another origin would break every verifier. ${NEW_LOG}`,
  );
}
