import { FEED_PATH } from "@/lib/paths";
import { siteName } from "@/lib/site";

export const feedTitle = `${siteName}: signatures and status changes`;

/**
 * Metadata `alternates.types` that makes browsers and feed readers find the feed from any page.
 * Every page needs it in its own metadata: a page's `alternates` replaces the layout's whole.
 */
export const feedAlternateTypes = { "application/atom+xml": [{ url: FEED_PATH, title: feedTitle }] };
