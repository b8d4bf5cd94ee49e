import path from "node:path";
import { defineConfig } from "vitest/config";

// Outside Next there is no request scope: `server-only` would throw on import, and `connection()`
// and the data cache need Next's request store, so tests get inert stand-ins for those markers.
const alias = {
  "@": path.resolve(import.meta.dirname),
  "server-only": path.resolve(import.meta.dirname, "tests/stubs/server-only.ts"),
  "next/server": path.resolve(import.meta.dirname, "tests/stubs/next-server.ts"),
  "next/cache": path.resolve(import.meta.dirname, "tests/stubs/next-cache.ts"),
};

export default defineConfig({
  resolve: { alias },
  test: {
    projects: [
      { resolve: { alias }, test: { name: "unit", include: ["tests/unit/**/*.test.ts"], environment: "node" } },
      {
        resolve: { alias },
        test: {
          name: "integration",
          include: ["tests/integration/**/*.test.ts"],
          environment: "node",
          testTimeout: 60_000,
          hookTimeout: 120_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
