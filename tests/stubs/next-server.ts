// Request-scope marker: a no-op outside Next (see vitest.config.ts).
export async function connection(): Promise<void> {}
