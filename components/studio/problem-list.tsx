import type { StudioProblem } from "@/lib/studio/document";
import { fieldLabels } from "@/lib/studio/source";

/** What stops the text from being previewed or published; a body problem's line moves the cursor there. */
export function ProblemList({ problems, onGoTo }: { problems: StudioProblem[]; onGoTo: (line: number, column: number | null) => void }) {
  return (
    <div role="alert">
      <p className="font-semibold text-red-800 dark:text-red-300">
        {problems.length === 1 ? "One problem stops" : `${problems.length} problems stop`} this text from being previewed or published:
      </p>
      <ul className="mt-2 list-disc space-y-2 pl-6">
        {problems.map((p, i) => (
          <li key={i}>
            {p.field ? (
              <>Field “{fieldLabels[p.field]}”: </>
            ) : (
              <button type="button" onClick={() => onGoTo(p.bodyLine!, p.column)} className="link-accent">
                Line {p.bodyLine}
                {p.column ? `, column ${p.column}` : ""}
              </button>
            )}
            {p.field ? null : ": "}
            <span className="break-words">{p.reason}</span>
          </li>
        ))}
      </ul>
    </div>
  );
}
