// The problem statement panel and the candidate's live code, whose changed lines light up for a moment.

import { lineMarks, pythonViewer } from "../shared/code.js";
import { fmtWhen, plural } from "../shared/format.js";
import { html, useEffect, useRef } from "../shared/html.js";
import { changedLines, lineCount } from "./changes.js";
import { linesIn } from "./costly.js";

// Two classes in turn, so a line changed by two drafts in a row lights up again.
const marks = [lineMarks("cm-changed-line"), lineMarks("cm-changed-line-again")];
// Where the latest graded submission's work grows, found again in the draft by its text.
const costlyMark = lineMarks("cm-costly-line");

export function ProblemPanel({ problem }) {
  const hidden = (problem.hidden_tests || []).map((t) => `${t.category} ${t.count}`).join(", ");
  return html`<details id="problem" class="card problem">
    <summary>Problem: ${problem.title}</summary>
    ${problem.signature && html`<pre class="signature">${problem.signature}</pre>`}
    <div class="statement" dangerouslySetInnerHTML=${{ __html: problem.statement_html || "" }}></div>
    ${hidden && html`<p class="muted">Hidden tests: ${hidden}</p>`}
  </details>`;
}

/** `draft` is the latest draft (or null), `previous` the one before it, `saved` how many were saved in all;
 * `costly` the latest graded submission's costly lines (see `costly.js`). */
export function LiveCode({ draft, previous, saved, costly = [] }) {
  const parent = useRef(null);
  const view = useRef(null);
  useEffect(() => {
    const fields = [...marks, costlyMark].map((m) => m.field);
    view.current = pythonViewer({ doc: draft?.source ?? "", parent: parent.current, extensions: fields });
    return () => view.current.destroy();
  }, []);
  useEffect(() => {
    const editor = view.current;
    const source = draft?.source ?? "";
    if (source === editor.state.doc.toString()) return;
    const lines = previous ? changedLines(previous.source, source) : [];
    const mark = marks[(draft?.id ?? 0) % 2];
    editor.dispatch({ changes: { from: 0, to: editor.state.doc.length, insert: source } });
    editor.dispatch({ effects: mark.set.of(lines) });
  }, [draft?.id, draft?.saved_at]);
  const costlyKey = costly.map((c) => `${c.line}:${c.text}`).join("|");
  useEffect(() => {
    const editor = view.current;
    editor.dispatch({ effects: costlyMark.set.of(linesIn(editor.state.doc.toString(), costly)) });
  }, [draft?.id, draft?.saved_at, costlyKey]);
  const meta = draft
    ? `${plural(lineCount(draft.source), "line")} · saved ${fmtWhen(draft.saved_at)} · ${plural(saved, "draft")} saved`
    : "The candidate has not typed anything yet.";
  return html`<section id="code-panel" class="card" aria-labelledby="code-title">
    <h2 id="code-title">Live code</h2>
    <p id="draft-meta" class="muted">${meta}</p>
    <div id="live-code" class="code-view" ref=${parent} aria-label="The candidate's latest draft"></div>
  </section>`;
}
