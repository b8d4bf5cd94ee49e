import "server-only";
import { normaliseEmailAddress } from "@/lib/validation/email-address";
import { throughSignInGate } from "./sign-in-gate";

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
 * The wrapper around Auth.js's POST route: an email sign-in posted here (by a script, say) gets the
 * same answers as the form: an address the normaliser refuses is answered 400 before Auth.js runs,
 * and a link the rate limits refuse (counted inside Auth.js, after its own checks: sign-in-gate.ts)
 * is answered 429 with the reason instead of Auth.js's generic error page. Nothing is sent either way.
 * Everything else goes to Auth.js untouched. Bodies are capped earlier, by the front door
 * (scripts/lib/front-door.mjs).
 */
export async function gateSignInPost(request: Request, authJs: (request: Request) => Promise<Response>): Promise<Response> {
  const email = await signInAddress(request);
  if (email === null) return authJs(request);
  const address = normaliseEmailAddress(email);
  if (!address.ok) return refusal(400, `The email address ${address.message}.`);
  const { refusal: limited, result, error } = await throughSignInGate(request.headers, () => authJs(request));
  if (limited) return refusal(429, limited.message);
  if (error !== undefined || !result) throw error;
  return result;
}

function refusal(status: 400 | 429, message: string): Response {
  return new Response(`${message}\n`, {
    status,
    headers: { "content-type": "text/plain; charset=utf-8", "cache-control": "no-store", ...(status === 429 ? { "retry-after": "3600" } : {}) },
  });
}
