"use client";

import { useEffect } from "react";

/**
 * After a filter or page change (a new address), focus moves to the results heading, so keyboard
 * and screen-reader users start at the new results (the heading's description says which range)
 * instead of the top of the page.
 */
export function FocusOnArrival({ targetId, active }: { targetId: string; active: boolean }) {
  useEffect(() => {
    if (!active) return;
    const target = document.getElementById(targetId);
    target?.focus({ preventScroll: false });
  }, [targetId, active]);
  return null;
}
