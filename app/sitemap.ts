import type { MetadataRoute } from "next";
import { getSitemapProfiles } from "@/db/queries/sitemap";
import { getPrinciples } from "@/lib/accord/content";
import { absoluteUrl } from "@/lib/site";
import {
  aboutPath,
  accordPath,
  commitmentSearchPath,
  concernsPath,
  developersPath,
  directoryPath,
  faqPath,
  joinPath,
  ledgerPath,
  principlePath,
  profilePath,
  statsPath,
  transparencyPath,
  versionsPath,
} from "@/lib/paths";

/** The sitemaps protocol's cap on URLs per file. */
const SITEMAP_URL_LIMIT = 50_000;

export default async function sitemap(): Promise<MetadataRoute.Sitemap> {
  const principles = await getPrinciples();
  const paths = [
    "/",
    accordPath,
    ...principles.map((p) => principlePath(p.frontmatter.slug)),
    versionsPath,
    directoryPath,
    statsPath,
    transparencyPath,
    concernsPath,
    commitmentSearchPath,
    ledgerPath,
    developersPath,
    aboutPath,
    faqPath,
    joinPath,
  ];
  const profiles = await getSitemapProfiles(SITEMAP_URL_LIMIT - paths.length);
  return [...paths.map((path) => ({ url: absoluteUrl(path) })), ...profiles.map((p) => ({ url: absoluteUrl(profilePath(p.slug)), lastModified: p.updatedAt }))];
}
