import { snapshotFileName } from "@/lib/paths";
import { getPublishedAccordVersion } from "@/db/queries/accord-versions";
import { AppError } from "@/lib/errors";
import { handleRoute, textResponse } from "@/lib/http";
import { accordVersionParamSchema } from "@/lib/validation/accord-version";

/**
 * A version's snapshot as the exact canonical JSON bytes its content hash was taken over, so
 * `curl … | sha256sum` checks the hash without trusting this site's code.
 */
export function GET(_request: Request, { params }: { params: Promise<{ version: string }> }) {
  return handleRoute(async () => {
    const parsed = accordVersionParamSchema.safeParse((await params).version);
    if (!parsed.success) throw new AppError("not_found", "There is no such accord version: versions are numbered 1, 2, 3 and so on.");
    const version = await getPublishedAccordVersion(parsed.data);
    if (!version) throw new AppError("not_found", `Version ${parsed.data} of the accord has not been published.`);
    return textResponse(version.snapshotJson, {
      contentType: "application/json; charset=utf-8",
      cacheControl: "public, max-age=3600",
      headers: { "Content-Disposition": `inline; filename="${snapshotFileName(version.number)}"` },
    });
  });
}
