import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import PageCacheHandler, { clearPageCache, lastPurgeAt } from "@/lib/page-cache-handler.mjs";

const handler = () => new PageCacheHandler({ maxMemoryCacheSize: 1024 * 1024 });

beforeEach(() => {
  clearPageCache();
  vi.useFakeTimers({ now: new Date("2026-12-05T08:00:00Z") });
});
afterEach(() => vi.useRealTimers());

describe("lastPurgeAt, the change signal browsers compare (app/api/freshness)", () => {
  it("is 0 before anything was purged", () => {
    expect(lastPurgeAt()).toBe(0);
  });

  it("is the time of the latest purge, whichever tag it named", async () => {
    await handler().revalidateTag("accord-versions");
    expect(lastPurgeAt()).toBe(Date.parse("2026-12-05T08:00:00Z"));
    vi.advanceTimersByTime(5_000);
    await handler().revalidateTag(["organisation:acme", "directory"]);
    expect(lastPurgeAt()).toBe(Date.parse("2026-12-05T08:00:05Z"));
    // Purging an earlier tag again moves it on too.
    vi.advanceTimersByTime(1_000);
    await handler().revalidateTag("accord-versions");
    expect(lastPurgeAt()).toBe(Date.parse("2026-12-05T08:00:06Z"));
  });
});
