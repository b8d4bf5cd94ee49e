import { escapeXml } from "@/lib/feed/xml";
import { badgePath } from "@/lib/paths";
import { profilePath } from "@/lib/paths";

export type BadgeSnippets = { imageUrl: string; profileUrl: string; alt: string; html: string; markdown: string };

// Markdown link text and destinations: brackets, parentheses and backslashes would end them early,
// and angle brackets could open inline HTML.
const markdownText = (text: string) => text.replace(/[\\[\]<>]/g, (c) => `\\${c}`).replace(/\s+/g, " ");
const markdownUrl = (url: string) => url.replace(/[()\s]/g, (c) => encodeURIComponent(c));

/**
 * What an organisation pastes into its own site or README to show its live status. The alt text
 * names the organisation but not the status, which the image itself keeps current.
 */
export function badgeSnippets({ siteUrl, slug, name }: { siteUrl: string; slug: string; name: string }): BadgeSnippets {
  const imageUrl = `${siteUrl}${badgePath(slug)}`;
  const profileUrl = `${siteUrl}${profilePath(slug)}`;
  const alt = `Tech Accord status of ${name}`;
  return {
    imageUrl,
    profileUrl,
    alt,
    html: `<a href="${escapeXml(profileUrl)}"><img src="${escapeXml(imageUrl)}" alt="${escapeXml(alt)}" height="20"></a>`,
    markdown: `[![${markdownText(alt)}](${markdownUrl(imageUrl)})](${markdownUrl(profileUrl)})`,
  };
}
