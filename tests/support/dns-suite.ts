import { afterAll, beforeAll } from "vitest";
import { clearEnvCache } from "@/lib/env";
import { type DnsTestServer, startDnsServer } from "./dns-server";

/**
 * For a suite whose domain checks must reach a test DNS server: starts one before the suite,
 * points DNS_SERVERS at it and stops it after. Call it after the suite's database hooks, so it
 * starts after and stops before the database (after-hooks run in reverse order).
 */
export function useDnsServer(): DnsTestServer {
  let dns: DnsTestServer | undefined;
  const current = () => {
    if (!dns) throw new Error("The test DNS server is not running (use it inside a test).");
    return dns;
  };
  beforeAll(async () => {
    dns = await startDnsServer();
    process.env.DNS_SERVERS = dns.server;
    clearEnvCache();
  });
  afterAll(async () => {
    await dns?.close();
    delete process.env.DNS_SERVERS;
  });
  return {
    get server() {
      return current().server;
    },
    setTxt: (name, records) => current().setTxt(name, records),
    setServfail: (name) => current().setServfail(name),
    remove: (name) => current().remove(name),
    close: () => current().close(),
  };
}
