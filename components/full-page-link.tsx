import type { AnchorHTMLAttributes } from "react";

/**
 * A link that always loads a whole new document, for links from public pages into the signed-in
 * areas (dashboard, sign, studio, admin, sign-in, sign-out). Those areas' strict
 * Content-Security-Policy (a nonce per request, lib/security/csp.mjs) only governs a document
 * fetched from them: a next/link client navigation, prefetched or not, would keep the public
 * page's looser policy for the signed-in page.
 */
export function FullPageLink({ href, ...props }: AnchorHTMLAttributes<HTMLAnchorElement> & { href: string }) {
  return <a href={href} {...props} />;
}
