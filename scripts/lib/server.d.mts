// Types for server.mjs, plain JavaScript shared by the test runner, the bench and TypeScript scripts.
export const root: string;
export function freePort(): Promise<number>;
export function ensureBuild(env?: Record<string, string>): void;
export type StartedServer = {
  url: string;
  port: number;
  pid: number;
  dataDir: string;
  output(): string;
  /** Settles when the process exits: its exit code, or the signal that ended it. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  stop(): Promise<void>;
};
export function startServer(options?: { env?: Record<string, string>; dataDir?: string; quiet?: boolean; port?: number }): Promise<StartedServer>;
