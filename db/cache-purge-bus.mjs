// Page-cache purges shared by every instance on one PostgreSQL database (lib/page-cache-handler.mjs).
//
// Each purge is a numbered row in `cache_purges` and a NOTIFY, written in one transaction, so the
// notice goes out only once the row is there. Every instance LISTENs on its own connection and
// applies the purges of the others as they arrive. A notice sent while an instance was not
// listening (a dropped connection, a restarted database) is not lost: whenever the listener
// (re)connects, the instance replays the rows after the last number it saw, and if it cannot
// tell what it missed (first connection, rows already pruned, the table unreadable) it drops its
// whole cache. Purges are serialised by an advisory lock, so numbers become visible in order and
// "after the last number seen" misses nothing.
//
// Plain JavaScript: Next loads the cache handler at run time, outside the bundles, as its own
// module instance, so this opens its own connections from DATABASE_URL (not db/client.ts's pool).
import { randomUUID } from "node:crypto";
import postgres from "postgres";

export const PURGE_CHANNEL = "registry_cache_purge";
/** Serialises purges across instances (db/client.ts's migration lock is 7461626). */
const PURGE_LOCK = 7461627;
/** Rows kept for instances that reconnect; one that missed more drops its whole cache. */
export const KEPT_PURGES = 10_000;
/** A NOTIFY payload must stay under 8000 bytes: longer tag lists are fetched by number. */
const MAX_PAYLOAD = 7_000;
const RETRY_MS = 1_000;
/**
 * How often each instance also reads the table on its other connection: a listening connection can
 * die without a word (a half-open TCP connection is noticed only when keepalive gives up, minutes
 * later), and its notices with it. A purge older than NOTICE_GRACE_MS that no notice brought is
 * applied from the table, so such an instance is late by a few seconds, not minutes.
 */
export const POLL_MS = 2_000;
const NOTICE_GRACE_MS = 1_000;

/**
 * @param {{
 *   url: string,
 *   onPurge: (tags: string[]) => void,
 *   onUnknown: (why: string) => void,
 *   log?: (message: string) => void,
 * }} options
 * onPurge: apply another instance's purge. onUnknown: forget everything cached (purges may have been missed).
 */
export function createPurgeBus({ url, onPurge, onUnknown, log = (message) => console.warn(`[registry] ${message}`) }) {
  const origin = randomUUID();
  /** The last purge number applied; null until known (nothing cached before then can be trusted). */
  let lastSeq = null;
  let closed = false;
  /** Set when the listener connection is new or was lost: LISTEN again and catch up. */
  let needsListen = true;
  let connecting = null;
  let readyResolve;
  const ready = new Promise((resolve) => (readyResolve = resolve));

  const writer = postgres(url, { max: 2, onnotice: () => {}, connect_timeout: 10 });
  const listener = postgres(url, {
    max: 1,
    // Named, so an operator (and the tests) can find each instance's listener in pg_stat_activity.
    connection: { application_name: `registry-purges-${origin.slice(0, 8)}` },
    idle_timeout: null,
    max_lifetime: null,
    connect_timeout: 10,
    onnotice: () => {},
    onnotify: (channel, payload) => {
      if (channel === PURGE_CHANNEL) receive(payload);
    },
    onclose: () => {
      if (closed) return;
      needsListen = true;
      void connect();
    },
  });

  function receive(payload) {
    let notice;
    try {
      notice = JSON.parse(payload);
    } catch {
      notice = {};
    }
    // A notice too long to carry its tags (or unreadable): read what it purged from the table.
    if (!Array.isArray(notice.tags)) {
      catchUp().catch(() => {
        lastSeq = null;
        onUnknown("purge unreadable");
      });
      return;
    }
    if (notice.origin !== origin) onPurge(notice.tags);
    if (lastSeq !== null && notice.seq > lastSeq) lastSeq = notice.seq;
  }

  /** After each (re)connection: replay what was missed, or forget everything if that cannot be known. */
  async function catchUp() {
    const [bounds] = await listener`select coalesce(max(seq), 0)::text as max, min(seq)::text as min from cache_purges`;
    const max = Number(bounds.max);
    if (lastSeq === null || (bounds.min !== null && Number(bounds.min) > lastSeq + 1)) {
      const why = lastSeq === null ? "nothing seen yet" : "purges missed and pruned";
      lastSeq = max;
      onUnknown(why);
      return;
    }
    const rows = await listener`select seq::text as seq, tags from cache_purges where seq > ${lastSeq} order by seq`;
    const tags = new Set();
    for (const row of rows) for (const tag of row.tags) tags.add(tag);
    if (tags.size > 0) onPurge([...tags]);
    if (rows.length > 0) lastSeq = Number(rows.at(-1).seq);
  }

  function connect() {
    connecting ??= (async () => {
      let failures = 0;
      while (needsListen && !closed) {
        needsListen = false;
        try {
          await listener`listen ${listener(PURGE_CHANNEL)}`;
          await catchUp();
          failures = 0;
          readyResolve();
        } catch (error) {
          if (failures++ === 0)
            log(`page cache: not following other instances' purges (${error instanceof Error ? error.message : String(error)}); retrying every ${RETRY_MS} ms`);
          // Until it listens and has caught up, what is cached may miss purges: forget it.
          lastSeq = null;
          onUnknown("not listening");
          needsListen = true;
          await new Promise((resolve) => setTimeout(resolve, RETRY_MS));
        }
      }
    })().finally(() => {
      connecting = null;
    });
    return connecting;
  }

  /** The safety net for a listener that stopped hearing notices without losing its connection. */
  let polling = false;
  async function poll() {
    if (closed || polling || connecting || lastSeq === null) return;
    polling = true;
    try {
      const since = lastSeq;
      const [bounds] = await writer`select min(seq)::text as min, coalesce(max(seq), 0)::text as max from cache_purges`;
      if (bounds.min !== null && Number(bounds.min) > since + 1) {
        lastSeq = Number(bounds.max);
        onUnknown("purges missed and pruned");
        return;
      }
      const rows =
        await writer`select seq::text as seq, tags from cache_purges where seq > ${since} and purged_at < now() - ${`${NOTICE_GRACE_MS} milliseconds`}::interval order by seq`;
      // A notice or a reconnection may have moved on meanwhile: apply only what is still unseen.
      const missed = rows.filter((row) => lastSeq !== null && Number(row.seq) > lastSeq);
      if (missed.length === 0) return;
      const tags = new Set();
      for (const row of missed) for (const tag of row.tags) tags.add(tag);
      onPurge([...tags]);
      lastSeq = Number(missed.at(-1).seq);
      // Not reconnecting here: LISTEN on a half-open connection would hang; its own close does that.
      log(`page cache: applied ${missed.length} purge(s) that no notice brought (is the listening connection alive?)`);
    } catch {
      // The database is unreachable: the listener's own reconnection handles that.
    } finally {
      polling = false;
    }
  }
  /**
   * Tags this instance purged but could not announce (the database unreachable for a moment): the
   * others would serve them stale until their timers ran out. Announced again, merged, every
   * POLL_MS until written; a purge is idempotent, so announcing it late is only late.
   */
  const unsent = new Set();
  async function announce(tags) {
    await writer.begin(async (tx) => {
      await tx`select pg_advisory_xact_lock(${PURGE_LOCK})`;
      const [row] = await tx`insert into cache_purges (tags) values (${tx.array(tags)}) returning seq::text as seq`;
      const seq = Number(row.seq);
      const payload = JSON.stringify({ seq, tags, origin });
      await tx`select pg_notify(${PURGE_CHANNEL}, ${payload.length <= MAX_PAYLOAD ? payload : JSON.stringify({ seq, origin })})`;
      if (seq % 1_000 === 0) await tx`delete from cache_purges where seq <= ${seq - KEPT_PURGES}`;
    });
  }
  let resending = false;
  async function resend() {
    if (closed || resending || unsent.size === 0) return;
    resending = true;
    const tags = [...unsent];
    try {
      await announce(tags);
      for (const tag of tags) unsent.delete(tag);
      log(`page cache: told the other instances of the purge of ${tags.join(", ")} after all`);
    } catch {
      // Still unreachable: the next tick tries again.
    } finally {
      resending = false;
    }
  }

  const poller = setInterval(() => {
    void resend();
    void poll();
  }, POLL_MS);
  poller.unref?.();

  void connect();

  return {
    origin,
    /** Resolves once the first LISTEN and catch-up are done (for tests). */
    ready,
    /** The last purge number applied (for tests and diagnostics). */
    lastSeq: () => lastSeq,
    /**
     * Records a purge and tells the other instances; the caller has already applied it locally.
     * Resolves true once told, or false when the database could not be reached: the purge is then
     * announced again every POLL_MS until it is written (unsent, for tests).
     */
    async publish(tags) {
      if (closed || tags.length === 0) return true;
      try {
        await announce(tags);
        return true;
      } catch (error) {
        if (unsent.size === 0)
          log(
            `page cache: could not tell the other instances of a purge of ${tags.join(", ")} (${error instanceof Error ? error.message : String(error)}); trying again every ${POLL_MS} ms`,
          );
        for (const tag of tags) unsent.add(tag);
        return false;
      }
    },
    unsent: () => [...unsent],
    async close() {
      closed = true;
      clearInterval(poller);
      readyResolve();
      await Promise.allSettled([listener.end({ timeout: 1 }), writer.end({ timeout: 1 })]);
    },
  };
}
