import { EnvError, parseEnv } from "../lib/env";

try {
  const env = parseEnv(process.env);
  console.log(`[registry] environment ok: ${env.mode} mode, site ${env.siteUrl}`);
} catch (error) {
  console.error(error instanceof EnvError ? error.message : error);
  process.exit(1);
}
