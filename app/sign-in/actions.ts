"use server";

import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { createAction } from "@/lib/actions/create-action";
import { signIn } from "@/lib/auth";
import { checkSignInLimit, clientIp } from "@/lib/auth/rate-limit";
import { signInSchema } from "@/lib/validation/auth";

/** Sends a sign-in link. The answer is the same whether or not the address has an account. */
export const requestSignInLink = createAction({
  schema: signInSchema,
  requireUser: false,
  async run({ email, callbackUrl }) {
    const verdict = await checkSignInLimit(email, clientIp(await headers()));
    if (verdict.limited) return { status: "error", message: verdict.message, values: { email } };
    // Auth.js answers with an absolute URL built from the request's host; we redirect by path so
    // the visitor stays on the origin they used (127.0.0.1 and localhost are different sites).
    const next = new URL(await signIn("nodemailer", { email, redirectTo: callbackUrl, redirect: false }), "http://registry.invalid");
    if (next.pathname.endsWith("/verify-request")) redirect("/sign-in/check-email");
    return { status: "error", message: "We could not send the link just now; nothing was sent. Please try again in a minute.", values: { email } };
  },
});
