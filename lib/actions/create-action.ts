import "server-only";
import { getDb } from "@/db/client";
import { getCurrentUser } from "@/lib/auth/session";
import { defineActions } from "./define-actions";

export type { ActionContext, Actor, VisitorContext } from "./define-actions";

/**
 * Every server action is built here: `createAction` for forms, `createJsonAction` for client code
 * calling with a value. Each gives its action `{ user, actor, db }` from the session and the
 * request's database, so no action obtains them itself (wrappers: define-actions.ts).
 */
export const { createAction, createJsonAction } = defineActions({ currentUser: getCurrentUser, database: getDb });
