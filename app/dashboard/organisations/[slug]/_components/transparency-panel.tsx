import Link from "next/link";
import { getDb } from "@/db/client";
import { getTransparencyReportsForOrganisation } from "@/db/queries/transparency";
import type { Organisation } from "@/db/schema";
import { signatoryTransparencyPath, transparencyDashboardPath } from "@/lib/paths";
import { periodLabel } from "@/lib/transparency/figures";

/** The organisation's transparency reports on government requests: what is published, and where to publish or correct. */
export async function TransparencyPanel({ organisation: org, canPublish }: { organisation: Organisation; canPublish: boolean }) {
  if (org.status === "pending" || org.status === "rejected") return null;
  const reports = (await getTransparencyReportsForOrganisation(await getDb(), org.id)).filter((r) => r.current);
  return (
    <section aria-labelledby="transparency-heading" className="mt-10">
      <div className="flex flex-wrap items-center justify-between gap-4">
        <h2 id="transparency-heading" className="section-heading">
          Transparency reports
        </h2>
        {canPublish && org.status === "verified" ? (
          <Link href={transparencyDashboardPath(org.slug)} className="rounded-md bg-accord-700 px-4 py-2 font-semibold text-white hover:bg-accord-800">
            Publish or correct figures
          </Link>
        ) : null}
      </div>
      <p className="mt-2 text-muted">
        Each half-year, the government requests for data {org.displayName} received, by requesting country and instrument, and what became of them.
      </p>
      <p className="mt-2">
        {reports.length > 0 ? `Published: ${reports.map((r) => periodLabel(r.period)).join(", ")}. ` : "Nothing published yet. "}
        <Link href={signatoryTransparencyPath(org.slug)} className="link-accent">
          The public page
        </Link>
      </p>
    </section>
  );
}
