// npm run measure:mail: how long mail takes on the production build, over real SMTP to a local sink.
//   1. sign-in links: from the POST to Auth.js until the sink holds the message (sent directly);
//   2. what a visitor gets when SMTP is down (links are never queued) and the first link after.
// The notification outbox's figures (commit to sink, a stopped sink) come from
// tests/integration/job-runner.test.ts, which drives the back-off with a clock.
// Runs a server of its own on a free port with its own data directory; stops it afterwards.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { startSmtpSink, type SmtpSink } from "../tests/support/smtp-sink";
import { ensureBuild, startServer } from "./lib/server.mjs";

const LINKS = Number(process.env.LINKS ?? 10);

type Server = { url: string; stop(): Promise<void> };

/** A cookie jar of one: Auth.js needs its CSRF cookie back with the form. */
async function requestSignInLink(server: Server, email: string): Promise<number> {
  const csrf = await fetch(`${server.url}/api/auth/csrf`);
  const cookie = csrf.headers
    .getSetCookie()
    .map((c) => c.split(";")[0])
    .join("; ");
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const started = Date.now();
  const response = await fetch(`${server.url}/api/auth/signin/nodemailer`, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie },
    body: new URLSearchParams({ email, csrfToken, callbackUrl: "/dashboard" }),
  });
  if (response.status !== 302 || !/check-email|verify-request/.test(response.headers.get("location") ?? "")) {
    throw new Error(`sign-in for ${email} answered ${response.status} ${response.headers.get("location")}`);
  }
  return started;
}

const percentile = (values: number[], p: number) => [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor((p / 100) * values.length))];

async function measureSignInLinks(server: Server, sink: SmtpSink) {
  const latencies: number[] = [];
  for (let i = 0; i < LINKS; i++) {
    const email = `latency${i}@measure.test`;
    const after = sink.messages.length;
    const started = await requestSignInLink(server, email);
    const message = await sink.waitForMessage(email, { after, timeoutMs: 15_000 });
    latencies.push(message.receivedAt - started);
  }
  console.log(
    `sign-in links: ${LINKS} sent; POST to sink p50 ${percentile(latencies, 50)} ms, p90 ${percentile(latencies, 90)} ms, max ${Math.max(...latencies)} ms`,
  );
}

ensureBuild();
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "measure-mail-"));
let sink = await startSmtpSink();
const port = Number(new URL(sink.url).port);
const server: Server = await startServer({
  dataDir,
  env: { SMTP_URL: sink.url, SIGN_IN_CLIENT_LIMIT: "1000", EMAIL_FROM: "Registry <registry@measure.test>" },
});
try {
  await measureSignInLinks(server, sink);
  await sink.close();
  // Sign-in links are sent directly (never queued): with SMTP down the visitor is told at once.
  const refused = await requestSignInLink(server, "during-outage@measure.test").then(
    () => "accepted (unexpected)",
    (error: Error) => error.message,
  );
  console.log(`sign-in link while SMTP is down: ${refused}`);
  sink = await startSmtpSink({ port });
  const back = Date.now();
  await requestSignInLink(server, "after-outage@measure.test");
  const message = await sink.waitForMessage("after-outage@measure.test", { timeoutMs: 15_000 });
  console.log(`sign-in link once SMTP is back: delivered in ${message.receivedAt - back} ms`);
} finally {
  await server.stop();
  await sink.close().catch(() => undefined);
  fs.rmSync(dataDir, { recursive: true, force: true });
}
