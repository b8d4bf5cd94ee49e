"use client";

import { useEffect, useState } from "react";
import { FullPageLink } from "./full-page-link";

type SessionUser = { email?: string | null; name?: string | null; siteRole?: string };

/**
 * Who is signed in, fetched after load from Auth.js's session endpoint so that every public page
 * can stay prerendered (the header is shared by all of them).
 *
 * Its links lead into the signed-in areas, so they load whole pages (FullPageLink): the strict
 * Content-Security-Policy there only governs a document loaded from those areas.
 */
export function AccountMenu() {
  const [user, setUser] = useState<SessionUser | null>(null);
  useEffect(() => {
    const controller = new AbortController();
    fetch("/api/auth/session", { signal: controller.signal, cache: "no-store" })
      .then((r) => (r.ok ? r.json() : null))
      .then((session: { user?: SessionUser } | null) => setUser(session?.user ?? null))
      .catch(() => setUser(null));
    return () => controller.abort();
  }, []);
  const link = "text-ink-700 underline-offset-4 hover:text-accord-700 hover:underline dark:text-ink-200 dark:hover:text-accord-300";
  if (!user) {
    return (
      <FullPageLink href="/sign-in" className={`${link} font-semibold`}>
        Sign in
      </FullPageLink>
    );
  }
  return (
    <span className="flex flex-wrap items-center gap-x-4 gap-y-1">
      <span className="max-w-48 truncate text-ink-600 dark:text-ink-300" data-testid="signed-in-as" title={user.email ?? undefined}>
        {user.email}
      </span>
      <FullPageLink href="/dashboard" className={link}>Dashboard</FullPageLink>
      {user.siteRole === "admin" || user.siteRole === "editor" ? <FullPageLink href="/studio" className={link}>Studio</FullPageLink> : null}
      {user.siteRole === "admin" || user.siteRole === "moderator" ? <FullPageLink href="/admin" className={link}>Admin</FullPageLink> : null}
      <FullPageLink href="/sign-out" className={link}>Sign out</FullPageLink>
    </span>
  );
}
