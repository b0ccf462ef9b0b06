// The candidate's Python editor: saves itself as the candidate types, and shows the line an error points at.

import { EditorView } from "@codemirror/view";
import { createAutosave, flushOnLeave } from "../shared/autosave.js";
import { lineMarks, pythonEditor, revealLine } from "../shared/code.js";
import { html, useEffect, useRef } from "../shared/html.js";

const errorLine = lineMarks("cm-error-line");

/**
 * `draft` is the saved draft (or null), `starter` the code to begin with; `saveDraft(source, options)`
 * sends one; `onSaveState` hears the autosave; `onChange` hears every edit (the code as it now reads);
 * `line` ({ at }) marks and reveals a line; `editorRef` receives `{ source() }`.
 */
export function Editor({ draft, starter, saveDraft, onSaveState, onChange, line, editorRef }) {
  const parent = useRef(null);
  const view = useRef(null);
  useEffect(() => {
    const autosave = createAutosave({ save: saveDraft, onState: onSaveState, saved: draft ?? undefined, delayMs: 700, retryMs: 5000 });
    const changed = EditorView.updateListener.of((update) => {
      if (!update.docChanged) return;
      const source = update.state.doc.toString();
      autosave.changed(source);
      onChange?.(source);
    });
    view.current = pythonEditor({ doc: draft ?? starter, parent: parent.current, extensions: [errorLine.field, changed] });
    editorRef.current = { source: () => view.current.state.doc.toString() };
    flushOnLeave(autosave.flush);
    return () => view.current.destroy();
  }, []);
  useEffect(() => {
    if (!view.current || !line) return;
    view.current.dispatch({ effects: errorLine.set.of(line.at ? [line.at] : []) });
    if (line.at) revealLine(view.current, line.at);
  }, [line]);
  return html`<div id="editor" class="editor" ref=${parent}></div>`;
}
