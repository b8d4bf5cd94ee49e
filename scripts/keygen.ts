// npm run keygen -- --site-url https://registry.example.org
//
// Prints a new AUTH_SECRET and a new LEDGER_SIGNING_KEY for that site (the key is named for the
// site's ledger origin, as the server requires), ready to paste into the environment. SITE_URL
// from the environment is used when --site-url is not given. Exit 0 printed, 2 usage error.
import { parseArgs } from "node:util";
import { formatSecrets, generateSecrets, KeygenError } from "./lib/keygen";

try {
  const { values } = parseArgs({ options: { "site-url": { type: "string" } }, strict: true });
  process.stdout.write(formatSecrets(generateSecrets(values["site-url"] ?? process.env.SITE_URL)));
} catch (error) {
  const known = error instanceof KeygenError || (error instanceof TypeError && "code" in error);
  console.error(`keygen: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(known ? 2 : 1);
}
