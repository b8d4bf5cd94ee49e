// The same content as the registry's floor L1 (app/bench/l1/page.tsx), without the registry around it.
export default function BarePage() {
  return <p>Prerendered floor.</p>;
}
