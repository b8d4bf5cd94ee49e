"use client";

import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { useCallback, useEffect, useRef } from "react";

/** The change signal: app/api/freshness/route.ts. */
export const FRESHNESS_PATH = "/api/freshness";

/**
 * Keeps a visitor's pages current. Next's client router keeps the pages it prefetched or showed
 * for at least 30 seconds (5 minutes by default) and shows them again on a click without asking
 * the server, so a visitor who read /accord before an editor published would still see the old
 * version list. After every navigation, and when the tab comes back into view, this asks the
 * server when it last purged a cached page; if that is later than the last answer, the router's
 * copies are dropped and the page on screen is fetched again (router.refresh), so what the
 * visitor reads settles on the current state one round trip after the click. Back and forward
 * restore history as it was until then. Renders nothing.
 */
export function FreshnessWatch() {
  const router = useRouter();
  const pathname = usePathname();
  const search = useSearchParams().toString();
  const seen = useRef<number | null>(null);

  const check = useCallback(() => {
    fetch(FRESHNESS_PATH, { cache: "no-store", headers: { accept: "application/json" } })
      .then((response) => (response.ok ? (response.json() as Promise<{ purgedAt?: unknown }>) : null))
      .then((body) => {
        const purgedAt = body?.purgedAt;
        if (typeof purgedAt !== "number") return;
        const before = seen.current;
        if (before !== null && purgedAt <= before) return;
        seen.current = purgedAt;
        // The first answer is the baseline: the page itself was just fetched fresh.
        if (before !== null) router.refresh();
      })
      // Offline or the server restarting: the next navigation asks again.
      .catch(() => {});
  }, [router]);

  useEffect(() => {
    check();
  }, [check, pathname, search]);

  useEffect(() => {
    const onVisible = () => {
      if (document.visibilityState === "visible") check();
    };
    const onShow = (event: PageTransitionEvent) => {
      if (event.persisted) check();
    };
    document.addEventListener("visibilitychange", onVisible);
    window.addEventListener("focus", onVisible);
    window.addEventListener("pageshow", onShow);
    return () => {
      document.removeEventListener("visibilitychange", onVisible);
      window.removeEventListener("focus", onVisible);
      window.removeEventListener("pageshow", onShow);
    };
  }, [check]);

  return null;
}
