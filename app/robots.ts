import type { MetadataRoute } from "next";
import { absoluteUrl } from "@/lib/site";

export default function robots(): MetadataRoute.Robots {
  return {
    rules: [{ userAgent: "*", allow: "/", disallow: ["/api/", "/bench/", "/dashboard", "/studio", "/admin", "/sign"] }],
    sitemap: absoluteUrl("/sitemap.xml"),
  };
}
