"use client";

import dynamic from "next/dynamic";

/**
 * The editor runs in the browser only: it opens with this browser's unsaved copy of the text when
 * there is one, which the server cannot know, and CodeMirror needs the DOM anyway.
 */
export const StudioEditorLoader = dynamic(() => import("./studio-editor").then((m) => m.StudioEditor), {
  ssr: false,
  loading: () => <p className="mt-8 text-muted">Loading the editor…</p>,
});
