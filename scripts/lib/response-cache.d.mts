// Types for response-cache.mjs (plain JavaScript so the server runs without a compiler).
import type { IncomingMessage, ServerResponse } from "node:http";

export const RESPONSE_CACHE_BYTES: number;
export const PAGE_TTL_MS: number;
export const VARIED: string[];
export type ResponseCache = {
  serve(req: IncomingMessage, res: ServerResponse): boolean;
  keep(req: IncomingMessage, res: ServerResponse): void;
  stats(): { entries: number; bytes: number };
};
export function createResponseCache(options?: { maxBytes?: number; pageTtlMs?: number; generation?: () => number; now?: () => number }): ResponseCache;
