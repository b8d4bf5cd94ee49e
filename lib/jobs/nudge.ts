/**
 * A nudge tells this process's job runner that work was probably just queued, so it looks again
 * at once instead of at its next poll. It carries no data and may come before the queueing
 * transaction commits: the runner keeps looking briefly (see runner.ts), and the regular poll is
 * the safety net. A light module with no database imports, so any code may call it.
 */

type Listener = () => void;

const state: { listener?: Listener } = ((globalThis as { __registryJobNudge?: { listener?: Listener } }).__registryJobNudge ??= {});

export function nudgeJobs(): void {
  state.listener?.();
}

/** The runner registers itself; returns the function that unregisters it. */
export function onJobNudge(listener: Listener): () => void {
  state.listener = listener;
  return () => {
    if (state.listener === listener) state.listener = undefined;
  };
}
