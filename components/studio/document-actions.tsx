"use client";

import { approveAction, discardDraftAction, proposeRemovalAction, publishAction, requestReviewAction, returnReviewAction } from "@/app/studio/actions";
import { ActionForm } from "@/components/forms/action-form";
import { Field } from "@/components/forms/fields";
import { textLimits } from "@/lib/validation/text-limit";
import type { ActionState } from "@/lib/actions/action-state";
import type { StudioEditorView } from "@/lib/studio/view";
import { formatStudioTime } from "./format";

const panelClass = "mt-8 rounded-lg border border-ink-200 p-5 dark:border-ink-800";
const detailsClass = "mt-4 rounded-md border border-ink-200 dark:border-ink-800";
const summaryClass = "cursor-pointer px-4 py-3 font-semibold";

function ChangelogField({ state, accord }: { state: ActionState; accord: boolean }) {
  return (
    <Field
      name="changelog"
      label="Changelog"
      as="textarea"
      required
      limit={textLimits.changelog}
      state={state}
      hint={`What changed and why, 10 to 500 characters.${accord ? " It is published as the new accord version's changelog and in the public ledger." : ""}`}
    />
  );
}

/**
 * What can be done with the document now: publish or ask for review (with a changelog), approve or
 * send back, discard, propose removing a principle. Every form carries the draft revision this
 * editor has, and stays disabled until the text on screen is the text saved.
 */
export function DocumentActions({
  view,
  revision,
  state,
  ready,
}: {
  view: StudioEditorView;
  revision: number;
  state: StudioEditorView["state"];
  ready: boolean;
}) {
  const hidden = { key: view.key, draftRevision: String(revision) };
  const accord = view.kind !== "page";
  if (view.removed) {
    return (
      <p className={panelClass}>
        This principle is no longer in the accord. Its published history is below; to bring it back, create a principle with the slug “
        {view.key.replace(/^principle-/, "")}” from the studio&apos;s list.
      </p>
    );
  }

  if (state === "review" && view.review) {
    return (
      <section aria-labelledby="review-heading" className={panelClass}>
        <h2 id="review-heading" className="font-serif text-xl font-semibold">
          Awaiting review
        </h2>
        <p className="mt-2">
          {view.review.mine ? "You" : view.review.requestedBy} asked for review on {formatStudioTime(view.review.at)} with this changelog:
        </p>
        <blockquote className="mt-2 border-l-4 border-ink-300 pl-4 break-words italic dark:border-ink-600">{view.review.changelog}</blockquote>
        {view.approval.allowed ? (
          <div className="mt-4">
            <p className="mb-2 text-sm text-muted">
              Approving publishes the text above{accord ? " as a new accord version, logged in the public ledger" : ""}.
            </p>
            <ActionForm action={approveAction} hidden={hidden} submitLabel="Approve and publish" pendingLabel="Publishing…" />
          </div>
        ) : (
          <p className="mt-4 rounded-md bg-ink-100 px-4 py-3 text-sm dark:bg-ink-800">{view.approval.reason}</p>
        )}
        <details className={detailsClass}>
          <summary className={summaryClass}>{view.review.mine ? "Withdraw the request…" : "Send it back with a comment…"}</summary>
          <div className="px-4 pb-4">
            <ActionForm
              action={returnReviewAction}
              hidden={hidden}
              submitLabel={view.review.mine ? "Withdraw the request" : "Send back"}
              tone="secondary"
              fields={(s) => (
                <Field
                  name="comment"
                  label="Comment for the author"
                  as="textarea"
                  required
                  limit={textLimits.reviewComment}
                  state={s}
                  hint="5 to 1000 characters; shown in the editor."
                />
              )}
            />
          </div>
        </details>
      </section>
    );
  }

  const waiting = ready ? null : <p className="mb-3 text-sm text-muted">These become available once the text on screen is saved.</p>;
  const canRemove = view.kind === "principle" && !view.isNew && !view.removal;

  return (
    <>
      {state === "draft" ? (
        <section aria-labelledby="publish-heading" className={panelClass}>
          <h2 id="publish-heading" className="font-serif text-xl font-semibold">
            {view.requireReview ? "Request review" : "Publish"}
          </h2>
          <p className="mt-1 text-sm text-muted">
            {view.requireReview
              ? "This registry requires a second editor's approval: the change goes live when another editor approves it."
              : accord
                ? "Publishing makes the draft live at once and creates a new accord version, which signatories are asked to re-affirm."
                : "Publishing makes the draft live at once."}
          </p>
          <fieldset disabled={!ready} className="mt-4">
            {waiting}
            <ActionForm
              action={view.requireReview ? requestReviewAction : publishAction}
              hidden={hidden}
              submitLabel={view.requireReview ? "Request review" : view.removal ? "Publish the removal" : "Publish"}
              pendingLabel={view.requireReview ? "Requesting…" : "Publishing…"}
              fields={(s) => <ChangelogField state={s} accord={accord} />}
            />
          </fieldset>
          {view.requireReview ? null : (
            <details className={detailsClass}>
              <summary className={summaryClass}>Ask a second editor to review it first…</summary>
              <fieldset disabled={!ready} className="px-4 pb-4">
                <ActionForm
                  action={requestReviewAction}
                  hidden={hidden}
                  submitLabel="Request review"
                  pendingLabel="Requesting…"
                  tone="secondary"
                  fields={(s) => <ChangelogField state={s} accord={accord} />}
                />
              </fieldset>
            </details>
          )}
          <details className={detailsClass}>
            <summary className={`${summaryClass} text-red-800 dark:text-red-300`}>
              {view.removal ? "Cancel the proposed removal…" : "Discard the draft…"}
            </summary>
            <fieldset disabled={!ready} className="px-4 pb-4">
              <p className="mb-3 text-sm text-muted">
                {view.isNew && !view.removal
                  ? "The new principle disappears from the studio; its text is kept in the audit trail."
                  : "The published text stays as it is; the draft is kept in the audit trail."}
              </p>
              <ActionForm action={discardDraftAction} hidden={hidden} submitLabel={view.removal ? "Cancel the removal" : "Discard the draft"} tone="danger" />
            </fieldset>
          </details>
        </section>
      ) : (
        <p className={`${panelClass} text-muted`}>Nothing to publish: this is the published text. Edit it to start a draft.</p>
      )}
      {canRemove ? (
        <details className={detailsClass}>
          <summary className={`${summaryClass} text-red-800 dark:text-red-300`}>Remove this principle from the accord…</summary>
          <fieldset disabled={!ready} className="px-4 pb-4">
            <p className="mb-3 text-sm text-muted">
              This makes the removal a draft{state === "draft" ? " in place of the current draft (kept in the audit trail)" : ""}. Publishing it takes the
              principle out of the accord as a new version and renumbers the others.
            </p>
            <ActionForm action={proposeRemovalAction} hidden={hidden} submitLabel="Propose removing it" tone="danger" />
          </fieldset>
        </details>
      ) : null}
    </>
  );
}
