"use server";

import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { createAction } from "@/lib/actions/create-action";
import { signIn } from "@/lib/auth";
import { throughSignInGate } from "@/lib/auth/sign-in-gate";
import { signInSchema } from "@/lib/validation/auth";
import { checkEmailPath } from "@/lib/paths";

/** Sends a sign-in link. The answer is the same whether or not the address has an account. */
export const requestSignInLink = createAction({
  schema: signInSchema,
  requireUser: false,
  async run({ email, callbackUrl }) {
    // The schema is the normaliser Auth.js applies too; the rate limits are counted where the link
    // is made (lib/auth/sign-in-gate.ts), and a refusal comes back here as a form message.
    const { refusal, result, error } = await throughSignInGate(await headers(), () =>
      signIn("nodemailer", { email, redirectTo: callbackUrl, redirect: false }),
    );
    if (refusal) return { status: "error", message: refusal.message, values: { email } };
    if (error !== undefined) throw error;
    // Auth.js answers with an absolute URL built from the request's host; we redirect by path so
    // the visitor stays on the origin they used (127.0.0.1 and localhost are different sites).
    const next = new URL(String(result), "http://registry.invalid");
    if (next.pathname.endsWith("/verify-request")) redirect(checkEmailPath);
    return { status: "error", message: "We could not send the link just now; nothing was sent. Please try again in a minute.", values: { email } };
  },
});
