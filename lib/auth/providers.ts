import { getEnv } from "@/lib/env";

/** The OAuth providers configured by environment variables, for the sign-in page. */
export function getOAuthProviders(): { id: "github" | "google" | "microsoft-entra-id"; name: string }[] {
  const env = getEnv();
  const list: { id: "github" | "google" | "microsoft-entra-id"; name: string }[] = [];
  if (env.AUTH_GITHUB_ID && env.AUTH_GITHUB_SECRET) list.push({ id: "github", name: "GitHub" });
  if (env.AUTH_GOOGLE_ID && env.AUTH_GOOGLE_SECRET) list.push({ id: "google", name: "Google" });
  if (env.AUTH_MICROSOFT_ENTRA_ID_ID && env.AUTH_MICROSOFT_ENTRA_ID_SECRET) list.push({ id: "microsoft-entra-id", name: "Microsoft" });
  return list;
}
