import { getDb } from "@/db/client";
import { type DirectoryEntry, iterateDirectory } from "@/db/queries/directory";
import { getEnv } from "@/lib/env";
import { handleRoute } from "@/lib/http";
import { batchStream } from "@/lib/open-data/batch-stream";
import { csvHeader, csvRow, CSV_CONTENT_TYPE, CSV_FILENAME } from "@/lib/open-data/csv";
import { CORS_HEADERS, OPEN_DATA_CACHE_CONTROL, preflightResponse } from "@/lib/open-data/http";
import { csvParams, parseFilterQuery } from "@/lib/open-data/query";

const BATCH_SIZE = 1_000;

/**
 * Every listed signatory as CSV (or those matching the directory's filters: `?country=DE&status=active`,
 * the same parameters and messages as /signatories; a bad one is a 400), streamed a batch at a time so memory stays flat however large
 * the directory grows. The first batch is read before answering: a database failure then becomes
 * a proper error response instead of a 200 with a truncated file.
 */
export function GET(request: Request) {
  return handleRoute(async () => {
    const filters = parseFilterQuery(new URL(request.url).searchParams, csvParams);
    const { siteUrl } = getEnv();
    const batches = iterateDirectory(await getDb(), BATCH_SIZE, filters);
    const first = await batches.next();
    const encoder = new TextEncoder();
    const encode = (entries: DirectoryEntry[]) => encoder.encode(entries.map((entry) => csvRow(entry, siteUrl)).join(""));
    const body = batchStream(encoder.encode(csvHeader()), first, batches, encode);

    return new Response(body, {
      headers: {
        ...CORS_HEADERS,
        "Content-Type": CSV_CONTENT_TYPE,
        "Content-Disposition": `attachment; filename="${CSV_FILENAME}"`,
        "Cache-Control": OPEN_DATA_CACHE_CONTROL,
      },
    });
  });
}

export function OPTIONS() {
  return preflightResponse();
}
