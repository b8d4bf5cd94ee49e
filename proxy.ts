import { type NextRequest, NextResponse } from "next/server";

const signedInAreas = ["/dashboard", "/admin", "/studio", "/sign"];
const sessionCookies = ["authjs.session-token", "__Secure-authjs.session-token"];

/**
 * 1. Malformed percent-encoding would make route parameter decoding throw deep inside the
 *    router (a 500): answer it with a plain 400 instead.
 * 2. Signed-in areas without a session cookie go to sign-in and come back afterwards. Pages still
 *    check the session itself (a cookie may be stale); this only saves a round trip.
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
  const protectedArea = signedInAreas.some((area) => pathname === area || pathname.startsWith(`${area}/`));
  if (protectedArea && !sessionCookies.some((name) => request.cookies.has(name))) {
    const target = new URL("/sign-in", request.url);
    target.searchParams.set("callbackUrl", `${pathname}${search}`);
    return NextResponse.redirect(target);
  }
  return NextResponse.next();
}

export const config = {
  // Static assets and the ledger's immutable tiles skip the proxy: they are the hot paths.
  matcher: ["/((?!_next/static|_next/image|favicon.ico|favicon.svg|ledger/tile/).*)"],
};
