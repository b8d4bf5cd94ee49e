import { type NextRequest, NextResponse } from "next/server";
import { createNonce, isSignedInArea, oauthFormTargets, strictPolicy } from "@/lib/security/csp.mjs";

/** Areas that need a session; sign-in and sign-out get the strict policy too but are open to all. */
const protectedAreas = ["/dashboard", "/admin", "/studio", "/sign"];
const sessionCookies = ["authjs.session-token", "__Secure-authjs.session-token"];
const dev = process.env.NODE_ENV === "development";
const formTargets = oauthFormTargets(process.env);

/**
 * 1. Malformed percent-encoding would make route parameter decoding throw deep inside the
 *    router (a 500): answer it with a plain 400 instead.
 * 2. Signed-in areas without a session cookie go to sign-in and come back afterwards. Pages still
 *    check the session itself (a cookie may be stale); this only saves a round trip.
 * 3. Pages that act with a session get a strict Content-Security-Policy with a fresh nonce
 *    (lib/security/csp.mjs). Next reads the nonce from the request's policy header and puts it on
 *    its scripts. Everything else returns before any of this work: public pages keep the fixed
 *    policy from next.config.mjs, so they stay static and cached.
 */
export function proxy(request: NextRequest) {
  const { pathname, search } = request.nextUrl;
  try {
    decodeURIComponent(pathname);
  } catch {
    return new NextResponse("Bad request: the address contains malformed percent-encoding.\n", {
      status: 400,
      headers: { "content-type": "text/plain; charset=utf-8" },
    });
  }
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
  // Static assets and the ledger's immutable tiles skip the proxy: they are the hot paths.
  matcher: ["/((?!_next/static|_next/image|favicon.ico|favicon.svg|ledger/tile/).*)"],
};
