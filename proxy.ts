import { type NextRequest, NextResponse } from "next/server";

/**
 * Malformed percent-encoding would make route parameter decoding throw deep inside the router
 * (a 500). Answer it here with a plain 400 instead.
 */
export function proxy(request: NextRequest) {
  try {
    decodeURIComponent(request.nextUrl.pathname);
  } catch {
    return new NextResponse("Bad request: the address contains malformed percent-encoding.\n", {
      status: 400,
      headers: { "content-type": "text/plain; charset=utf-8" },
    });
  }
  return NextResponse.next();
}

export const config = {
  // Static assets and the ledger's immutable tiles skip the proxy: they are the hot paths.
  matcher: ["/((?!_next/static|_next/image|favicon.ico|ledger/tile/).*)"],
};
