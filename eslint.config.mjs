import nextVitals from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";

const config = [
  ...nextVitals,
  ...nextTs,
  {
    // The cycle rule reads only our own modules (PGlite's bundled chunks overflow its parser).
    settings: { "import/ignore": ["node_modules"] },
    rules: {
      // A leading underscore marks a parameter that is there for its position (or a cache key).
      "@typescript-eslint/no-unused-vars": ["warn", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      // Modules form layers (db/ below lib/ below app/): an import cycle means a layer leaked.
      "import/no-cycle": ["error", { ignoreExternal: true }],
    },
  },
  {
    ignores: [
      ".next/**",
      ".next-*/**",
      ".data-*/**",
      "node_modules/**",
      ".data/**",
      ".test-data/**",
      "next-env.d.ts",
      "test-results/**",
      "playwright-report/**",
      "bench/bare/.next/**",
    ],
  },
];

export default config;
