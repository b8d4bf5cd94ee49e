// How a verify-ledger run ends: its exit codes, and the error that carries one to the top.

export const EXIT = { verified: 0, failed: 1, usage: 2, fetch: 3, key: 4, quorum: 5 } as const;

/**
 * Ends the run with an exit code. A usage error goes to stderr; any other gives the one-line
 * "FAILED <message>" summary on stdout, like a failed verification, with `detail` on stderr.
 */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode: number,
    readonly detail?: string,
  ) {
    super(message);
  }
}

export function isErrnoException(error: unknown): error is NodeJS.ErrnoException {
  return error instanceof Error && "code" in error;
}

export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
