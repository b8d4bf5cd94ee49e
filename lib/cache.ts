import { revalidateTag } from "next/cache";
import path from "node:path";
import { getEnv } from "./env";
import { purgeEverywhere } from "./page-cache-handler.mjs";

/** Cache tag of everything derived from the public list of signatories. */
export const SIGNATORIES_TAG = "signatories";

/** Cache tag of what the witnesses last did (cosigned, refused, backing off): the ledger page shows it. */
export const LEDGER_WITNESSES_TAG = "ledger-witnesses";

/** Cache tag of the published accord versions and their diffs: revalidate it when a version is published. */
export const ACCORD_VERSIONS_TAG = "accord-versions";

/**
 * Part of every data-cache key: Next's data cache lives in `.next/cache` and outlives the
 * process, so entries must never be shared between two databases (tests, a switched DATABASE_URL).
 */
export function databaseCacheKey(): string {
  const env = getEnv();
  return env.DATABASE_URL ? new URL(env.DATABASE_URL).host + new URL(env.DATABASE_URL).pathname : path.resolve(env.dataDir);
}

/**
 * Call after a committed change to public data. Outside a Next request (start-up seed, scripts,
 * tests) there is no cache to purge, and Next reports that with an invariant error we ignore.
 */
export function publicDataChanged(): void {
  try {
    revalidateTag(SIGNATORIES_TAG, { expire: 0 });
  } catch (error) {
    if (!(error instanceof Error && error.message.includes("static generation store missing"))) throw error;
  }
}

/**
 * Call after the cosigning job recorded what a witness did. The job runs outside any request, where
 * Next's revalidateTag refuses, so this purges the page cache directly and tells the other instances.
 */
export async function witnessStatusChanged(): Promise<void> {
  await purgeEverywhere([LEDGER_WITNESSES_TAG]);
}
