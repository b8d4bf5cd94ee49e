// The bench's ceiling (scripts/lib/bare-next.mjs): a bare Next.js app with one trivial prerendered
// page, built with the registry's own copy of Next, served by `next start`. Nothing here but what
// `create-next-app` would leave with its styling removed.
import { fileURLToPath } from "node:url";

const repository = fileURLToPath(new URL("../..", import.meta.url));

/** @type {import('next').NextConfig} */
const nextConfig = {
  // Next itself is resolved from the registry's node_modules, two levels up.
  turbopack: { root: repository },
  outputFileTracingRoot: repository,
};

export default nextConfig;
