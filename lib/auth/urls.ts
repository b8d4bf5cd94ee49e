/** The emailed link on the configured site origin, whatever host the request arrived on. */
export function canonicalLink(url: string, siteUrl: string): string {
  const parsed = new URL(url);
  const site = new URL(siteUrl);
  const base = site.pathname.replace(/\/$/, "");
  const path = base && parsed.pathname.startsWith(`${base}/`) ? parsed.pathname : `${base}${parsed.pathname}`;
  return `${site.origin}${path}${parsed.search}`;
}

/**
 * Where Auth.js may send a browser after signing in or out: a path on this site, returned relative
 * so the browser stays on the origin it used. Other sites, protocol-relative and backslash tricks
 * fall back to the home page.
 */
export function sameSitePath(url: string, origins: string[]): string {
  if (/^\/(?![/\\])/.test(url)) return url;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return "/";
  }
  const allowed = origins.map((o) => new URL(o).origin);
  if (!allowed.includes(parsed.origin)) return "/";
  return `${parsed.pathname}${parsed.search}${parsed.hash}`;
}
