// Types for operations.mjs (plain JavaScript so the server runs without a compiler).
import type { AsyncLocalStorage } from "node:async_hooks";
import type { IncomingMessage, ServerResponse } from "node:http";

export type RequestLogEntry = {
  time: string;
  level: "info";
  msg: "request";
  id: string;
  method: string | undefined;
  path: string;
  status: number;
  durationMs: number;
  aborted?: true;
};

export function requestIdFor(header: string | string[] | undefined): string;
export const requestContext: AsyncLocalStorage<{ id: string }>;
export function isBenchPath(url: string | undefined): boolean;
export function withOperations(
  handle: (req: IncomingMessage, res: ServerResponse) => unknown,
  options?: { log?: ((entry: RequestLogEntry) => void) | null; bench?: boolean },
): (req: IncomingMessage, res: ServerResponse) => unknown;
export function writeJsonLine(entry: object, stream?: { write(chunk: string): unknown }): void;
export function installJsonConsole(
  target?: Pick<Console, "debug" | "info" | "log" | "warn" | "error">,
  streams?: { out: { write(chunk: string): unknown }; err: { write(chunk: string): unknown } },
): void;
