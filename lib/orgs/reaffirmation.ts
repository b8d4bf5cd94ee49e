/**
 * Whether an organisation must re-affirm the accord: it is verified, its standing signature covers
 * an older version than the newest published one. The versions in between are what changed since
 * it signed (each has its own diff page against the one before). Pure: the dashboard asks it.
 */
export type Reaffirmation = { signedVersion: number; latestVersion: number; changedIn: number[] };

export function reaffirmationFor(organisation: { status: string }, standingVersion: number | undefined, latestVersion: number | null): Reaffirmation | null {
  if (organisation.status !== "verified" || standingVersion === undefined || latestVersion === null || standingVersion >= latestVersion) return null;
  const changedIn: number[] = [];
  for (let v = standingVersion + 1; v <= latestVersion; v++) changedIn.push(v);
  return { signedVersion: standingVersion, latestVersion, changedIn };
}
