import Link from "next/link";
import { signInPath } from "@/lib/paths";

export const metadata = { title: "Sign-in problem", robots: { index: false } };

const explanations: Record<string, string> = {
  Verification: "That sign-in link has expired or has already been used. Links work once, for an hour unless this registry says otherwise.",
  AccessDenied: "You cannot sign in with that account.",
  Configuration: "We could not send or check the sign-in link. If you asked for many links, wait an hour; otherwise try again shortly.",
  OAuthAccountNotLinked: "That email address already signs in another way. Use an email link to sign in.",
};

export default async function SignInErrorPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const code = (await searchParams).error;
  const message = (typeof code === "string" && explanations[code]) || "Something went wrong while signing you in.";
  return (
    <div className="mx-auto max-w-md px-4 py-16 sm:px-6">
      <h1 className="font-serif text-4xl font-semibold tracking-tight">We could not sign you in</h1>
      <p className="mt-4 text-lg" role="alert">
        {message}
      </p>
      <p className="mt-6">
        <Link href={signInPath} className="rounded-md bg-accord-700 px-4 py-2 font-semibold text-white hover:bg-accord-800">
          Get a new link
        </Link>
      </p>
    </div>
  );
}
