import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { rateLimitHits } from "@/db/schema";
import { signInLimitMessages, signInLimits } from "@/lib/auth/rate-limit";
import { admitSignInLink, SignInRefusedError, sendVerificationRequest, throughSignInGate } from "@/lib/auth/sign-in-gate";
import { gateSignInPost } from "@/lib/auth/sign-in-route";
import { clearEnvCache } from "@/lib/env";
import { ADDRESS_MESSAGES, normaliseEmailAddressOrThrow } from "@/lib/validation/email-address";
import { createFrontDoor } from "@/scripts/lib/front-door.mjs";
import { startSmtpSink, type SmtpSink } from "../support/smtp-sink";
import { type Driver, drivers, getReadyDatabase, useFreshDatabase } from "./database";

type Db = Awaited<ReturnType<typeof getReadyDatabase>>;

const expires = () => new Date(Date.now() + 60 * 60_000);
const callback = (email: string) => `http://localhost:3000/api/auth/callback/nodemailer?token=${"ab".repeat(32)}&email=${encodeURIComponent(email)}`;

/**
 * What Auth.js does with a sign-in POST, reduced to the steps that matter here, in its order
 * (@auth/core sendToken): the CSRF check (refused requests never get further), the provider's
 * normalizeIdentifier, the signIn callback (ours counts the link: admitSignInLink; false is
 * AccessDenied), then our sendVerificationRequest; an error becomes an error redirect. (next-auth
 * does not load outside Next; everything this stand-in calls is the real code lib/auth/index.ts calls.)
 */
function authJsFor(db: Db) {
  return async (request: Request): Promise<Response> => {
    const body = Object.fromEntries(new URLSearchParams(await request.text()));
    if (body.csrfToken !== "t") return new Response(null, { status: 302, headers: { location: "/api/auth/error?error=MissingCSRF" } });
    try {
      const identifier = normaliseEmailAddressOrThrow(body.email ?? "");
      if (!(await admitSignInLink(db, identifier))) return new Response(null, { status: 302, headers: { location: "/api/auth/error?error=AccessDenied" } });
      await sendVerificationRequest(db, { identifier, url: callback(identifier), expires: expires(), request });
    } catch {
      return new Response(null, { status: 302, headers: { location: "/api/auth/error?error=Verification" } });
    }
    return new Response(null, { status: 302, headers: { location: "/api/auth/verify-request?provider=nodemailer" } });
  };
}

/**
 * The real front door (scripts/lib/front-door.mjs) in front of the real route wrapper and sign-in
 * gate on a real database, over real HTTP, with the links mailed to the SMTP sink.
 */
async function startSignInServer(db: Db, trustedHops: number) {
  const authJs = authJsFor(db);
  const server = http.createServer(
    createFrontDoor(
      (req, res) => {
        const chunks: Buffer[] = [];
        req.on("data", (c: Buffer) => chunks.push(c));
        req.on("end", async () => {
          const headers = new Headers();
          for (const [k, v] of Object.entries(req.headers)) if (typeof v === "string") headers.set(k, v);
          const request = new Request(`http://localhost${req.url}`, {
            method: req.method,
            headers,
            body: req.method === "POST" ? Buffer.concat(chunks) : undefined,
          });
          const response = await gateSignInPost(request, authJs);
          res.writeHead(response.status, {
            "content-type": "text/plain",
            ...(response.headers.get("location") ? { location: response.headers.get("location")! } : {}),
          });
          res.end(await response.text());
        });
      },
      { trustedHops },
    ),
  );
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  const post = async (email: string, forwardedFor?: string, { path = "/api/auth/signin/nodemailer", csrfToken = "t" } = {}) => {
    const response = await fetch(`http://127.0.0.1:${port}${path}`, {
      method: "POST",
      redirect: "manual",
      headers: { "content-type": "application/x-www-form-urlencoded", ...(forwardedFor ? { "x-forwarded-for": forwardedFor } : {}) },
      body: new URLSearchParams({ email, csrfToken }).toString(),
    });
    const text = (await response.text()).trim();
    // A link sent is Auth.js's redirect to verify-request; anything else is shown as status and text.
    return response.status === 302 ? { status: 302, text: response.headers.get("location") ?? "" } : { status: response.status, text };
  };
  return { post, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

const SENT = "/api/auth/verify-request?provider=nodemailer";

describe.each(drivers)("sign-in abuse limits on %s", (driver: Driver) => {
  let cleanup: () => Promise<void>;
  let db: Db;
  let sink: SmtpSink;
  beforeAll(async () => {
    ({ cleanup } = await useFreshDatabase(driver, "production"));
    db = await getReadyDatabase();
    sink = await startSmtpSink();
    process.env.SMTP_URL = sink.url;
    clearEnvCache();
  });
  afterAll(async () => {
    await sink.close();
    await cleanup();
  });

  const clear = () => db.delete(rateLimitHits);
  const mailedTo = (pattern: RegExp) => sink.messages.filter((m) => m.to.some((to) => pattern.test(to)));
  /** Opens one server for a test and always closes it. */
  async function withServer(trustedHops: number, test: (server: Awaited<ReturnType<typeof startSignInServer>>) => Promise<void>) {
    await clear();
    const server = await startSignInServer(db, trustedHops);
    try {
      await test(server);
    } finally {
      await server.close();
    }
  }

  it("a forged X-Forwarded-For never opens a fresh bucket: the sixth link to one address is refused", () =>
    withServer(0, async (server) => {
      for (let i = 1; i <= signInLimits.address.max; i++) expect(await server.post("victim@acme.test", `203.0.113.${i}`)).toEqual({ status: 302, text: SENT });
      expect(await server.post("victim@acme.test", "198.51.100.77")).toEqual({ status: 429, text: signInLimitMessages.address });
      expect(mailedTo(/^victim@acme\.test$/)).toHaveLength(signInLimits.address.max);
    }));

  it("victim+1@…, victim+2@… count against one inbox", () =>
    withServer(0, async (server) => {
      for (let i = 1; i <= signInLimits.address.max; i++) expect((await server.post(`inbox+${i}@acme.test`, `6.6.6.${i}`)).status).toBe(302);
      expect(await server.post(`inbox+${signInLimits.address.max + 1}@acme.test`)).toEqual({ status: 429, text: signInLimitMessages.address });
      expect(await server.post("INBOX+x@ACME.test")).toEqual({ status: 429, text: signInLimitMessages.address });
      expect(mailedTo(/^inbox\+\d+@acme\.test$/)).toHaveLength(signInLimits.address.max);
    }));

  it("limits one client per recipient domain, without locking anyone else out of that domain", () =>
    // Behind one trusted proxy: the proxy's entry (the rightmost) tells the clients apart.
    withServer(1, async (server) => {
      const attacker = "6.6.6.6, 203.0.113.10";
      for (let i = 1; i <= signInLimits.domain.max; i++) expect((await server.post(`staff${i}@corp.test`, attacker)).status).toBe(302);
      expect(await server.post("ceo@corp.test", attacker)).toEqual({ status: 429, text: signInLimitMessages.domain });
      // Another client still signs in at corp.test, even as the address the attacker just tried.
      expect(await server.post("ceo@corp.test", "203.0.113.20")).toEqual({ status: 302, text: SENT });
      // And the attacker's network may still ask for a link at another domain.
      expect((await server.post("someone@other.test", attacker)).status).toBe(302);
      expect(mailedTo(/^ceo@corp\.test$/)).toHaveLength(1);
    }));

  it("limits one client across domains (the per-network limit)", () =>
    withServer(1, async (server) => {
      for (let i = 1; i <= signInLimits.ip.max; i++) expect((await server.post(`a@org${i}.test`, "203.0.113.30")).status).toBe(302);
      expect(await server.post("a@org-last.test", "203.0.113.30")).toEqual({ status: 429, text: signInLimitMessages.ip });
      expect((await server.post("a@org-last.test", "203.0.113.31")).status).toBe(302);
    }));

  it("refuses an address the normaliser refuses, before Auth.js and before any limit is counted", () =>
    withServer(0, async (server) => {
      const before = sink.messages.length;
      expect(await server.post("a,b@acme.test")).toEqual({ status: 400, text: `The email address ${ADDRESS_MESSAGES.single}.` });
      expect(await server.post("ada@ac\u00adme.test")).toEqual({ status: 400, text: `The email address ${ADDRESS_MESSAGES.invisible}.` });
      expect(await server.post("ada@ａｃｍｅ.test")).toEqual({ status: 400, text: `The email address ${ADDRESS_MESSAGES.domain}.` });
      expect(sink.messages.length).toBe(before);
      expect(await db.select().from(rateLimitHits)).toHaveLength(0);
    }));

  it("counts nothing for a request Auth.js refuses anyway (no CSRF token)", () =>
    withServer(0, async (server) => {
      expect((await server.post("nocsrf@acme.test", undefined, { csrfToken: "" })).text).toContain("MissingCSRF");
      expect(await db.select().from(rateLimitHits)).toHaveLength(0);
    }));

  it("stores and mails the ASCII form of an internationalised domain", () =>
    withServer(0, async (server) => {
      expect((await server.post("Ada@Bücher.de")).status).toBe(302);
      expect(mailedTo(/^ada@xn--bcher-kva\.de$/)).toHaveLength(1);
    }));

  it("limits the address Auth.js will mail: with a repeated field, the last one", () =>
    withServer(0, async (server) => {
      for (let i = 1; i <= signInLimits.address.max; i++) await server.post("target@acme.test");
      const smuggled = await gateSignInPost(
        new Request("http://localhost/api/auth/signin/nodemailer", {
          method: "POST",
          headers: { "content-type": "application/x-www-form-urlencoded", "x-forwarded-for": "127.0.0.1" },
          body: "email=harmless%40elsewhere.test&csrfToken=t&email=target%40acme.test",
        }),
        authJsFor(db),
      );
      expect(smuggled.status).toBe(429);
      expect(mailedTo(/^target@acme\.test$/)).toHaveLength(signInLimits.address.max);
    }));

  it("passes every other Auth.js POST through untouched (callbacks, sign-out, OAuth sign-in)", () =>
    withServer(0, async (server) => {
      expect((await server.post("x", undefined, { path: "/api/auth/signout" })).status).toBe(302);
      const oauth = await gateSignInPost(
        new Request("http://localhost/api/auth/signin/github", { method: "POST", body: new URLSearchParams({ csrfToken: "t" }) }),
        async () => new Response("redirect"),
      );
      expect(await oauth.text()).toBe("redirect");
      expect(await db.select().from(rateLimitHits)).toHaveLength(0);
    }));

  /** One link as Auth.js makes it (callback, then send), through the gate, at a given time. */
  const link = (email: string, ip: string, now?: Date) =>
    throughSignInGate(new Headers({ "x-forwarded-for": ip }), async () =>
      (await admitSignInLink(db, email, now))
        ? sendVerificationRequest(db, { identifier: email, url: callback(email), expires: expires(), request: new Request("http://localhost/") }, now)
        : "refused",
    );

  it("frees the address after the window, by the clock passed in (no waiting)", async () => {
    await clear();
    const start = new Date(Date.now() - 3 * 60 * 60_000);
    for (let i = 0; i < signInLimits.address.max; i++) expect((await link("late@acme.test", "203.0.113.40", start)).result).toBe("smtp");
    expect((await link("late@acme.test", "203.0.113.40", new Date(start.getTime() + 59 * 60_000))).refusal).toEqual({
      limited: true,
      scope: "address",
      message: signInLimitMessages.address,
    });
    expect((await link("late@acme.test", "203.0.113.40", new Date(start.getTime() + 61 * 60_000))).result).toBe("smtp");
  });

  it("buckets an IPv6 client by its /64", async () => {
    await clear();
    for (let i = 1; i <= signInLimits.domain.max; i++) expect((await link(`p${i}@v6.test`, `2001:db8:1:2::${i.toString(16)}`)).result).toBe("smtp");
    expect((await link("p0@v6.test", "2001:db8:1:2:ffff::1")).refusal?.scope).toBe("domain");
    expect((await link("p0@v6.test", "2001:db8:1:3::1")).result).toBe("smtp");
  });

  it("still counts a link that reached Auth.js without the gate, once, where it is sent", async () => {
    await clear();
    const request = new Request("http://localhost/", { headers: { "x-forwarded-for": "203.0.113.50" } });
    const send = () => sendVerificationRequest(db, { identifier: "stray@acme.test", url: callback("stray@acme.test"), expires: expires(), request });
    for (let i = 0; i < signInLimits.address.max; i++) expect(await send()).toBe("smtp");
    await expect(send()).rejects.toBeInstanceOf(SignInRefusedError);
    expect(mailedTo(/^stray@acme\.test$/)).toHaveLength(signInLimits.address.max);
  });
});
