// Types for page-etag.mjs (plain JavaScript so the server runs without a compiler).
import type { IncomingHttpHeaders, IncomingMessage, ServerResponse } from "node:http";

export function etagFor(body: string | Buffer): string;
export function isFresh(headers: IncomingHttpHeaders, etag: string): boolean;
export function tagWholeBodies(req: IncomingMessage, res: ServerResponse): ServerResponse;
