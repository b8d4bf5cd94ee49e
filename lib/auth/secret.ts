import "server-only";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { getEnv } from "@/lib/env";

/** AUTH_SECRET, or in demo mode one generated once into DATA_DIR (production requires the variable). */
export function getAuthSecret(): string {
  const env = getEnv();
  if (env.AUTH_SECRET) return env.AUTH_SECRET;
  if (env.mode === "production") throw new Error("AUTH_SECRET is required when REGISTRY_MODE=production");
  const file = path.resolve(env.dataDir, "auth-secret");
  if (!fs.existsSync(file)) {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    try {
      fs.writeFileSync(file, randomBytes(32).toString("base64url"), { mode: 0o600, flag: "wx" });
      console.log(`[registry] generated AUTH_SECRET into ${file}`);
    } catch (error) {
      // Another request generated it first: read theirs.
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
    }
  }
  return fs.readFileSync(file, "utf8").trim();
}
