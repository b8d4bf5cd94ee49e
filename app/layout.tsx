import type { Metadata, Viewport } from "next";
import { type ReactNode, Suspense } from "react";
import { DemoBanner } from "@/components/demo-banner";
import { FreshnessWatch } from "@/components/freshness-watch";
import { SiteFooter } from "@/components/site-footer";
import { SiteHeader } from "@/components/site-header";
import { getEnv } from "@/lib/env";
import { feedAlternateTypes } from "@/lib/feed/discovery";
import { pledge, siteName } from "@/lib/site";
import "./globals.css";

export function generateMetadata(): Metadata {
  return {
    metadataBase: new URL(`${getEnv().siteUrl}/`),
    title: { default: `${siteName}: ${pledge}`, template: `%s · ${siteName}` },
    description:
      "Technology companies commit to protect every customer everywhere and never help any government attack civilians. A public, verifiable registry of who signed what.",
    applicationName: siteName,
    alternates: { types: feedAlternateTypes },
    icons: { icon: "/favicon.svg" },
    openGraph: { siteName, type: "website", locale: "en_GB" },
    twitter: { card: "summary_large_image" },
  };
}

export const viewport: Viewport = {
  themeColor: [
    { media: "(prefers-color-scheme: light)", color: "#ffffff" },
    { media: "(prefers-color-scheme: dark)", color: "#11141a" },
  ],
};

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en-GB">
      <body className="flex min-h-screen flex-col">
        <a
          href="#main"
          className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:z-50 focus:rounded focus:bg-white focus:px-3 focus:py-2 focus:text-ink-900"
        >
          Skip to content
        </a>
        {getEnv().mode === "demo" ? <DemoBanner /> : null}
        <SiteHeader />
        <main id="main" className="flex-1">
          {children}
        </main>
        <SiteFooter />
        {/* Reads the search params, so it renders in the browser only (a static page cannot know them). */}
        <Suspense fallback={null}>
          <FreshnessWatch />
        </Suspense>
      </body>
    </html>
  );
}
