// Types for freshness.mjs (plain JavaScript so the server runs without a compiler).
import type { ServerResponse } from "node:http";

export const PAGE_CACHE_CONTROL: string;
export function freshCacheControl<T extends string | number | readonly string[] | undefined>(value: T): T | string;
export function keepPagesFresh<R extends ServerResponse>(res: R): R;
