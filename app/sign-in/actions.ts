"use server";

import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { getDb } from "@/db/client";
import { createAction } from "@/lib/actions/create-action";
import { signIn } from "@/lib/auth";
import { admitSignIn, withAdmission } from "@/lib/auth/sign-in-gate";
import { signInSchema } from "@/lib/validation/auth";

/** Sends a sign-in link. The answer is the same whether or not the address has an account. */
export const requestSignInLink = createAction({
  schema: signInSchema,
  requireUser: false,
  async run({ email, callbackUrl }) {
    // The same gate as a direct post to /api/auth (normaliser and limits, counted once), so a
    // refusal is a message on the form rather than Auth.js's error page.
    const admission = await admitSignIn(await getDb(), email, await headers());
    if (!admission.ok) return { status: "error", message: admission.message, values: { email } };
    // Auth.js answers with an absolute URL built from the request's host; we redirect by path so
    // the visitor stays on the origin they used (127.0.0.1 and localhost are different sites).
    const target = await withAdmission(admission.email, () => signIn("nodemailer", { email: admission.email, redirectTo: callbackUrl, redirect: false }));
    const next = new URL(target, "http://registry.invalid");
    if (next.pathname.endsWith("/verify-request")) redirect("/sign-in/check-email");
    return { status: "error", message: "We could not send the link just now; nothing was sent. Please try again in a minute.", values: { email } };
  },
});
