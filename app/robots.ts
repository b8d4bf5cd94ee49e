import type { MetadataRoute } from "next";
import { absoluteUrl } from "@/lib/site";

/**
 * Crawlers may read every public page: the directory and the profiles are the public ledger of
 * signatories and should be found. The signing page is closed by exact path and its subpaths,
 * never by the bare prefix "/sign", which would also close "/signatories" and every profile.
 * tests/unit/robots.test.ts checks this with a real robots.txt parser.
 */
export default function robots(): MetadataRoute.Robots {
  return {
    rules: [
      {
        userAgent: "*",
        allow: "/",
        disallow: ["/api/", "/bench/", "/dashboard", "/studio", "/admin", "/sign$", "/sign?", "/sign/", "/sign-in", "/sign-out"],
      },
    ],
    sitemap: absoluteUrl("/sitemap.xml"),
  };
}
