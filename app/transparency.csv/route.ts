import { getEnv } from "@/lib/env";
import { handleRoute } from "@/lib/http";
import { CSV_CONTENT_TYPE } from "@/lib/open-data/csv";
import { CORS_HEADERS, OPEN_DATA_CACHE_CONTROL, preflightResponse } from "@/lib/open-data/http";
import { parseTransparencyQuery, TRANSPARENCY_CSV_FILENAME, transparencyCsvHeader, transparencyCsvRows } from "@/lib/transparency/open-data";
import { getTransparencyRecords } from "@/lib/transparency/public";
import { TRANSPARENCY_API_LIMIT_MAX } from "@/lib/validation/transparency";

/**
 * Every current transparency report as CSV, one row per requesting country and instrument, with
 * the API's filters (no paging: the file holds everything that matches). Read a page of reports
 * at a time, so a large registry never holds the whole file's records at once; the first page is
 * read before answering, so a failure is an error response, never a truncated 200.
 */
export function GET(request: Request) {
  return handleRoute(async () => {
    const { signatory, country, period, instrument } = parseTransparencyQuery(new URL(request.url).searchParams, { csv: true });
    const filters = { signatory, country, period, instrument };
    const { siteUrl } = getEnv();
    const encoder = new TextEncoder();
    const pageSize = TRANSPARENCY_API_LIMIT_MAX;
    let records = await getTransparencyRecords(filters, pageSize, null);
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(encoder.encode(transparencyCsvHeader()));
      },
      async pull(controller) {
        const page = records.slice(0, pageSize);
        controller.enqueue(encoder.encode(page.map((r) => transparencyCsvRows(r, siteUrl)).join("")));
        if (records.length <= pageSize) return controller.close();
        const last = page.at(-1)!;
        records = await getTransparencyRecords(filters, pageSize, { period: last.revision.period, slug: last.signatory.slug });
      },
    });
    return new Response(body, {
      headers: {
        ...CORS_HEADERS,
        "Content-Type": CSV_CONTENT_TYPE,
        "Content-Disposition": `attachment; filename="${TRANSPARENCY_CSV_FILENAME}"`,
        "Cache-Control": OPEN_DATA_CACHE_CONTROL,
      },
    });
  });
}

export function OPTIONS() {
  return preflightResponse();
}
