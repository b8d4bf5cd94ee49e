import { getLedgerEntry } from "@/db/queries/ledger";
import { insertUser, setUserSiteRole } from "@/db/queries/users";
import { AppError } from "@/lib/errors";
import type { getReadyDatabase } from "../integration/database";

type Db = Awaited<ReturnType<typeof getReadyDatabase>>;

/** The code of the AppError a data-layer call is refused with, or "allowed" if it goes through. */
export async function refusal(promise: Promise<unknown>): Promise<AppError["code"] | "allowed"> {
  try {
    await promise;
    return "allowed";
  } catch (error) {
    if (error instanceof AppError) return error.code;
    throw error;
  }
}

/** The message of the AppError a data-layer call is refused with; fails if it goes through. */
export async function refusalMessage(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof AppError) return error.message;
    throw error;
  }
  throw new Error("expected a refusal");
}

let counter = 0;
/** A signed-up user with a unique address (`name+<n>@domain`) and a site role. */
export async function person(db: Db, email: string, role: "member" | "moderator" | "editor" | "admin" = "member") {
  const user = await insertUser(db, { email: email.replace("@", `+${++counter}@`), emailVerified: new Date() });
  if (role !== "member") await setUserSiteRole(db, user.id, role);
  return user;
}

/** The event logged at `index`, as JSON. */
export async function loggedEvent(db: Db, index: number) {
  const entry = await getLedgerEntry(db, index);
  return JSON.parse(new TextDecoder().decode(entry!.data)) as Record<string, unknown>;
}
