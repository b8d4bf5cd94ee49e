// Floor L1 for `npm run bench`: the cheapest prerendered page this server can serve. Served only
// when the bench started the server (REGISTRY_BENCH=1, scripts/lib/operations.mjs); 404 otherwise.
export const metadata = { title: "Bench floor L1", robots: { index: false } };

export default function BenchStaticFloor() {
  return <p className="p-6">Prerendered floor.</p>;
}
