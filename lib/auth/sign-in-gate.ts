import "server-only";
import { AsyncLocalStorage } from "node:async_hooks";
import type { Db } from "@/db/client";
import { normaliseEmailAddress } from "@/lib/validation/email-address";
import { clientIp, consumeSignInLimit } from "./rate-limit";

/**
 * The gate every email sign-in passes before Auth.js sends a link: the form's server action and
 * the wrapper around the Auth.js POST route (app/api/auth/[...nextauth]/route.ts) both call
 * `admitSignIn`, so a scripted client posting to /api/auth/signin/nodemailer is held to the same
 * normaliser and the same limits as the form, and the form can show a refusal as a message.
 *
 * The admitted address is remembered for the rest of the request (AsyncLocalStorage), so
 * sendVerificationRequest knows the limits were already counted; a path that somehow reached it
 * without the gate is counted there instead (never twice, never not at all).
 */

export type Admission = { ok: true; email: string } | { ok: false; status: 400 | 429; message: string };

const admitted = new AsyncLocalStorage<string>();

export async function admitSignIn(db: Db, rawEmail: string, headers: Headers, now = new Date()): Promise<Admission> {
  const address = normaliseEmailAddress(rawEmail);
  if (!address.ok) return { ok: false, status: 400, message: `The email address ${address.message}.` };
  const verdict = await consumeSignInLimit(db, address.email, clientIp(headers), now);
  if (verdict.limited) return { ok: false, status: 429, message: verdict.message };
  return { ok: true, email: address.email };
}

/** Runs `send` (Auth.js's handling of the request) with the address marked as admitted. */
export function withAdmission<T>(email: string, send: () => T): T {
  return admitted.run(email, send);
}

export function wasAdmitted(email: string): boolean {
  return admitted.getStore() === email;
}
