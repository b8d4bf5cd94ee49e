/**
 * Whether a database error (postgres-js or PGlite, possibly wrapped by drizzle) is a unique
 * violation of `constraint`, so a race that the checks before it could not see becomes a friendly
 * conflict instead of a 500.
 */
export function isUniqueViolation(error: unknown, constraint?: string): boolean {
  for (let e: unknown = error, depth = 0; e && depth < 4; e = (e as { cause?: unknown }).cause, depth++) {
    const candidate = e as { code?: unknown; constraint?: unknown; constraint_name?: unknown };
    if (candidate.code === "23505") {
      const name = candidate.constraint ?? candidate.constraint_name;
      return constraint === undefined || name === undefined || name === constraint;
    }
  }
  return false;
}
