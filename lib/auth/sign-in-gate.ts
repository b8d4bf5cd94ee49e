import "server-only";
import { AsyncLocalStorage } from "node:async_hooks";
import type { Db } from "@/db/client";
import { getEnv } from "@/lib/env";
import { clientIp, consumeSignInLimit, type RateLimitVerdict } from "./rate-limit";
import { deliverSignInLink, type SignInDelivery } from "./sign-in-mail";
import { canonicalLink } from "./urls";

/**
 * Every email sign-in, whichever way it came (the form's server action, or a POST to
 * /api/auth/signin/nodemailer), reaches Auth.js with an address put through the one normaliser
 * (the provider's normalizeIdentifier). The rate limits are counted inside Auth.js, in its signIn
 * callback for the verification request: after Auth.js has checked the request (CSRF token,
 * provider), just before a link is made and sent, so a request Auth.js refuses anyway costs nobody's
 * quota and every link is counted exactly once. (Refusing there, by answering false, also keeps the
 * refusal out of sendVerificationRequest, whose promise Auth.js leaves unobserved for a moment.)
 *
 * A refusal must reach the person as a message, not as Auth.js's generic error page, so the callers
 * run Auth.js inside `throughSignInGate`, with the request's headers (the client address the front
 * door wrote), and get the refusal, if any, next to Auth.js's answer. A path that reached Auth.js
 * without the gate is still counted, in sendVerificationRequest.
 */

type Refusal = Extract<RateLimitVerdict, { limited: true }>;
type GateState = { headers: Headers; refusal?: Refusal; counted?: string };
const gate = new AsyncLocalStorage<GateState>();

export class SignInRefusedError extends Error {
  constructor(readonly verdict: Refusal) {
    super(verdict.message);
    this.name = "SignInRefusedError";
  }
}

/** Runs Auth.js (`run`) for a request with these headers; reports whether the limits refused the link. */
export async function throughSignInGate<T>(headers: Headers, run: () => Promise<T>): Promise<{ refusal?: Refusal; result?: T; error?: unknown }> {
  const state: GateState = { headers };
  try {
    const result = await gate.run(state, run);
    return { refusal: state.refusal, result };
  } catch (error) {
    if (state.refusal) return { refusal: state.refusal };
    return { error };
  }
}

/**
 * Auth.js's signIn callback for an email verification request: counts the link against the limits,
 * or refuses it (false: Auth.js then sends nothing) and records why for throughSignInGate.
 */
export async function admitSignInLink(db: Db, email: string, now?: Date): Promise<boolean> {
  const state = gate.getStore();
  // Not through the gate: counted in sendVerificationRequest, where the request is at hand.
  if (!state) return true;
  const verdict = await consumeSignInLimit(db, email, clientIp(state.headers), now);
  if (verdict.limited) {
    state.refusal = verdict;
    return false;
  }
  state.counted = email;
  return true;
}

/**
 * Auth.js's sendVerificationRequest: sends the link straight away (never queued), counting it first
 * if admitSignInLink did not.
 */
export async function sendVerificationRequest(
  db: Db,
  { identifier, url, expires, request }: { identifier: string; url: string; expires: Date; request: Request },
  now?: Date,
): Promise<SignInDelivery> {
  if (gate.getStore()?.counted !== identifier) {
    const verdict = await consumeSignInLimit(db, identifier, clientIp(request.headers), now);
    if (verdict.limited) throw new SignInRefusedError(verdict);
  }
  // The link always points at SITE_URL, never at the Host header of the request, so a forged Host
  // or X-Forwarded-Host cannot send someone's sign-in token to another site.
  return deliverSignInLink(db, { to: identifier, link: canonicalLink(url, getEnv().siteUrl), expires, now });
}
