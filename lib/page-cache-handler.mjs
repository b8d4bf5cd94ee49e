// Next's ISR and data cache for this registry (next.config.mjs `cacheHandler`), kept in memory.
//
// Why not Next's built-in file-system cache: it serves the pages prerendered by `next build`
// until something is revalidated in this process, and the build never opens the database (it
// renders the shipped `content/`), so after a release a page would show the shipped text instead
// of the text editors published in the studio. Here nothing rendered by an earlier process is
// served: each page renders once from the database on its first request, is served from memory
// until its cache tag is purged, and the memory is bounded (least recently used entries go first),
// so requests for endless made-up addresses cannot fill a disk.
//
// Several instances on one PostgreSQL (DATABASE_URL) share their purges through the database
// (db/cache-purge-bus.mjs: a numbered row and a NOTIFY per purge, replayed after a lost connection),
// so an instance never serves a page another instance has purged. The embedded database (PGlite)
// is one process only: nothing to share there.
//
// Plain JavaScript: Next loads it at run time, outside the bundles.

/** Total size kept (estimated from strings and buffers) when next.config sets no `cacheMaxMemorySize`. */
export const DEFAULT_MAX_BYTES = 50 * 1024 * 1024;
/**
 * A render that finishes this soon after one of its tags was purged may have read the data from
 * before the purge (it started first), so it is served once but not kept.
 */
export const SETTLE_MS = 3_000;

const TAGS_HEADER = "x-next-cache-tags";

/** One store per process, whichever copy of this module Next instantiates (it makes a handler per request). */
const store = (globalThis.__registryPageCache ??= {
  entries: new Map(),
  bytes: 0,
  maxBytes: DEFAULT_MAX_BYTES,
  purgedAt: new Map(),
  droppedAt: -Infinity,
  generation: 0,
  misses: new Map(),
});

/** Rough size of a cached value: strings, buffers and maps of buffers are what count. */
export function sizeOf(value, depth = 0) {
  if (value === null || value === undefined) return 0;
  if (typeof value === "string") return value.length;
  if (value instanceof Uint8Array) return value.byteLength;
  if (typeof value !== "object") return 8;
  if (depth > 8) return 64;
  let total = 0;
  if (value instanceof Map) {
    for (const [key, item] of value) total += sizeOf(key, depth + 1) + sizeOf(item, depth + 1);
    return total;
  }
  for (const item of Array.isArray(value) ? value : Object.values(value)) total += sizeOf(item, depth + 1);
  return total;
}

/** The tags an entry answers to: those it was stored with, and for pages and routes the tags header Next adds. */
function tagsOf(value, tags) {
  const all = new Set(tags ?? []);
  const header = value?.headers?.[TAGS_HEADER];
  if (typeof header === "string") for (const tag of header.split(",")) if (tag) all.add(tag);
  return [...all];
}

function purgedSince(tags, time) {
  return store.droppedAt >= time || tags.some((tag) => (store.purgedAt.get(tag) ?? -Infinity) >= time);
}

/** Purges tags now: this instance's own purges, and those another instance announced (db/cache-purge-bus.mjs). */
export function purgeTags(tags) {
  const now = Date.now();
  for (const tag of tags) store.purgedAt.set(tag, now);
  store.generation++;
}

/** Forget every entry (purges from other instances may have been missed); renders under way are not kept either. */
export function dropAll() {
  store.entries.clear();
  store.bytes = 0;
  store.droppedAt = Date.now();
  store.generation++;
}

/**
 * The purge bus for this process, started on first use when the registry runs on PostgreSQL, never
 * while `next build` prerenders (no database then, and nothing built is served).
 */
function purgeBus() {
  if (store.bus === undefined) {
    const url = process.env.DATABASE_URL?.trim();
    store.bus =
      url && process.env.NEXT_PHASE !== "phase-production-build"
        ? import("../db/cache-purge-bus.mjs").then(({ createPurgeBus }) => createPurgeBus({ url, onPurge: purgeTags, onUnknown: dropAll }))
        : null;
  }
  return store.bus;
}

/**
 * Purges tags in this instance and tells the others: what Next's revalidateTag does here, and what
 * work outside a request (a background job) calls directly, where Next's revalidateTag refuses.
 * Resolves once the other instances have been told, so a change's response goes out after that (or,
 * the database unreachable for a moment, once the bus has queued the purge to announce it again).
 */
export async function purgeEverywhere(tags) {
  purgeTags(tags);
  const bus = purgeBus();
  if (!bus) return;
  // The bus logs a purge it could not announce and announces it again until it can.
  await (await bus).publish(tags);
}

/**
 * Remembers when Next first found nothing under `key`: it renders (or reads) then and stores the
 * result with set(), which must not keep it if a purge came in between, however long that took.
 * A miss older than a minute is from a render that never stored anything (it failed): replaced.
 */
function missed(key) {
  const now = Date.now();
  const earlier = store.misses.get(key);
  if (earlier === undefined || now - earlier > 60_000) {
    // Bounded: keys of renders that never finished cannot pile up.
    if (store.misses.size >= 10_000) store.misses.clear();
    store.misses.set(key, now);
  }
  return null;
}

function remove(key) {
  const entry = store.entries.get(key);
  if (!entry) return;
  store.entries.delete(key);
  store.bytes -= entry.size;
}

export default class PageCacheHandler {
  /** Next passes next.config's `cacheMaxMemorySize` as `maxMemoryCacheSize`. */
  constructor(ctx) {
    if (typeof ctx?.maxMemoryCacheSize === "number") store.maxBytes = ctx.maxMemoryCacheSize;
    void purgeBus();
  }

  async get(key, ctx) {
    const entry = store.entries.get(key);
    if (!entry) return missed(key);
    const tags = [...entry.tags, ...(ctx?.tags ?? []), ...(ctx?.softTags ?? [])];
    if (purgedSince(tags, entry.lastModified)) {
      remove(key);
      return missed(key);
    }
    // Most recently used last: eviction takes from the front.
    store.entries.delete(key);
    store.entries.set(key, entry);
    return { lastModified: entry.lastModified, value: entry.value, cacheControl: entry.cacheControl };
  }

  async set(key, data, ctx) {
    remove(key);
    if (!data) return;
    const now = Date.now();
    const tags = tagsOf(data, ctx?.tags);
    // Not kept if a tag was purged since Next found nothing here (the render began after that), or
    // within SETTLE_MS when that moment is unknown (a revalidation in the background).
    const lookedUp = store.misses.get(key);
    store.misses.delete(key);
    if (purgedSince(tags, Math.min(lookedUp ?? Infinity, now - SETTLE_MS))) return;
    const size = sizeOf(data) + key.length;
    // One entry may take a quarter of the space, so a few huge ones cannot push out everything else.
    if (size > store.maxBytes / 4) return;
    store.entries.set(key, { value: data, lastModified: now, tags, cacheControl: ctx?.cacheControl, size });
    store.bytes += size;
    for (const oldest of store.entries.keys()) {
      if (store.bytes <= store.maxBytes) break;
      remove(oldest);
    }
  }

  /** Every purge in this registry is immediate (`{ expire: 0 }`), so the durations are not needed. */
  async revalidateTag(tags) {
    await purgeEverywhere(typeof tags === "string" ? [tags] : [...tags]);
  }

  resetRequestCache() {}
}

/** For tests: forget everything. */
export function clearPageCache() {
  store.entries.clear();
  store.bytes = 0;
  store.purgedAt.clear();
  store.misses.clear();
  store.droppedAt = -Infinity;
  store.generation++;
}

/**
 * How many times this process has purged anything (its own purges, other instances', dropping
 * everything): the front door keeps whole pages only while this stays the same
 * (scripts/lib/response-cache.mjs).
 */
export function purgeGeneration() {
  return store.generation;
}

/** For tests and diagnostics: how much is kept. */
export function pageCacheStats() {
  return { entries: store.entries.size, bytes: store.bytes };
}

/**
 * When this process last learnt that something cached may have changed (ms since the epoch; 0 if
 * never): the latest purge, its own or another instance's, or the moment it dropped everything.
 * Browsers compare it on each navigation and refresh their router's copies when it moved on
 * (app/api/freshness/route.ts, components/freshness-watch.tsx). A scan, not a counter, so every
 * way a purge reaches `purgedAt` counts; it runs once per navigation, over one entry per tag.
 */
export function lastPurgeAt() {
  let latest = Number.isFinite(store.droppedAt) ? store.droppedAt : 0;
  for (const time of store.purgedAt.values()) if (time > latest) latest = time;
  return latest;
}
