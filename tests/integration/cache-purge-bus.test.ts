import net from "node:net";
import postgres from "postgres";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
// @ts-expect-error: plain JavaScript that the page cache handler loads at run time; its shapes are stated below.
import { createPurgeBus } from "@/db/cache-purge-bus.mjs";
import { openDatabase, useFreshDatabase } from "./database";

type Bus = {
  origin: string;
  ready: Promise<void>;
  lastSeq: () => number | null;
  publish: (tags: string[]) => Promise<boolean>;
  unsent: () => string[];
  close: () => Promise<void>;
};

/** A TCP relay to the database that can be cut and restored on the same port: a network failure between one instance and PostgreSQL. */
async function relay(target: URL) {
  const sockets = new Set<net.Socket>();
  let server: net.Server | null = null;
  let port = 0;
  const open = () =>
    new Promise<void>((resolve) => {
      server = net.createServer((client) => {
        const upstream = net.connect(Number(target.port || 5432), target.hostname);
        for (const socket of [client, upstream]) {
          sockets.add(socket);
          socket.on("error", () => {});
          socket.on("close", () => sockets.delete(socket));
        }
        client.pipe(upstream).pipe(client);
      });
      server.listen(port, "127.0.0.1", () => {
        port = (server!.address() as net.AddressInfo).port;
        resolve();
      });
    });
  await open();
  return {
    url: () => Object.assign(new URL(target), { hostname: "127.0.0.1", port: String(port) }).toString(),
    open,
    cut: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server!.close(() => resolve());
      }),
  };
}

/** One instance's view: the purges it applied and the times it had to forget everything. */
function instance(url: string) {
  const purged: string[] = [];
  const unknown: string[] = [];
  const bus: Bus = createPurgeBus({ url, onPurge: (tags: string[]) => purged.push(...tags), onUnknown: (why: string) => unknown.push(why), log: () => {} });
  return { bus, purged, unknown };
}

/** Polls (no timed assertion) until `check` holds; generous, since two cores are shared. */
async function eventually(check: () => boolean, what: string): Promise<void> {
  const deadline = Date.now() + 20_000;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`never happened: ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

// Purges are shared only between instances on one PostgreSQL; PGlite is one process, with nothing to share.
describe.skipIf(!process.env.TEST_DATABASE_URL)("page-cache purges shared through PostgreSQL (needs TEST_DATABASE_URL)", () => {
  let cleanup: () => Promise<void>;
  let url: string;
  let admin: postgres.Sql;
  const buses: Bus[] = [];
  const start = (name = url) => {
    const made = instance(name);
    buses.push(made.bus);
    return made;
  };
  /** Cuts one instance's listening connection, as a network failure or a database restart would. */
  const cutListener = async (bus: Bus) => {
    const rows = await admin`select pg_terminate_backend(pid) from pg_stat_activity where application_name = ${`registry-purges-${bus.origin.slice(0, 8)}`}`;
    expect(rows.length).toBe(1);
  };

  beforeAll(async () => {
    ({ cleanup } = await useFreshDatabase("postgres"));
    await openDatabase();
    url = process.env.DATABASE_URL!;
    admin = postgres(url, { max: 1, onnotice: () => {} });
  });
  afterAll(async () => {
    await Promise.all(buses.map((bus) => bus.close()));
    await admin?.end();
    await cleanup?.();
  });

  it("tells every other instance of a purge, not the one that purged, and numbers it", async () => {
    const a = start();
    const b = start();
    const c = start();
    await Promise.all([a.bus.ready, b.bus.ready, c.bus.ready]);
    // Nothing was known before the first connection: each instance forgets what it may have cached.
    expect(b.unknown).toEqual(["nothing seen yet"]);
    const sentAt = Date.now();
    await a.bus.publish(["signatories", "accord-versions"]);
    await eventually(() => b.purged.length === 2 && c.purged.length === 2, "b and c applied the purge");
    console.log(`[cache-purge-bus] a purge reached the other instances after ${Date.now() - sentAt} ms`);
    expect(b.purged).toEqual(["signatories", "accord-versions"]);
    expect(a.purged).toEqual([]);
    const [row] = await admin<{ max: number }[]>`select max(seq)::int as max from cache_purges`;
    const max = row?.max;
    await eventually(() => b.bus.lastSeq() === max, "b recorded the purge's number");
    expect(a.bus.lastSeq()).toBe(max);
  });

  it("replays the purges an instance missed while its connection was down", async () => {
    const a = start();
    const b = start();
    await Promise.all([a.bus.ready, b.bus.ready]);
    const before = b.bus.lastSeq();
    // A purge whose notice b never received (written with no NOTIFY), then b's connection drops.
    await admin`insert into cache_purges (tags) values (${admin.array(["published-documents"])})`;
    await cutListener(b.bus);
    await eventually(() => b.purged.includes("published-documents"), "b replayed the missed purge");
    expect(b.unknown).toEqual(["nothing seen yet"]);
    expect(b.bus.lastSeq()).toBe(before! + 1);
    // And it listens again.
    await a.bus.publish(["signatories"]);
    await eventually(() => b.purged.includes("signatories"), "b follows purges again");
  });

  it("applies a purge no notice brought while its connection looks alive, from the table", async () => {
    const b = start();
    await b.bus.ready;
    // Written with no NOTIFY, the connection left up: as a listener that stopped hearing would see it.
    await admin`insert into cache_purges (tags) values (${admin.array(["silently-missed"])})`;
    await eventually(() => b.purged.includes("silently-missed"), "b applied the purge it was never told of");
    const [row] = await admin<{ max: number }[]>`select max(seq)::int as max from cache_purges`;
    expect(b.bus.lastSeq()).toBe(row?.max);
    expect(b.unknown).toEqual(["nothing seen yet"]);
  });

  it("announces a purge it could not write once the database is reachable again", async () => {
    const path = await relay(new URL(url));
    const a = start(path.url());
    const b = start();
    await Promise.all([a.bus.ready, b.bus.ready]);
    await path.cut();
    // The change's purge happens while a cannot reach the database: queued, not lost, and no error for the change.
    expect(await a.bus.publish(["signatories", "ledger-witnesses"])).toBe(false);
    expect(a.bus.unsent()).toEqual(["signatories", "ledger-witnesses"]);
    expect(await a.bus.publish(["signatories"])).toBe(false);
    expect(a.bus.unsent()).toEqual(["signatories", "ledger-witnesses"]);
    expect(b.purged).toEqual([]);
    await path.open();
    await eventually(() => b.purged.includes("signatories") && b.purged.includes("ledger-witnesses"), "b applied the purge a announced late");
    expect(a.bus.unsent()).toEqual([]);
    // Announced once, merged: one row for both purges.
    const rows = await admin<{ tags: string[] }[]>`select tags from cache_purges order by seq desc limit 1`;
    expect(rows[0]?.tags.sort()).toEqual(["ledger-witnesses", "signatories"]);
  });

  it("forgets everything when the purges it missed were already pruned", async () => {
    const b = start();
    await b.bus.ready;
    await admin`insert into cache_purges (tags) values (${admin.array(["a"])}), (${admin.array(["b"])})`;
    await admin`delete from cache_purges where seq <= (select max(seq) - 1 from cache_purges)`;
    await cutListener(b.bus);
    await eventually(() => b.unknown.includes("purges missed and pruned"), "b dropped its cache");
    expect(b.purged).toEqual([]);
  });

  it("keeps forgetting everything while it cannot follow the purges", async () => {
    const missing = new URL(url);
    missing.pathname = "/registry_no_such_database";
    const lost = start(missing.toString());
    await eventually(() => lost.unknown.includes("not listening"), "an instance that cannot listen drops its cache");
    expect(lost.purged).toEqual([]);
  });
});
