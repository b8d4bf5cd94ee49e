import { redirect } from "next/navigation";
import { SignInForm } from "./_components/sign-in-form";
import { getCurrentUser } from "@/lib/auth/session";
import { signInWithProvider } from "./provider-actions";
import { getOAuthProviders } from "@/lib/auth/providers";
import { pageMetadata } from "@/lib/metadata";
import { callbackPathSchema } from "@/lib/validation/auth";
import { dashboardPath, signInPath } from "@/lib/paths";

export const metadata = {
  ...pageMetadata({ title: "Sign in", description: "Sign in with your work email to register and sign for your organisation.", path: signInPath }),
  robots: { index: false },
};

export default async function SignInPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const callbackUrl = callbackPathSchema.parse((await searchParams).callbackUrl ?? dashboardPath);
  if (await getCurrentUser()) redirect(callbackUrl);
  const providers = getOAuthProviders();
  return (
    <div className="mx-auto max-w-md px-4 py-16 sm:px-6">
      <h1 className="font-serif text-4xl font-semibold tracking-tight">Sign in</h1>
      <p className="mt-3 text-muted">We will email you a link that signs you in. No password to remember; the link works once.</p>
      <div className="mt-8">
        <SignInForm callbackUrl={callbackUrl} />
      </div>
      {providers.length > 0 ? (
        <div className="mt-10 border-t border-ink-200 pt-6 dark:border-ink-800">
          <h2 className="font-semibold">Or continue with</h2>
          <div className="mt-4 flex flex-wrap gap-3">
            {providers.map((p) => (
              <form key={p.id} action={signInWithProvider}>
                <input type="hidden" name="provider" value={p.id} />
                <input type="hidden" name="callbackUrl" value={callbackUrl} />
                <button type="submit" className="rounded-md border border-ink-300 px-4 py-2 font-semibold hover:border-accord-600 dark:border-ink-600">
                  {p.name}
                </button>
              </form>
            ))}
          </div>
          <p className="mt-3 text-sm text-muted">
            An account from these providers signs you in; to prove an organisation&apos;s domain by email, also confirm your work address with a link.
          </p>
        </div>
      ) : null}
    </div>
  );
}
