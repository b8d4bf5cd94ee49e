/** Public addresses of a published accord version. */
export const versionsHref = "/accord/versions";
export const versionHref = (number: number) => `/accord/versions/${number}`;
export const versionDiffHref = (number: number) => `/accord/versions/${number}/diff`;
export const versionSnapshotHref = (number: number) => `/accord/versions/${number}/snapshot.json`;
export const snapshotFileName = (number: number) => `tech-accord-v${number}.json`;
