import Link from "next/link";
import { connection } from "next/server";
import { describeExpiry } from "@/lib/email/magic-link";
import { getEnv } from "@/lib/env";
import { signInPath } from "@/lib/paths";

export const metadata = { title: "Check your email", robots: { index: false } };

export default async function CheckEmailPage() {
  // Rendered per request: whether mail goes to SMTP or the outbox is a runtime setting.
  await connection();
  const showOutbox = getEnv().mode === "demo" && !getEnv().SMTP_URL;
  return (
    <div className="mx-auto max-w-md px-4 py-16 sm:px-6">
      <h1 className="font-serif text-4xl font-semibold tracking-tight">Check your email</h1>
      <p className="mt-4 text-lg">
        If the address can receive mail, a sign-in link is on its way. It works once and expires{" "}
        {describeExpiry(new Date(getEnv().signInLinkMinutes * 60_000), new Date(0))}.
      </p>
      <p className="mt-4 text-muted">
        Nothing arrived? Check your spam folder, or{" "}
        <Link href={signInPath} className="font-semibold underline">
          ask for a new link
        </Link>
        .
      </p>
      {showOutbox ? (
        <p className="mt-6 rounded-md bg-amber-50 p-4 text-amber-950 dark:bg-amber-950 dark:text-amber-50">
          This demo registry sends no real email: open the{" "}
          <Link href="/dev/outbox" className="font-semibold underline">
            dev outbox
          </Link>{" "}
          to find your link.
        </p>
      ) : null}
    </div>
  );
}
