import "server-only";
import type { Db } from "@/db/client";
import { jobHandlers } from "./kinds";
import { JobRunner } from "./runner";

/**
 * The server's one runner, started once at start-up (lib/startup/start-registry.ts) and stopped on SIGTERM.
 * Kept on globalThis so a module loaded twice (Next bundles instrumentation separately from the
 * routes) still sees one runner.
 */

const state: { runner?: JobRunner; stopping?: Promise<void> } = ((
  globalThis as { __registryJobRunner?: { runner?: JobRunner; stopping?: Promise<void> } }
).__registryJobRunner ??= {});

export function startJobRunner(db: Db): JobRunner {
  if (state.runner) return state.runner;
  const runner = new JobRunner({ db, handlers: jobHandlers });
  state.runner = runner;
  runner.start();
  return runner;
}

/**
 * Stops the loop and waits for the job in hand; safe to call when none is running. A second call
 * while the first is waiting waits for the same job (shutdown closes the database after it).
 */
export async function stopJobRunner(): Promise<void> {
  const runner = state.runner;
  state.runner = undefined;
  if (runner) state.stopping = runner.stop();
  await state.stopping;
}

// A custom server (scripts/server.mjs) cannot import this bundled module: it finds the stop
// function here and awaits it during its graceful shutdown, before the process exits.
(globalThis as { __registryStopJobs?: () => Promise<void> }).__registryStopJobs = stopJobRunner;
