import "server-only";
import { unstable_cache } from "next/cache";
import { isBuildPrerender } from "@/lib/build-phase";
import { databaseCacheKey } from "@/lib/cache";
import { type Db, openDatabase } from "./client";

type Options<R> = {
  tags: string[];
  revalidate?: number;
  /**
   * What the read returns while `next build` prerenders, when there is no database (the page's
   * build output is never served: see lib/build-phase.ts). Without it the read refuses to run then.
   */
  duringBuild?: () => R;
};

/**
 * The one way to a public read kept in Next's data cache: `read` gets the database as its first
 * argument like every query, the cache key names the database (lib/cache.ts databaseCacheKey) so
 * two databases never share entries, and one build-time guard keeps `next build` from opening the
 * database. Unlike getDb it does not mark the page dynamic, so cached pages stay cached.
 */
export function cachedRead<A extends unknown[], R>(key: string, read: (db: Db, ...args: A) => Promise<R>, options: Options<R>): (...args: A) => Promise<R> {
  const cached = unstable_cache(async (_database: string, ...args: A) => read((await openDatabase()).db, ...args), [key], {
    tags: options.tags,
    revalidate: options.revalidate,
  });
  return async (...args: A) => {
    if (isBuildPrerender()) {
      if (options.duringBuild) return options.duringBuild();
      throw new Error("The database is not opened while `next build` prerenders: read the shipped text instead (isBuildPrerender).");
    }
    return cached(databaseCacheKey(), ...args);
  };
}
