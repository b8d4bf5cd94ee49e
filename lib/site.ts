import { getEnv } from "./env";

export const siteName = "Tech Accord Registry";
export const pledge = "100% defence, 0% offence";

/** Absolute URL on the public site, for canonical links, feeds and share images. */
export function absoluteUrl(pathname: string): string {
  return `${getEnv().siteUrl}${pathname.startsWith("/") ? pathname : `/${pathname}`}`;
}
