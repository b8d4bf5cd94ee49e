import { fileURLToPath } from "node:url";
import { DEFAULT_VIEW_HEADER, DEFAULT_VIEWS } from "./scripts/lib/front-door.mjs";
import { PUBLIC_PATHS_SOURCE, publicPolicy } from "./lib/security/csp.mjs";

/** @type {import('next').NextConfig} */
const nextConfig = {
  // Pages and data cached in memory, never served from an earlier process or the build (why: in the file).
  cacheHandler: fileURLToPath(new URL("./lib/page-cache-handler.mjs", import.meta.url)),
  cacheMaxMemorySize: 128 * 1024 * 1024,
  // Lets several developers (or helpers) run `next dev` side by side in one checkout.
  distDir: process.env.NEXT_DIST_DIR || ".next",
  // PGlite ships WASM and data files that must be loaded from node_modules, not bundled.
  serverExternalPackages: ["@electric-sql/pglite", "esbuild", "mdx-bundler"],
  outputFileTracingIncludes: {
    "/**": ["./content/**/*", "./db/migrations/**/*"],
  },
  outputFileTracingExcludes: {
    "/**": [".data/**", ".test-data/**"],
  },
  poweredByHeader: false,
  // The front door tags pages instead, hashing each body once rather than on every request
  // (scripts/lib/page-etag.mjs).
  generateEtags: false,
  async rewrites() {
    return {
      // The directory's default view, the ledger's newest entries and the whole feed are static and kept in
      // the page cache (app/signatories/(directory)/all, app/ledger/newest, app/feed.xml/all); only the production front door
      // (scripts/lib/front-door.mjs) marks those pages without a query, so `next dev` renders every
      // view on the dynamic page.
      beforeFiles: Object.entries(DEFAULT_VIEWS).map(([source, destination]) => ({ source, has: [{ type: "header", key: DEFAULT_VIEW_HEADER }], destination })),
    };
  },
  async headers() {
    return [
      {
        source: "/:path*",
        headers: [
          { key: "X-Content-Type-Options", value: "nosniff" },
          { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
          { key: "X-Frame-Options", value: "DENY" },
          { key: "Permissions-Policy", value: "camera=(), microphone=(), geolocation=()" },
        ],
      },
      {
        // Public pages are static and cached, so their policy is fixed; the signed-in areas get a
        // strict per-request policy with a nonce from proxy.ts instead (lib/security/csp.mjs).
        source: PUBLIC_PATHS_SOURCE,
        headers: [{ key: "Content-Security-Policy", value: publicPolicy({ dev: process.env.NODE_ENV === "development" }) }],
      },
    ];
  },
};

export default nextConfig;
