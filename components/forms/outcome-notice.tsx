"use client";

import { type ReactNode, useEffect, useRef } from "react";

/**
 * The message that says what a submit did, on the page the action led to (`?notice=…`). It takes
 * focus when it appears, so keyboard and screen-reader users hear the outcome and continue from
 * it, instead of starting again from <body>; a status region created already filled is often not
 * announced on its own.
 */
export function OutcomeNotice({ className, children }: { className?: string; children: ReactNode }) {
  const ref = useRef<HTMLParagraphElement>(null);
  useEffect(() => {
    ref.current?.focus();
  }, []);
  return (
    <p ref={ref} role="status" tabIndex={-1} className={className}>
      {children}
    </p>
  );
}
