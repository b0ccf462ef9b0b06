// CodeMirror for Python, as both pages use it: an editor or a read-only view, and marked lines (an error
// line, the lines just changed) kept as editor state.

import { python } from "@codemirror/lang-python";
import { EditorState, StateEffect, StateField } from "@codemirror/state";
import { Decoration, EditorView, lineNumbers } from "@codemirror/view";
import { basicSetup, minimalSetup } from "codemirror";

/** Lines marked with `className`: set with `markLines.of([lineNumbers])`, cleared by any other edit. */
export function lineMarks(className) {
  const set = StateEffect.define();
  const field = StateField.define({
    create: () => Decoration.none,
    update(marks, tr) {
      for (const effect of tr.effects) {
        if (!effect.is(set)) continue;
        const doc = tr.state.doc;
        const lines = [...new Set(effect.value.filter((n) => n >= 1).map((n) => Math.min(n, doc.lines)))].sort((a, b) => a - b);
        return Decoration.set(lines.map((n) => Decoration.line({ class: className }).range(doc.line(n).from)));
      }
      return tr.docChanged ? Decoration.none : marks;
    },
    provide: (f) => EditorView.decorations.from(f),
  });
  return { field, set };
}

/** An editor for the candidate: the full setup. */
export function pythonEditor({ doc, parent, extensions = [] }) {
  return new EditorView({ doc, parent, extensions: [basicSetup, python(), extensions] });
}

/** A view nobody types in: highlighted, numbered, selectable. */
export function pythonViewer({ doc, parent, extensions = [] }) {
  const readOnly = [EditorState.readOnly.of(true), EditorView.editable.of(false)];
  return new EditorView({ doc, parent, extensions: [minimalSetup, lineNumbers(), python(), readOnly, extensions] });
}

/** Moves the cursor to a line and scrolls it into view. */
export function revealLine(view, line) {
  const at = view.state.doc.line(Math.min(Math.max(1, line), view.state.doc.lines));
  view.dispatch({ selection: { anchor: at.from }, scrollIntoView: true });
}
