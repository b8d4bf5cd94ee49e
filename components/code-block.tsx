/** Preformatted machine text (notes, keys, commands) that wraps instead of overflowing on phones. */
export function CodeBlock({ children, label }: { children: string; label?: string }) {
  return (
    <pre
      aria-label={label}
      tabIndex={0}
      className="overflow-x-auto whitespace-pre-wrap break-all rounded-md bg-ink-900 p-4 font-mono text-sm leading-relaxed text-ink-50 dark:bg-black"
    >
      {children}
    </pre>
  );
}
