import { revalidateTag } from "next/cache";
import { ACCORD_VERSIONS_TAG, publicDataChanged } from "@/lib/cache";

/** Cache tag of the published studio documents the public pages render. */
export const PUBLISHED_DOCUMENTS_TAG = "published-documents";

function purge(tag: string): void {
  try {
    revalidateTag(tag, { expire: 0 });
  } catch (error) {
    // Outside a Next request (start-up import, scripts, tests) there is no cache to purge.
    if (!(error instanceof Error && error.message.includes("static generation store missing"))) throw error;
  }
}

/**
 * Call after a committed publish. A new accord version also changes the versions pages and what
 * profiles say about older signatures (cached under the signatories tag).
 */
export function publishedContentChanged({ newVersion }: { newVersion: boolean }): void {
  purge(PUBLISHED_DOCUMENTS_TAG);
  if (newVersion) {
    purge(ACCORD_VERSIONS_TAG);
    publicDataChanged();
  }
}
