import { connection } from "next/server";
import type { ReactNode } from "react";

/**
 * The layout of every signed-in area (app/<area>/layout.tsx re-exports it). The strict
 * Content-Security-Policy's nonce is new on every response (proxy.ts) and Next puts it on its
 * scripts only while rendering, so these pages must never be prerendered or cached: a cached
 * page would carry an old nonce and its scripts would be blocked. Most of them read the session
 * anyway; this makes sure of it for those that do not (sign-out, sign-in's subpages).
 */
export default async function PerRequestLayout({ children }: { children: ReactNode }) {
  await connection();
  return children;
}
