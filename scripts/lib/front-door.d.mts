// Types for front-door.mjs (plain JavaScript so the server runs without a compiler).
import type { IncomingHttpHeaders, IncomingMessage, ServerResponse } from "node:http";
import type { ResponseCache } from "./response-cache.mjs";

export type BodyLimitRule = { name: string; pattern: RegExp; bytes: number };
export type BodyLimit = { name: string; bytes: number };
export type BodyDecision = { action: "none" } | { action: "ok" | "too-large" | "count"; limit: BodyLimit };

export const KB: number;
export const MB: number;
export const DEFAULT_BODY_LIMIT: number;
export const BODY_LIMITS: BodyLimitRule[];
export const HSTS_VALUE: string;
export function clientAddress(socketAddress: string | undefined, forwardedFor: string | string[] | undefined, trustedHops?: number): string;
export function bodyLimitFor(url: string | undefined, limits?: BodyLimitRule[], fallback?: number): BodyLimit;
export function bodyDecision(headers: IncomingHttpHeaders, url: string | undefined, limits?: BodyLimitRule[], fallback?: number): BodyDecision;
/** Whether a request target's path holds a percent sign that does not start a valid UTF-8 escape. */
export function hasMalformedEncoding(url: string | undefined): boolean;
export function createFrontDoor(
  handle: (req: IncomingMessage, res: ServerResponse) => unknown,
  options?: { trustedHops?: number; hsts?: boolean; limits?: BodyLimitRule[]; defaultLimit?: number; responseCache?: ResponseCache },
): (req: IncomingMessage, res: ServerResponse) => unknown;
export const DEFAULT_VIEWS: Record<string, string>;
export const DEFAULT_VIEW_HEADER: string;
export function isDefaultView(url: string | undefined): boolean;
