import "server-only";
import type { Db } from "@/db/client";
import { admitSignIn, withAdmission } from "./sign-in-gate";

/**
 * The address an Auth.js sign-in POST asks a link for, read as Auth.js reads the body, or null
 * when the request is not one (callbacks, sign-out, OAuth sign-in without an email field).
 */
export async function signInAddress(request: Request): Promise<string | null> {
  const action = new URL(request.url).pathname.replace(/^.*?\/api\/auth\//, "").split("/")[0];
  if (action !== "signin") return null;
  const type = request.headers.get("content-type") ?? "";
  let email: unknown;
  try {
    // Exactly as Auth.js's getBody: JSON, or a url-encoded form where a repeated field's last value wins.
    if (type.includes("application/json")) email = ((await request.clone().json()) as { email?: unknown } | null)?.email;
    else if (type.includes("application/x-www-form-urlencoded")) email = Object.fromEntries(new URLSearchParams(await request.clone().text())).email;
  } catch {
    return null;
  }
  if (email === undefined || email === null) return null;
  return typeof email === "string" ? email : "";
}

/**
 * The wrapper around Auth.js's POST route: every email sign-in passes the same gate as the sign-in
 * form (normaliser, then the rate limits), so a scripted client posting to
 * /api/auth/signin/nodemailer is refused too, with the reason, and nothing is sent. Everything
 * else goes to Auth.js untouched. Bodies are capped earlier, by the front door (scripts/lib/front-door.mjs).
 */
export async function gateSignInPost(db: Db, request: Request, authJs: (request: Request) => Promise<Response>, now?: Date): Promise<Response> {
  const email = await signInAddress(request);
  if (email === null) return authJs(request);
  const admission = await admitSignIn(db, email, request.headers, now);
  if (!admission.ok) {
    return new Response(`${admission.message}\n`, {
      status: admission.status,
      headers: { "content-type": "text/plain; charset=utf-8", "cache-control": "no-store", ...(admission.status === 429 ? { "retry-after": "3600" } : {}) },
    });
  }
  return withAdmission(admission.email, () => authJs(request));
}
