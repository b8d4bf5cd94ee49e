// The real peers the end-to-end tests need, on loopback: an SMTP sink that receives the site's
// email and a DNS server that answers TXT queries. A small HTTP API lets the Playwright specs
// read messages and publish records. Prints one JSON line with the addresses, then serves until
// its stdin closes or it is signalled.
import http from "node:http";
import { startDnsServer } from "../tests/support/dns-server";
import { startSmtpSink } from "../tests/support/smtp-sink";

const sink = await startSmtpSink();
const dns = await startDnsServer();

function send(response: http.ServerResponse, status: number, body: unknown) {
  response.writeHead(status, { "content-type": "application/json" });
  response.end(JSON.stringify(body));
}

async function readJson(request: http.IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return JSON.parse(Buffer.concat(chunks).toString("utf8") || "{}");
}

const api = http.createServer(async (request, response) => {
  try {
    const url = new URL(request.url ?? "/", "http://127.0.0.1");
    if (request.method === "GET" && url.pathname === "/messages/wait") {
      const to = url.searchParams.get("to") ?? "";
      const after = Number(url.searchParams.get("after") ?? "0");
      const message = await sink.waitForMessage(to, { after, timeoutMs: 15_000 });
      return send(response, 200, message);
    }
    if (request.method === "GET" && url.pathname === "/messages") {
      return send(response, 200, { count: sink.messages.length, messages: sink.messages });
    }
    if (request.method === "POST" && url.pathname === "/dns") {
      const { name, records } = (await readJson(request)) as { name: string; records: string[] };
      dns.setTxt(name, records);
      return send(response, 204, null);
    }
    send(response, 404, { error: "unknown" });
  } catch (error) {
    send(response, 500, { error: error instanceof Error ? error.message : String(error) });
  }
});

api.listen(0, "127.0.0.1", () => {
  const { port } = api.address() as { port: number };
  console.log(JSON.stringify({ smtpUrl: sink.url, dnsServer: dns.server, apiUrl: `http://127.0.0.1:${port}` }));
});

async function stop() {
  api.close();
  await Promise.allSettled([sink.close(), dns.close()]);
  process.exit(0);
}
process.stdin.on("end", stop);
process.stdin.resume();
process.on("SIGTERM", stop);
process.on("SIGINT", stop);
