/** Shown on every page in demo mode so fictional signatories are never mistaken for real ones. */
export function DemoBanner() {
  return (
    <section aria-label="Demo registry notice" className="bg-amber-100 px-4 py-2 text-center text-sm text-amber-950 dark:bg-amber-900 dark:text-amber-50">
      <strong>Demo registry.</strong> The organisations shown here are fictional (on <code>.example</code> domains) and have signed nothing.
    </section>
  );
}
