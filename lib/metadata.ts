import type { Metadata } from "next";
import { feedAlternateTypes } from "@/lib/feed/discovery";

/** Title, description, canonical URL and Open Graph tags for one page (share image comes from opengraph-image files). */
/**
 * Page metadata. Config-level `openGraph` replaces what an opengraph-image file would add, so the
 * share image is always named here: the site-wide one unless the route renders its own.
 */
export function pageMetadata({
  title,
  description,
  path,
  image = "/opengraph-image",
}: {
  title: string;
  description: string;
  path: string;
  image?: string;
}): Metadata {
  const images = [{ url: image, width: 1200, height: 630, alt: title }];
  return {
    title,
    description,
    alternates: { canonical: path, types: feedAlternateTypes },
    openGraph: { title, description, url: path, images },
    twitter: { title, description, images },
  };
}
