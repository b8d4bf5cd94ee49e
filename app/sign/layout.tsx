// Rendered per request for the strict CSP nonce (see lib/security/per-request-layout.tsx).
export { default } from "@/lib/security/per-request-layout";
