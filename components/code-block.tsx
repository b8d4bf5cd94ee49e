/** Preformatted machine text (notes, keys, commands) that wraps instead of overflowing on phones. */
export function CodeBlock({ children, label }: { children: string; label?: string }) {
  return (
    <pre aria-label={label} tabIndex={0} className="code-block">
      {children}
    </pre>
  );
}
