// Outside Next there is no data cache: cached functions run every time (see vitest.config.ts).
export function unstable_cache<A extends unknown[], R>(fn: (...args: A) => Promise<R>): (...args: A) => Promise<R> {
  return fn;
}

export function revalidateTag(): void {
  throw new Error("Invariant: static generation store missing in revalidateTag");
}
