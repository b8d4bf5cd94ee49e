// Types for immutable-cache.mjs (plain JavaScript so the server runs without a compiler).
import type { IncomingMessage, ServerResponse } from "node:http";

export const IMMUTABLE_CACHE_BYTES: number;
export type ImmutableCache = {
  serve(req: IncomingMessage, res: ServerResponse): boolean;
  keep(req: IncomingMessage, res: ServerResponse): void;
  stats(): { entries: number; bytes: number };
};
export function createImmutableCache(options?: { maxBytes?: number }): ImmutableCache;
