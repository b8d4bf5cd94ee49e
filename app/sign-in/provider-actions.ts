"use server";

import { z } from "zod";
import { signIn } from "@/lib/auth";
import { getOAuthProviders } from "@/lib/auth/providers";
import { callbackPathSchema } from "@/lib/validation/auth";

const schema = z.object({ provider: z.enum(["github", "google", "microsoft-entra-id"]), callbackUrl: callbackPathSchema });

/** Starts an OAuth sign-in with a configured provider; anything else is ignored. */
export async function signInWithProvider(formData: FormData) {
  const parsed = schema.safeParse(Object.fromEntries(formData));
  if (!parsed.success || !getOAuthProviders().some((p) => p.id === parsed.data.provider)) return;
  await signIn(parsed.data.provider, { redirectTo: parsed.data.callbackUrl });
}
