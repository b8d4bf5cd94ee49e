"use client";

import { markdown } from "@codemirror/lang-markdown";
import { HighlightStyle, syntaxHighlighting } from "@codemirror/language";
import { Compartment, EditorState } from "@codemirror/state";
import { EditorView, lineNumbers } from "@codemirror/view";
import { tags } from "@lezer/highlight";
import { minimalSetup } from "codemirror";
import { forwardRef, useEffect, useImperativeHandle, useRef } from "react";

export type CodeEditorHandle = { goTo: (line: number, column?: number | null) => void };

/*
 * Colours come from CSS variables set on the wrapper (light and dark), so the editor follows the
 * site's palette and keeps AA contrast in both schemes.
 */
const highlight = HighlightStyle.define([
  { tag: tags.heading, fontWeight: "700", color: "var(--cm-accent)" },
  { tag: tags.emphasis, fontStyle: "italic" },
  { tag: tags.strong, fontWeight: "700" },
  { tag: tags.strikethrough, textDecoration: "line-through" },
  { tag: [tags.link, tags.url], color: "var(--cm-accent)", textDecoration: "underline" },
  { tag: tags.monospace, color: "var(--cm-accent)" },
  {
    tag: [
      tags.angleBracket,
      tags.tagName,
      tags.attributeName,
      tags.attributeValue,
      tags.meta,
      tags.processingInstruction,
      tags.contentSeparator,
      tags.list,
      tags.quote,
      tags.comment,
    ],
    color: "var(--cm-muted)",
  },
]);

const theme = EditorView.theme({
  "&": { backgroundColor: "transparent", color: "inherit", fontSize: "0.95rem" },
  "&.cm-focused": { outline: "none" },
  // No height cap: the editor grows with its text and the page scrolls, so there is no inner scroll region to reach by keyboard.
  ".cm-scroller": { fontFamily: "ui-monospace, SFMono-Regular, Menlo, Consolas, monospace", lineHeight: "1.6", minHeight: "18rem" },
  ".cm-content": { caretColor: "currentColor", padding: "0.75rem 0" },
  ".cm-cursor, .cm-dropCursor": { borderLeftColor: "currentColor" },
  ".cm-gutters": { backgroundColor: "transparent", color: "var(--cm-muted)", borderRight: "1px solid var(--cm-border)" },
  ".cm-selectionBackground, &.cm-focused .cm-selectionBackground, ::selection": { backgroundColor: "var(--cm-selection) !important" },
});

/**
 * The page's Content-Security-Policy nonce (the studio is a signed-in area: proxy.ts), which Next
 * puts on its scripts. The attribute reads back empty once the page is parsed; the property keeps
 * the value. CodeMirror adds it to the <style> element it writes its theme into, which the policy
 * would otherwise refuse.
 */
function pageNonce(): string | undefined {
  return document.querySelector<HTMLScriptElement>("script[nonce]")?.nonce || undefined;
}

/**
 * CodeMirror 6 for MDX bodies. It is a labelled textbox; Tab is not bound (no indentWithTab), so
 * the keyboard can always leave it. `value` changes from outside (a restored
 * backup, the other editor's text) replace the document; typing reports through `onChange`.
 */
export const CodeEditor = forwardRef<
  CodeEditorHandle,
  { value: string; onChange: (value: string) => void; label: string; describedBy?: string; readOnly?: boolean }
>(function CodeEditor({ value, onChange, label, describedBy, readOnly = false }, ref) {
  const host = useRef<HTMLDivElement>(null);
  const view = useRef<EditorView | null>(null);
  const editable = useRef(new Compartment());
  const changed = useRef(onChange);
  changed.current = onChange;

  useEffect(() => {
    const nonce = pageNonce();
    const editor = new EditorView({
      parent: host.current!,
      state: EditorState.create({
        doc: value,
        extensions: [
          nonce ? EditorView.cspNonce.of(nonce) : [],
          minimalSetup,
          lineNumbers(),
          markdown(),
          syntaxHighlighting(highlight),
          EditorView.lineWrapping,
          theme,
          editable.current.of([EditorView.editable.of(!readOnly), EditorState.readOnly.of(readOnly)]),
          EditorView.contentAttributes.of({ "aria-label": label, ...(describedBy ? { "aria-describedby": describedBy } : {}) }),
          EditorView.updateListener.of((update) => {
            if (update.docChanged) changed.current(update.state.doc.toString());
          }),
        ],
      }),
    });
    view.current = editor;
    return () => {
      editor.destroy();
      view.current = null;
    };
    // The editor is created once; later prop changes are applied by the effects below.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  useEffect(() => {
    const editor = view.current;
    if (editor && editor.state.doc.toString() !== value) {
      editor.dispatch({ changes: { from: 0, to: editor.state.doc.length, insert: value } });
    }
  }, [value]);

  useEffect(() => {
    view.current?.dispatch({ effects: editable.current.reconfigure([EditorView.editable.of(!readOnly), EditorState.readOnly.of(readOnly)]) });
  }, [readOnly]);

  useImperativeHandle(ref, () => ({
    goTo(line, column) {
      const editor = view.current;
      if (!editor) return;
      const target = editor.state.doc.line(Math.min(Math.max(line, 1), editor.state.doc.lines));
      const pos = Math.min(target.from + Math.max((column ?? 1) - 1, 0), target.to);
      editor.dispatch({ selection: { anchor: pos }, scrollIntoView: true });
      editor.focus();
    },
  }));

  return (
    <div
      ref={host}
      className="rounded-md border border-ink-500 bg-white text-ink-900 [--cm-accent:var(--color-accord-700)] [--cm-border:var(--color-ink-200)] [--cm-muted:var(--color-ink-600)] [--cm-selection:var(--color-accord-100)] focus-within:outline focus-within:outline-3 focus-within:outline-offset-2 focus-within:outline-accord-600 dark:border-ink-400 dark:bg-ink-900 dark:text-ink-50 dark:[--cm-accent:var(--color-accord-300)] dark:[--cm-border:var(--color-ink-700)] dark:[--cm-muted:var(--color-ink-300)] dark:[--cm-selection:var(--color-accord-800)] dark:focus-within:outline-accord-300"
    />
  );
});
