"use client";

import { usePathname } from "next/navigation";
import { useEffect, useState } from "react";
import { FullPageLink } from "@/components/full-page-link";
import { adminPath, dashboardPath, signInPath, signOutPath, studioPath } from "@/lib/paths";
import { isEditorRole, isModeratorRole } from "@/lib/permissions";

type SessionUser = { email?: string | null; name?: string | null; siteRole?: string };

/**
 * Who is signed in, fetched after load from Auth.js's session endpoint so that every public page
 * can stay prerendered (the header is shared by all of them).
 *
 * Its links lead into the signed-in areas, so they load whole pages (FullPageLink): the strict
 * Content-Security-Policy there only governs a document loaded from those areas.
 */
export function AccountMenu() {
  const pathname = usePathname();
  const [user, setUser] = useState<SessionUser | null>(null);
  /** The path the session was last read on; null before the first read. */
  const [readOn, setReadOn] = useState<string | null>(null);
  // Read once per page load, and again after an in-app navigation while someone is shown signed in:
  // signing out ends in one (to the home page), whereas signing in always loads a whole page.
  const stale = readOn === null || (user !== null && readOn !== pathname);
  useEffect(() => {
    if (!stale) return;
    const controller = new AbortController();
    fetch("/api/auth/session", { signal: controller.signal, cache: "no-store" })
      .then((r) => (r.ok ? r.json() : null))
      .then((session: { user?: SessionUser } | null) => {
        setUser(session?.user ?? null);
        setReadOn(pathname);
      })
      .catch(() => {
        // A read cut short by the next navigation is simply replaced by the next read.
        if (controller.signal.aborted) return;
        setUser(null);
        setReadOn(pathname);
      });
    return () => controller.abort();
  }, [stale, pathname]);
  const link = "nav-link";
  if (!user) {
    return (
      <FullPageLink href={signInPath} className={`${link} font-semibold`}>
        Sign in
      </FullPageLink>
    );
  }
  return (
    <span className="flex flex-wrap items-center gap-x-4 gap-y-1">
      <span className="max-w-48 truncate text-muted" data-testid="signed-in-as" title={user.email ?? undefined}>
        {user.email}
      </span>
      <FullPageLink href={dashboardPath} className={link}>
        Dashboard
      </FullPageLink>
      {isEditorRole(user.siteRole) ? (
        <FullPageLink href={studioPath} className={link}>
          Studio
        </FullPageLink>
      ) : null}
      {isModeratorRole(user.siteRole) ? (
        <FullPageLink href={adminPath} className={link}>
          Admin
        </FullPageLink>
      ) : null}
      <FullPageLink href={signOutPath} className={link}>
        Sign out
      </FullPageLink>
    </span>
  );
}
