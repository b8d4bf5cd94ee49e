import { getDb } from "@/db/client";
import { getTrivialValue } from "@/db/queries/health";

// Floor L2 for `npm run bench`: a dynamic page doing one trivial database query. Served only when
// the bench started the server (REGISTRY_BENCH=1, scripts/lib/operations.mjs); 404 otherwise.
export const metadata = { title: "Bench floor L2", robots: { index: false } };

export default async function BenchDynamicFloor() {
  return <p className="p-6">Dynamic floor: {await getTrivialValue(await getDb())}</p>;
}
