import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { rateLimitHits } from "@/db/schema";
import { signInLimitMessages, signInLimits } from "@/lib/auth/rate-limit";
import { admitSignIn, wasAdmitted } from "@/lib/auth/sign-in-gate";
import { gateSignInPost } from "@/lib/auth/sign-in-route";
import { ADDRESS_MESSAGES } from "@/lib/validation/email-address";
import { createFrontDoor } from "@/scripts/lib/front-door.mjs";
import { type Driver, drivers, getReadyDatabase, useFreshDatabase } from "./database";

type Db = Awaited<ReturnType<typeof getReadyDatabase>>;

/**
 * The real front door (scripts/lib/front-door.mjs) in front of the real sign-in gate on a real
 * database, over real HTTP. Only Auth.js itself is replaced, by a stand-in that records which
 * address it was asked to mail and whether the gate admitted it (next-auth does not load outside Next).
 */
async function startSignInServer(db: Db, trustedHops: number) {
  const mailed: { email: string; admitted: boolean }[] = [];
  const authJs = async (request: Request) => {
    const email = Object.fromEntries(new URLSearchParams(await request.text())).email ?? "";
    mailed.push({ email, admitted: wasAdmitted(email.trim().toLowerCase()) });
    return new Response("link sent", { status: 200 });
  };
  const server = http.createServer(
    createFrontDoor(
      (req, res) => {
        const chunks: Buffer[] = [];
        req.on("data", (c: Buffer) => chunks.push(c));
        req.on("end", async () => {
          const headers = new Headers();
          for (const [k, v] of Object.entries(req.headers)) if (typeof v === "string") headers.set(k, v);
          const request = new Request(`http://localhost${req.url}`, { method: req.method, headers, body: req.method === "POST" ? Buffer.concat(chunks) : undefined });
          const response = await gateSignInPost(db, request, authJs);
          res.writeHead(response.status, { "content-type": "text/plain" });
          res.end(await response.text());
        });
      },
      { trustedHops },
    ),
  );
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  const post = async (email: string, forwardedFor?: string, path = "/api/auth/signin/nodemailer") => {
    const response = await fetch(`http://127.0.0.1:${port}${path}`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded", ...(forwardedFor ? { "x-forwarded-for": forwardedFor } : {}) },
      body: new URLSearchParams({ email, csrfToken: "t" }).toString(),
    });
    return { status: response.status, text: (await response.text()).trim() };
  };
  return { post, mailed, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

describe.each(drivers)("sign-in abuse limits on %s", (driver: Driver) => {
  let cleanup: () => Promise<void>;
  let db: Db;
  beforeAll(async () => {
    ({ cleanup } = await useFreshDatabase(driver, "production"));
    db = await getReadyDatabase();
  });
  afterAll(async () => {
    await cleanup();
  });

  const clear = () => db.delete(rateLimitHits);

  it("a forged X-Forwarded-For never opens a fresh bucket: the sixth link to one address is refused", async () => {
    await clear();
    const server = await startSignInServer(db, 0);
    try {
      for (let i = 1; i <= signInLimits.address.max; i++) expect((await server.post("victim@acme.test", `203.0.113.${i}`)).status).toBe(200);
      const refused = await server.post("victim@acme.test", "198.51.100.77");
      expect(refused).toEqual({ status: 429, text: signInLimitMessages.address });
      expect(server.mailed).toHaveLength(signInLimits.address.max);
      expect(server.mailed.every((m) => m.admitted)).toBe(true);
    } finally {
      await server.close();
    }
  });

  it("victim+1@…, victim+2@… count against one inbox", async () => {
    await clear();
    const server = await startSignInServer(db, 0);
    try {
      for (let i = 1; i <= signInLimits.address.max; i++) expect((await server.post(`victim+${i}@acme.test`, `6.6.6.${i}`)).status).toBe(200);
      expect(await server.post(`victim+${signInLimits.address.max + 1}@acme.test`)).toEqual({ status: 429, text: signInLimitMessages.address });
      expect(await server.post("VICTIM+x@ACME.test")).toEqual({ status: 429, text: signInLimitMessages.address });
      expect(server.mailed).toHaveLength(signInLimits.address.max);
    } finally {
      await server.close();
    }
  });

  it("limits one client per recipient domain, without locking anyone else out of that domain", async () => {
    await clear();
    // Behind one trusted proxy: the proxy's entry tells the clients apart.
    const server = await startSignInServer(db, 1);
    try {
      const attacker = "6.6.6.6, 203.0.113.10";
      for (let i = 1; i <= signInLimits.domain.max; i++) expect((await server.post(`staff${i}@acme.test`, attacker)).status).toBe(200);
      expect(await server.post("ceo@acme.test", attacker)).toEqual({ status: 429, text: signInLimitMessages.domain });
      // Another client still signs in at acme.test, even as the address the attacker just tried.
      expect((await server.post("ceo@acme.test", "203.0.113.20")).status).toBe(200);
      // And the attacker's network may still ask for a link at another domain.
      expect((await server.post("someone@other.test", attacker)).status).toBe(200);
    } finally {
      await server.close();
    }
  });

  it("limits one client across domains (the per-network limit)", async () => {
    await clear();
    const server = await startSignInServer(db, 1);
    try {
      for (let i = 1; i <= signInLimits.ip.max; i++) expect((await server.post(`a@org${i}.test`, "203.0.113.30")).status).toBe(200);
      expect(await server.post("a@org-last.test", "203.0.113.30")).toEqual({ status: 429, text: signInLimitMessages.ip });
      expect((await server.post("a@org-last.test", "203.0.113.31")).status).toBe(200);
    } finally {
      await server.close();
    }
  });

  it("refuses an address the normaliser refuses, before Auth.js and before any limit is counted", async () => {
    await clear();
    const server = await startSignInServer(db, 0);
    try {
      expect(await server.post("a,b@acme.test")).toEqual({ status: 400, text: `The email address ${ADDRESS_MESSAGES.single}.` });
      expect(await server.post("ada@ac\u00adme.test")).toEqual({ status: 400, text: `The email address ${ADDRESS_MESSAGES.invisible}.` });
      expect(await server.post("ada@ａｃｍｅ.test")).toEqual({ status: 400, text: `The email address ${ADDRESS_MESSAGES.domain}.` });
      expect(server.mailed).toHaveLength(0);
      expect(await db.select().from(rateLimitHits)).toHaveLength(0);
    } finally {
      await server.close();
    }
  });

  it("gates the address Auth.js will read: with a repeated field, the last one", async () => {
    await clear();
    const server = await startSignInServer(db, 0);
    try {
      for (let i = 1; i <= signInLimits.address.max; i++) await server.post("victim@acme.test");
      const smuggled = await gateSignInPost(
        db,
        new Request("http://localhost/api/auth/signin/nodemailer", {
          method: "POST",
          headers: { "content-type": "application/x-www-form-urlencoded", "x-forwarded-for": "127.0.0.1" },
          body: "email=harmless%40elsewhere.test&email=victim%40acme.test",
        }),
        async () => new Response("sent"),
      );
      expect(smuggled.status).toBe(429);
    } finally {
      await server.close();
    }
  });

  it("passes every other Auth.js POST through untouched (callbacks, sign-out, OAuth sign-in)", async () => {
    await clear();
    const server = await startSignInServer(db, 0);
    try {
      expect((await server.post("x", undefined, "/api/auth/signout")).status).toBe(200);
      const oauth = await gateSignInPost(db, new Request("http://localhost/api/auth/signin/github", { method: "POST", body: new URLSearchParams({ csrfToken: "t" }) }), async () => new Response("redirect"));
      expect(await oauth.text()).toBe("redirect");
      expect(await db.select().from(rateLimitHits)).toHaveLength(0);
    } finally {
      await server.close();
    }
  });

  it("frees the address after the window, counted by the clock passed in (no waiting)", async () => {
    await clear();
    const headers = new Headers({ "x-forwarded-for": "203.0.113.40" });
    const start = new Date("2026-01-01T10:00:00Z");
    for (let i = 0; i < signInLimits.address.max; i++) expect((await admitSignIn(db, "late@acme.test", headers, start)).ok).toBe(true);
    expect(await admitSignIn(db, "late@acme.test", headers, new Date(start.getTime() + 59 * 60_000))).toEqual({ ok: false, status: 429, message: signInLimitMessages.address });
    expect(await admitSignIn(db, "late@acme.test", headers, new Date(start.getTime() + 61 * 60_000))).toEqual({ ok: true, email: "late@acme.test" });
  });

  it("buckets an IPv6 client by its /64", async () => {
    await clear();
    const now = new Date();
    for (let i = 1; i <= signInLimits.domain.max; i++) {
      expect((await admitSignIn(db, `p${i}@acme.test`, new Headers({ "x-forwarded-for": `2001:db8:1:2::${i.toString(16)}` }), now)).ok).toBe(true);
    }
    expect(await admitSignIn(db, "p0@acme.test", new Headers({ "x-forwarded-for": "2001:db8:1:2:ffff::1" }), now)).toMatchObject({ ok: false, status: 429 });
    expect((await admitSignIn(db, "p0@acme.test", new Headers({ "x-forwarded-for": "2001:db8:1:3::1" }), now)).ok).toBe(true);
  });
});
