"use server";

import { headers } from "next/headers";
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
    await signIn("nodemailer", { email, redirectTo: callbackUrl });
  },
});
