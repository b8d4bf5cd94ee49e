import type { MetadataRoute } from "next";
import { getPrinciples } from "@/lib/accord/content";
import { absoluteUrl } from "@/lib/site";

export default async function sitemap(): Promise<MetadataRoute.Sitemap> {
  const principles = await getPrinciples();
  const paths = ["/", "/accord", ...principles.map((p) => `/accord/principles/${p.frontmatter.slug}`), "/signatories", "/ledger", "/about", "/faq", "/join"];
  return paths.map((path) => ({ url: absoluteUrl(path) }));
}
