import "server-only";
import type { DbOrTx } from "@/db/client";
import { getStudioDocument } from "@/db/queries/studio";
import { AppError } from "@/lib/errors";
import type { PreviewInput } from "@/lib/validation/studio";
import { type StudioActor, requireEditor } from "./access";
import { checkSource, type StudioProblem } from "./document";
import { kindOfKey } from "./keys";
import { composeSource } from "./source";

export type PreviewResult = { ok: true; code: string; frontmatter: Record<string, unknown> } | { ok: false; problems: StudioProblem[] };

/**
 * Compiles the editor's current text exactly as the public site would, after the safety check:
 * untrusted MDX is never compiled, let alone run, before that check passes.
 */
export async function previewDocument(db: DbOrTx, actor: StudioActor, input: PreviewInput): Promise<PreviewResult> {
  await requireEditor(db, actor);
  if (!(await getStudioDocument(db, input.key))) throw new AppError("not_found", "There is no such document in the studio.");
  const result = await checkSource(input.key, composeSource(kindOfKey(input.key), input.fields, input.body));
  if (!result.ok) return result;
  return { ok: true, code: result.document.compiled.code, frontmatter: result.document.parsed.frontmatter };
}
