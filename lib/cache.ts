import { revalidateTag } from "next/cache";
import path from "node:path";
import { getEnv } from "./env";

/** Cache tag of everything derived from the public list of signatories. */
export const SIGNATORIES_TAG = "signatories";

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
