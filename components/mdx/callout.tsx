import type { ReactNode } from "react";

const tones = {
  info: { label: "Note", className: "border-sky-600 bg-sky-50 dark:border-sky-400 dark:bg-sky-950/40" },
  warning: { label: "Important", className: "border-amber-600 bg-amber-50 dark:border-amber-400 dark:bg-amber-950/40" },
  principle: { label: "Principle", className: "border-accord-600 bg-accord-50 dark:border-accord-400 dark:bg-accord-800/30" },
} as const;

export type CalloutTone = keyof typeof tones;

export function Callout({ tone = "info", title, children }: { tone?: string; title?: string; children?: ReactNode }) {
  // Own keys only: a tone such as "constructor" must not pick up what every object inherits.
  const style = Object.hasOwn(tones, tone) ? tones[tone as CalloutTone] : tones.info;
  return (
    <aside aria-label={title ?? style.label} className={`not-prose my-6 rounded-r-md border-l-4 px-5 py-4 ${style.className}`}>
      <p className="font-semibold text-ink-900 dark:text-ink-50">{title ?? style.label}</p>
      <div className="prose mt-1 max-w-none dark:prose-invert [&>p:first-child]:mt-0 [&>p:last-child]:mb-0">{children}</div>
    </aside>
  );
}
