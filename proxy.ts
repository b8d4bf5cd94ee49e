import { type NextRequest, NextResponse } from "next/server";
import { createNonce, isSignedInArea, oauthFormTargets, strictPolicy } from "@/lib/security/csp.mjs";

/** Areas that need a session; sign-in and sign-out get the strict policy too but are open to all. */
const protectedAreas = ["/dashboard", "/admin", "/studio", "/sign"];
const sessionCookies = ["authjs.session-token", "__Secure-authjs.session-token"];
const dev = process.env.NODE_ENV === "development";
const formTargets = oauthFormTargets(process.env);

/**
 * Runs only in the signed-in areas (config.matcher): every public page is served without it.
 * Malformed percent-encoding is answered 400 by the front door (scripts/lib/front-door.mjs), on
 * every path, before Next sees it.
 * 1. Signed-in areas without a session cookie go to sign-in and come back afterwards. Pages still
 *    check the session itself (a cookie may be stale); this only saves a round trip.
 * 2. Pages that act with a session get a strict Content-Security-Policy with a fresh nonce
 *    (lib/security/csp.mjs). Next reads the nonce from the request's policy header and puts it on
 *    its scripts. Public pages keep the fixed policy from next.config.mjs, so they stay static
 *    and cached.
 */
export function proxy(request: NextRequest) {
  const { pathname, search } = request.nextUrl;
  // The matcher is the gate; this keeps a wider matcher from giving public pages a nonce.
  if (!isSignedInArea(pathname)) return NextResponse.next();
  const protectedArea = protectedAreas.some((area) => pathname === area || pathname.startsWith(`${area}/`));
  if (protectedArea && !sessionCookies.some((name) => request.cookies.has(name))) {
    const target = new URL("/sign-in", request.url);
    target.searchParams.set("callbackUrl", `${pathname}${search}`);
    return NextResponse.redirect(target);
  }
  const nonce = createNonce();
  const policy = strictPolicy(nonce, { dev, formTargets });
  const headers = new Headers(request.headers);
  // Whatever a client sent under these names is replaced: only this request's nonce counts.
  headers.set("x-nonce", nonce);
  headers.set("content-security-policy", policy);
  headers.delete("content-security-policy-report-only");
  const response = NextResponse.next({ request: { headers } });
  response.headers.set("Content-Security-Policy", policy);
  return response;
}

export const config = {
  // Only the signed-in areas (SIGNED_IN_AREAS in lib/security/csp.mjs; Next needs literals here,
  // tests/unit/security/proxy-matcher.test.ts keeps the two lists equal). Public pages, assets
  // and tiles never run the proxy: at the public pages' rates its cost would be most of a request.
  matcher: [
    "/dashboard",
    "/dashboard/:path*",
    "/admin",
    "/admin/:path*",
    "/studio",
    "/studio/:path*",
    "/sign",
    "/sign/:path*",
    "/sign-in",
    "/sign-in/:path*",
    "/sign-out",
    "/sign-out/:path*",
  ],
};
