// Content-Security-Policy for the registry's two classes of page (docs/security.md: "Security headers").
//
// Pages that act with a session (dashboard, sign, studio, admin, sign-in, sign-out) get a strict
// policy with a fresh nonce per request: proxy.ts builds it, and Next puts the nonce on its own
// scripts when it finds it in the request's Content-Security-Policy header. A nonce must never
// repeat, so those pages are rendered per request (they are anyway: they read the session).
// Public pages are static and served from the page cache, so they cannot carry a per-request
// nonce: next.config.mjs gives them a fixed policy that still forbids plugins, framing, foreign
// scripts, foreign form targets and <base> rewriting.
//
// Plain JavaScript (with csp.d.mts for types) because next.config.mjs imports it too.

/** Path prefixes whose pages act with a session and get the strict, per-request policy. */
export const SIGNED_IN_AREAS = ["/dashboard", "/sign", "/sign-in", "/sign-out", "/studio", "/admin"];

/** Whether a pathname is in a signed-in area: the prefix itself or below it ("/signatories" is not "/sign"). */
export function isSignedInArea(pathname) {
  return SIGNED_IN_AREAS.some((area) => pathname === area || pathname.startsWith(`${area}/`));
}

/**
 * next.config.mjs `headers()` source for every path outside the signed-in areas (path-to-regexp,
 * as Next compiles it): a negative look-ahead on the first segment.
 */
export const PUBLIC_PATHS_SOURCE = `/:path((?!(?:${SIGNED_IN_AREAS.map((a) => a.slice(1)).join("|")})(?:/|$)).*)`;

/** A nonce: 128 random bits, base64 (the alphabet Next's nonce parser accepts). */
export function createNonce() {
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  return btoa(String.fromCharCode(...bytes));
}

const serialise = (directives) =>
  Object.entries(directives)
    .map(([name, sources]) => [name, ...sources].join(" "))
    .join("; ");

/**
 * Directives both classes share. Public pages allow inline styles: React renders `style`
 * attributes there (the statistics charts), which no nonce can cover. The strict policy replaces
 * that with its nonce (see strictPolicy).
 */
function common({ formTargets = [] } = {}) {
  return {
    "default-src": ["'self'"],
    "style-src": ["'self'", "'unsafe-inline'"],
    "img-src": ["'self'", "data:"],
    "font-src": ["'self'"],
    "connect-src": ["'self'"],
    "object-src": ["'none'"],
    "base-uri": ["'none'"],
    "frame-ancestors": ["'none'"],
    // A form that signs in with an OAuth provider is answered with a redirect to that provider,
    // which form-action also governs: the configured providers' origins are named, nothing else.
    "form-action": ["'self'", ...formTargets],
  };
}

/**
 * The strict policy: only scripts carrying this request's nonce run, and what they load
 * ('strict-dynamic' trusts Next's chunk loader; 'self' is only a fallback for browsers without
 * CSP level 3, which ignore it otherwise). `dev` adds 'unsafe-eval', which React's development
 * build needs for its error overlays, and inline styles (never in production).
 */
export function strictPolicy(nonce, { dev = false, formTargets = [] } = {}) {
  if (!/^[A-Za-z0-9+/_-]+={0,2}$/.test(nonce)) throw new Error("A CSP nonce must be base64.");
  const base = common({ formTargets });
  return serialise({
    ...base,
    "script-src": ["'self'", `'nonce-${nonce}'`, "'strict-dynamic'", ...(dev ? ["'unsafe-eval'"] : [])],
    // Inline <style> only with the nonce (Next's own, and CodeMirror's in the studio, which reads
    // the nonce from the page), and no style attributes in server-rendered HTML: injected CSS can
    // restyle a form or read attribute values out through selectors and background URLs. The
    // development server injects styles without a nonce (hot reload), so `dev` allows them inline
    // (with a nonce in the list, 'unsafe-inline' would be ignored).
    "style-src": dev ? ["'self'", "'unsafe-inline'"] : ["'self'", `'nonce-${nonce}'`],
    "img-src": [...base["img-src"], "blob:"],
  });
}

/**
 * The fixed policy of public pages: same-origin scripts only (inline ones allowed, since a cached
 * page cannot carry a per-request nonce and Next inlines its page data), no plugins, no framing,
 * no <base>, forms only to this site.
 */
export function publicPolicy({ dev = false } = {}) {
  return serialise({ ...common(), "script-src": ["'self'", "'unsafe-inline'", ...(dev ? ["'unsafe-eval'"] : [])] });
}

/** Origins an OAuth sign-in form may redirect to, for the providers configured in this environment. */
export function oauthFormTargets(env) {
  const targets = [];
  if (env.AUTH_GITHUB_ID) targets.push("https://github.com");
  if (env.AUTH_GOOGLE_ID) targets.push("https://accounts.google.com");
  if (env.AUTH_MICROSOFT_ENTRA_ID_ID) {
    try {
      targets.push(new URL(env.AUTH_MICROSOFT_ENTRA_ID_ISSUER ?? "https://login.microsoftonline.com").origin);
    } catch {
      targets.push("https://login.microsoftonline.com");
    }
  }
  return targets;
}
