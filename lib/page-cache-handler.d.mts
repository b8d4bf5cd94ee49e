// Types for page-cache-handler.mjs (plain JavaScript: Next loads it at run time, outside the bundles).

export const DEFAULT_MAX_BYTES: number;
export const SETTLE_MS: number;
export function sizeOf(value: unknown, depth?: number): number;
export function purgeTags(tags: string[]): void;
export function dropAll(): void;
export function purgeEverywhere(tags: string[]): Promise<void>;
export function clearPageCache(): void;
export function purgeGeneration(): number;
export function pageCacheStats(): { entries: number; bytes: number };
export function lastPurgeAt(): number;

export type PageCacheEntry = { lastModified: number; value: unknown; cacheControl?: unknown } | null;
export default class PageCacheHandler {
  constructor(ctx?: { maxMemoryCacheSize?: number });
  get(key: string, ctx?: object): Promise<PageCacheEntry>;
  set(key: string, data: unknown, ctx?: object): Promise<void>;
  revalidateTag(tags: string | string[], durations?: object): Promise<void>;
  resetRequestCache(): void;
}
