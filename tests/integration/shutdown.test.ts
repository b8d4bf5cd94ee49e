// The app's half of a graceful shutdown (scripts/server.mjs calls it once the requests in flight
// are done): readiness turns 503, the mail being sent is sent and marked sent, then the database
// closes. The server's half (a real process, a request in flight, exit 0) is e2e/deployment.spec.ts.
import net from "node:net";
import { eq } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { getReadiness } from "@/db/queries/health";
import { notificationOutbox } from "@/db/schema";
import { clearEnvCache } from "@/lib/env";
import { startJobRunner } from "@/lib/jobs";
import { queueEmail } from "@/lib/notifications/notify";
import { stopRegistry } from "@/lib/startup/start-registry";
import { startSmtpSink, type SmtpSink } from "../support/smtp-sink";
import { type Driver, drivers, getReadyDatabase, openDatabase, useFreshDatabase } from "./database";

const flags = globalThis as { __registryStarted?: boolean; __registryStopping?: boolean };

/** An SMTP relay that holds each connection until released: a send caught in flight. */
async function heldRelay(target: number) {
  const held: (() => void)[] = [];
  const server = net.createServer((client) => {
    held.push(() => {
      const upstream = net.connect(target, "127.0.0.1");
      client.pipe(upstream).pipe(client);
      client.on("error", () => upstream.destroy());
      upstream.on("error", () => client.destroy());
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    url: `smtp://127.0.0.1:${(server.address() as net.AddressInfo).port}`,
    connections: () => held.length,
    release: () => held.splice(0).forEach((go) => go()),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

describe.each(drivers)("shutdown on %s", (driver: Driver) => {
  let cleanup: () => Promise<void>;
  let sink: SmtpSink;
  beforeEach(async () => {
    ({ cleanup } = await useFreshDatabase(driver, "production"));
    sink = await startSmtpSink();
  });
  afterEach(async () => {
    delete flags.__registryStarted;
    delete flags.__registryStopping;
    await stopRegistry();
    await sink.close();
    await cleanup();
  });

  it("readiness is 503 until start-up finished, 200 with the database, 503 again while stopping", async () => {
    await getReadyDatabase();
    delete flags.__registryStarted;
    expect(await getReadiness()).toEqual({ status: "unavailable", reason: "The server is still starting (migrations, shipped content)." });
    flags.__registryStarted = true;
    expect(await getReadiness()).toEqual({ status: "ok", database: driver });
    flags.__registryStopping = true;
    expect(await getReadiness()).toEqual({ status: "unavailable", reason: "The server is shutting down." });
  });

  it("waits for the mail being sent (sent once, marked sent), then closes the database", async () => {
    const relay = await heldRelay(Number(new URL(sink.url).port));
    try {
      process.env.SMTP_URL = relay.url;
      clearEnvCache();
      const db = await getReadyDatabase();
      await queueEmail(db, {
        to: "reader@shutdown.test",
        subject: "Sent during shutdown",
        text: "Hello",
        html: "<p>Hello</p>",
        key: "shutdown-mail",
        now: new Date(Date.now() - 1_000),
      });
      startJobRunner(db);
      // The runner has the job in hand and its SMTP connection is waiting on the relay.
      await expect.poll(relay.connections, { timeout: 10_000 }).toBe(1);
      let stopped = false;
      const stopping = stopRegistry().then(() => (stopped = true));
      for (let turn = 0; turn < 20; turn++) await new Promise((resolve) => setImmediate(resolve));
      expect(stopped).toBe(false);
      relay.release();
      await stopping;
      expect(sink.messages.filter((m) => m.subject === "Sent during shutdown")).toHaveLength(1);
      // Reopened after the close: the row was marked sent before the database closed.
      const reopened = (await openDatabase()).db;
      const [row] = await reopened.select({ sentAt: notificationOutbox.sentAt }).from(notificationOutbox).where(eq(notificationOutbox.key, "shutdown-mail"));
      expect(row?.sentAt).toBeInstanceOf(Date);
    } finally {
      await relay.close();
    }
  });
});
