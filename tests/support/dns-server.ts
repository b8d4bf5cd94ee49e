import dgram from "node:dgram";
import type { AddressInfo } from "node:net";
import { createServer, Packet } from "dns2";

/**
 * Real DNS servers for tests, on loopback only: one that answers TXT queries from a map the test
 * can change between lookups, and one that receives queries and never answers.
 */

/** A TXT record is one string, or the character-strings (chunks) it is split into on the wire. */
export type TxtRecord = string | readonly string[];

export type DnsTestServer = {
  /** "127.0.0.1:<port>", as `checkDnsTxt` and DNS_SERVERS take it. */
  server: string;
  /** Answers TXT queries for `name` with `records` from now on (an empty list answers NOERROR with no data). */
  setTxt(name: string, records: readonly TxtRecord[]): void;
  /** Answers SERVFAIL for `name` from now on. */
  setServfail(name: string): void;
  /** Forgets `name`: it answers NXDOMAIN again. */
  remove(name: string): void;
  close(): Promise<void>;
};

export type SilentDnsServer = {
  server: string;
  /** Datagrams received so far, to show a query really arrived and went unanswered. */
  received(): number;
  close(): Promise<void>;
};

type Entry = { kind: "txt"; records: string[][] } | { kind: "servfail" };

// A character-string carries a one-byte length (RFC 1035 §3.3).
const MAX_CHUNK_BYTES = 255;

/** DNS names compare case-insensitively, with or without the root's trailing dot. */
function key(name: string): string {
  return name.toLowerCase().replace(/\.$/, "");
}

function toChunks(record: TxtRecord): string[] {
  const chunks = typeof record === "string" ? [record] : [...record];
  for (const chunk of chunks) {
    if (Buffer.byteLength(chunk) > MAX_CHUNK_BYTES) throw new Error(`A TXT chunk is at most ${MAX_CHUNK_BYTES} bytes; split it: ${chunk.slice(0, 40)}…`);
  }
  return chunks;
}

function answer(request: Packet, entries: ReadonlyMap<string, Entry>): Packet {
  const [question] = request.questions;
  const entry = question ? entries.get(key(question.name)) : undefined;
  if (!question || !entry) return Packet.createErrorResponseFromRequest(request, Packet.RCODE.NXDOMAIN);
  if (entry.kind === "servfail") return Packet.createErrorResponseFromRequest(request, Packet.RCODE.SERVFAIL);
  const response = Packet.createResponseFromRequest(request);
  response.header.aa = 1;
  if (question.type === Packet.TYPE.TXT) {
    for (const chunks of entry.records) {
      response.answers.push(Packet.createResourceFromQuestion(question, { type: Packet.TYPE.TXT, class: Packet.CLASS.IN, ttl: 0, data: chunks }));
    }
  }
  return response;
}

/**
 * A dns2 UDP server on 127.0.0.1 and a free port. Unknown names answer NXDOMAIN. Responses are
 * UDP only, so keep a name's records within a UDP payload (the resolver would retry over TCP).
 */
export async function startDnsServer(initial: Record<string, readonly TxtRecord[]> = {}): Promise<DnsTestServer> {
  const entries = new Map<string, Entry>();
  const setTxt = (name: string, records: readonly TxtRecord[]) => entries.set(key(name), { kind: "txt", records: records.map(toChunks) });
  for (const [name, records] of Object.entries(initial)) setTxt(name, records);

  const dns = createServer({
    udp: true,
    handle: (request, send) => {
      void send(answer(request, entries));
    },
  });
  const addresses = await dns.listen({ udp: { port: 0, address: "127.0.0.1" } });
  const port = addresses.udp?.port;
  if (!port) throw new Error("The test DNS server did not bind a UDP port.");

  return {
    server: `127.0.0.1:${port}`,
    setTxt,
    setServfail: (name) => void entries.set(key(name), { kind: "servfail" }),
    remove: (name) => void entries.delete(key(name)),
    close: () => dns.close(),
  };
}

/** A UDP socket on 127.0.0.1 that swallows every query: a resolver asking it can only time out. */
export async function startSilentDnsServer(): Promise<SilentDnsServer> {
  const socket = dgram.createSocket("udp4");
  let received = 0;
  socket.on("message", () => {
    received += 1;
  });
  await new Promise<void>((resolve, reject) => {
    socket.once("error", reject);
    socket.bind(0, "127.0.0.1", () => {
      socket.off("error", reject);
      resolve();
    });
  });
  const { port } = socket.address() as AddressInfo;
  return {
    server: `127.0.0.1:${port}`,
    received: () => received,
    close: () => new Promise<void>((resolve) => socket.close(() => resolve())),
  };
}
