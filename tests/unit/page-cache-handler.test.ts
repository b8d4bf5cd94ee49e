import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import PageCacheHandler, { clearPageCache, dropAll, pageCacheStats, purgeTags, SETTLE_MS, sizeOf } from "@/lib/page-cache-handler.mjs";

const handler = (maxMemoryCacheSize = 1024 * 1024) => new PageCacheHandler({ maxMemoryCacheSize });

/** A page as Next stores it: the tags its render used travel in a response header. */
const page = (html: string, tags: string[]) => ({
  kind: "APP_PAGE",
  html,
  rscData: Buffer.from(html),
  headers: { "x-next-cache-tags": tags.join(",") },
  status: 200,
});
const data = (body: string) => ({ kind: "FETCH", data: { headers: {}, body, url: "", status: 200 }, revalidate: 300 });

beforeEach(() => {
  clearPageCache();
  vi.useFakeTimers({ now: new Date("2026-11-27T08:00:00Z") });
});
afterEach(() => vi.useRealTimers());

describe("the page cache handler", () => {
  it("misses what it never stored, including everything the build prerendered", async () => {
    expect(await handler().get("/route-cache/APP_PAGE/abc/$/accord", { kind: "APP_PAGE" })).toBeNull();
  });

  it("returns a stored page with the time it was stored and its lifetime", async () => {
    const cache = handler();
    await cache.set("k", page("<p>accord</p>", ["published-documents"]), { cacheControl: { revalidate: 300, expire: 600 } });
    const hit = await cache.get("k", { kind: "APP_PAGE" });
    expect(hit?.value).toMatchObject({ html: "<p>accord</p>" });
    expect(hit?.lastModified).toBe(Date.now());
    expect(hit?.cacheControl).toEqual({ revalidate: 300, expire: 600 });
  });

  it("drops a page once a tag in its tags header is purged, and keeps pages under other tags", async () => {
    const cache = handler();
    await cache.set("accord", page("v1", ["published-documents", "_N_T_/accord"]), {});
    await cache.set("directory", page("list", ["signatories"]), {});
    vi.advanceTimersByTime(10_000);
    await cache.revalidateTag("published-documents", { expire: 0 });
    expect(await cache.get("accord", { kind: "APP_PAGE" })).toBeNull();
    expect((await cache.get("directory", { kind: "APP_PAGE" }))?.value).toMatchObject({ html: "list" });
  });

  it("drops data stored under a tag when the tag is purged, and on purged soft tags named at read time", async () => {
    const cache = handler();
    await cache.set("stats", data("{}"), { fetchCache: true, tags: ["signatories"] });
    await cache.set("sources", data("[]"), { fetchCache: true, tags: ["published-documents"] });
    vi.advanceTimersByTime(10_000);
    await cache.revalidateTag(["signatories", "_N_T_/layout"]);
    expect(await cache.get("stats", { kind: "FETCH", tags: ["signatories"] })).toBeNull();
    expect(await cache.get("sources", { kind: "FETCH", tags: ["published-documents"], softTags: ["_N_T_/layout"] })).toBeNull();
  });

  it("keeps what is stored after a purge once the purge has settled", async () => {
    const cache = handler();
    await cache.revalidateTag("published-documents");
    vi.advanceTimersByTime(SETTLE_MS + 1);
    await cache.set("accord", page("v2", ["published-documents"]), {});
    expect((await cache.get("accord", { kind: "APP_PAGE" }))?.value).toMatchObject({ html: "v2" });
  });

  it("does not keep a render that finishes just after its tag was purged: it may have read the older data", async () => {
    const cache = handler();
    await cache.revalidateTag("published-documents");
    vi.advanceTimersByTime(SETTLE_MS - 1);
    await cache.set("accord", page("maybe v1", ["published-documents"]), {});
    expect(await cache.get("accord", { kind: "APP_PAGE" })).toBeNull();
  });

  it("does not keep a slow render whose tag was purged after Next found nothing and began it", async () => {
    const cache = handler();
    expect(await cache.get("accord", { kind: "APP_PAGE" })).toBeNull();
    vi.advanceTimersByTime(1_000);
    await cache.revalidateTag("published-documents");
    // The render reads for longer than SETTLE_MS after the purge: it may still hold the older text.
    vi.advanceTimersByTime(SETTLE_MS * 3);
    await cache.set("accord", page("maybe v1", ["published-documents"]), {});
    expect(await cache.get("accord", { kind: "APP_PAGE" })).toBeNull();
    // The next render began after the purge: kept.
    vi.advanceTimersByTime(1_000);
    await cache.set("accord", page("v2", ["published-documents"]), {});
    expect((await cache.get("accord", { kind: "APP_PAGE" }))?.value).toMatchObject({ html: "v2" });
  });

  it("applies a purge announced by another instance like its own", async () => {
    const cache = handler();
    await cache.set("accord", page("v1", ["published-documents"]), {});
    await cache.set("directory", page("list", ["signatories"]), {});
    vi.advanceTimersByTime(10_000);
    purgeTags(["published-documents"]);
    expect(await cache.get("accord", { kind: "APP_PAGE" })).toBeNull();
    expect((await cache.get("directory", { kind: "APP_PAGE" }))?.value).toMatchObject({ html: "list" });
  });

  it("forgets everything when purges may have been missed, and does not keep a render that was under way", async () => {
    const cache = handler();
    await cache.set("accord", page("v1", ["published-documents"]), {});
    await cache.set("stats", data("{}"), { fetchCache: true, tags: ["signatories"] });
    vi.advanceTimersByTime(10_000);
    dropAll();
    expect(pageCacheStats()).toEqual({ entries: 0, bytes: 0 });
    vi.advanceTimersByTime(SETTLE_MS - 1);
    await cache.set("accord", page("maybe v1", ["published-documents"]), {});
    expect(await cache.get("accord", { kind: "APP_PAGE" })).toBeNull();
    vi.advanceTimersByTime(2);
    await cache.set("accord", page("v2", ["published-documents"]), {});
    expect((await cache.get("accord", { kind: "APP_PAGE" }))?.value).toMatchObject({ html: "v2" });
  });

  it("forgets an entry set to null", async () => {
    const cache = handler();
    await cache.set("k", page("x", []), {});
    await cache.set("k", null, {});
    expect(await cache.get("k", { kind: "APP_PAGE" })).toBeNull();
    expect(pageCacheStats()).toEqual({ entries: 0, bytes: 0 });
  });

  it("stays within its memory budget by dropping the least recently used entries first", async () => {
    const cache = handler(10_000);
    const kilobyte = "x".repeat(1000);
    for (const key of ["a", "b", "c", "d", "e"]) await cache.set(key, data(kilobyte), { fetchCache: true, tags: [] });
    await cache.get("a", { kind: "FETCH" }); // used again: "b" is now the oldest
    for (const key of ["f", "g", "h", "i", "j"]) await cache.set(key, data(kilobyte), { fetchCache: true, tags: [] });
    expect(pageCacheStats().bytes).toBeLessThanOrEqual(10_000);
    expect(await cache.get("a", { kind: "FETCH" })).not.toBeNull();
    expect(await cache.get("b", { kind: "FETCH" })).toBeNull();
    expect(await cache.get("j", { kind: "FETCH" })).not.toBeNull();
  });

  it("does not keep an entry larger than a quarter of the budget, and keeps nothing with a budget of 0", async () => {
    await handler(10_000).set("huge", data("x".repeat(3000)), { fetchCache: true, tags: [] });
    expect(pageCacheStats().entries).toBe(0);
    await handler(0).set("small", data("x"), { fetchCache: true, tags: [] });
    expect(pageCacheStats().entries).toBe(0);
  });

  it("estimates size from strings, buffers and maps of segment buffers", () => {
    expect(sizeOf({ html: "abcd", rscData: Buffer.alloc(10), segmentData: new Map([["/a", Buffer.alloc(100)]]) })).toBe(4 + 10 + 2 + 100);
  });
});
