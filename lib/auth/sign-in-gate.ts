import "server-only";
import { AsyncLocalStorage } from "node:async_hooks";
import type { Db } from "@/db/client";
import { getEnv } from "@/lib/env";
import { clientIp, consumeSignInLimit, type RateLimitVerdict } from "./rate-limit";
import { deliverSignInLink, type SignInDelivery } from "./sign-in-mail";
import { canonicalLink } from "./urls";

/**
 * Every email sign-in, whichever way it came (the form's server action, or a POST to
 * /api/auth/signin/nodemailer), reaches Auth.js's sendVerificationRequest with an address already
 * put through the one normaliser (the provider's normalizeIdentifier). There, and only there, the
 * rate limits are counted: after Auth.js has checked the request (CSRF token, provider), just
 * before a link would be sent, so a request Auth.js refuses anyway costs nobody's quota, and every
 * link sent is counted exactly once.
 *
 * A refusal must reach the person as a message, not as Auth.js's generic error page, so the callers
 * run Auth.js inside `throughSignInGate`, which hands back the refusal, if any, next to Auth.js's answer.
 */

type GateState = { refusal?: Extract<RateLimitVerdict, { limited: true }> };
const gate = new AsyncLocalStorage<GateState>();

export class SignInRefusedError extends Error {
  constructor(readonly verdict: Extract<RateLimitVerdict, { limited: true }>) {
    super(verdict.message);
    this.name = "SignInRefusedError";
  }
}

/** Runs Auth.js (`run`) and reports whether the sign-in gate refused the link it tried to send. */
export async function throughSignInGate<T>(run: () => Promise<T>): Promise<{ refusal?: GateState["refusal"]; result?: T; error?: unknown }> {
  const state: GateState = {};
  try {
    const result = await gate.run(state, run);
    return { refusal: state.refusal, result };
  } catch (error) {
    if (state.refusal) return { refusal: state.refusal };
    return { error };
  }
}

/**
 * Auth.js's sendVerificationRequest: counts the link against the limits (by the client address the
 * front door wrote), then sends it straight away. Refused: nothing is sent and the refusal is
 * recorded for throughSignInGate's caller.
 */
export async function sendVerificationRequest(
  db: Db,
  { identifier, url, expires, request }: { identifier: string; url: string; expires: Date; request: Request },
  now?: Date,
): Promise<SignInDelivery> {
  const verdict = await consumeSignInLimit(db, identifier, clientIp(request.headers), now);
  if (verdict.limited) {
    const state = gate.getStore();
    if (state) state.refusal = verdict;
    throw new SignInRefusedError(verdict);
  }
  // The link always points at SITE_URL, never at the Host header of the request, so a forged Host
  // or X-Forwarded-Host cannot send someone's sign-in token to another site.
  return deliverSignInLink(db, { to: identifier, link: canonicalLink(url, getEnv().siteUrl), expires, now });
}
