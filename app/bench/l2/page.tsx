import { getDb } from "@/db/client";
import { getTrivialValue } from "@/db/queries/health";

// Floor L2 for `npm run bench`: a dynamic page doing one trivial database query.
export const metadata = { title: "Bench floor L2", robots: { index: false } };

export default async function BenchDynamicFloor() {
  return <p className="p-6">Dynamic floor: {await getTrivialValue(await getDb())}</p>;
}
