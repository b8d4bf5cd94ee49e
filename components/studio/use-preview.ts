import { type ReactNode, useEffect, useState } from "react";
import { previewAction } from "@/app/studio/actions";
import type { StudioProblem } from "@/lib/studio/document";
import type { DraftFields } from "@/lib/validation/studio";

export type Preview =
  { status: "loading" } | { status: "ok"; node: ReactNode } | { status: "problems"; problems: StudioProblem[] } | { status: "error"; message: string };

const PREVIEW_DELAY_MS = 700;

/** The preview follows the text, debounced; a newer text cancels the older request's result. */
export function usePreview(key: string, fields: DraftFields, body: string): Preview {
  const [preview, setPreview] = useState<Preview>({ status: "loading" });

  useEffect(() => {
    let current = true;
    const timer = setTimeout(async () => {
      const result = await previewAction({ key, fields, body }).catch(() => ({ status: "error", message: "The preview could not be loaded." }) as const);
      if (!current) return;
      if (result.status === "ok") setPreview({ status: "ok", node: result.preview });
      else if (result.status === "problems") setPreview({ status: "problems", problems: result.problems });
      else setPreview({ status: "error", message: result.message });
    }, PREVIEW_DELAY_MS);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [fields, body, key]);

  return preview;
}
