import { signOutAction } from "./actions";

export const metadata = { title: "Sign out", robots: { index: false } };

export default function SignOutPage() {
  return (
    <div className="mx-auto max-w-md px-4 py-16 sm:px-6">
      <h1 className="font-serif text-4xl font-semibold tracking-tight">Sign out</h1>
      <p className="mt-4">You will need a new email link to sign in again.</p>
      <form action={signOutAction} className="mt-6">
        <button type="submit" className="rounded-md bg-accord-700 px-4 py-2 font-semibold text-white hover:bg-accord-800">
          Sign out
        </button>
      </form>
    </div>
  );
}
