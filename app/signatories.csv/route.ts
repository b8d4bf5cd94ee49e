import { type DirectoryEntry, iterateDirectory } from "@/db/queries/listings";
import { getEnv } from "@/lib/env";
import { handleRoute } from "@/lib/http";
import { csvHeader, csvRow, CSV_CONTENT_TYPE, CSV_FILENAME } from "@/lib/open-data/csv";
import { CORS_HEADERS, OPEN_DATA_CACHE_CONTROL, preflightResponse } from "@/lib/open-data/http";
import { assertNoQuery } from "@/lib/open-data/query";

const BATCH_SIZE = 1_000;

/**
 * Every listed signatory as CSV, streamed a batch at a time so memory stays flat however large
 * the directory grows. The first batch is read before answering: a database failure then becomes
 * a proper error response instead of a 200 with a truncated file.
 */
export function GET(request: Request) {
  return handleRoute(async () => {
    assertNoQuery(new URL(request.url).searchParams);
    const { siteUrl } = getEnv();
    const batches = iterateDirectory(BATCH_SIZE);
    let pending: IteratorResult<DirectoryEntry[]> | null = await batches.next();
    const encoder = new TextEncoder();
    const encode = (entries: DirectoryEntry[]) => encoder.encode(entries.map((entry) => csvRow(entry, siteUrl)).join(""));

    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(encoder.encode(csvHeader()));
      },
      // Pull-driven: the next batch is fetched only when the client has taken the previous one.
      async pull(controller) {
        try {
          const result = pending ?? (await batches.next());
          pending = null;
          if (result.done) controller.close();
          else controller.enqueue(encode(result.value));
        } catch (error) {
          console.error(error);
          controller.error(error);
        }
      },
      async cancel() {
        await batches.return(undefined);
      },
    });

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
