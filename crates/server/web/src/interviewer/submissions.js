// The submissions list (each graded one keyed on its suggested score) and the changes of the selected submission since the one before it.

import { unifiedMergeView } from "@codemirror/merge";
import { lineMarks, pythonViewer } from "../shared/code.js";
import { fmtWhen, plural, subNo } from "../shared/format.js";
import { html, useEffect, useRef } from "../shared/html.js";
import { scoreClass, scoreWord, statusKind, statusLine, verdictWord } from "../shared/words.js";
import { lineCount, lineCounts } from "./changes.js";
import { costlyLines } from "./costly.js";

// Where the submission's work grows (see `costly.js`).
const costlyMark = lineMarks("cm-costly-line");

/** `selected` is the submission the report shows; `following` is true while the page follows the latest. */
export function SubmissionsPanel({ submissions, selected, previous, following, onSelect }) {
  const newestFirst = submissions.slice().reverse();
  return html`<section id="submissions-panel" class="card" aria-labelledby="submissions-title">
    <div class="panel-head">
      <h2 id="submissions-title">Submissions</h2>
      ${!following && html`<button id="follow-latest" type="button" class="secondary" onClick=${() => onSelect(null)}>Follow latest</button>`}
    </div>
    <ol id="submissions" class="submissions">
      ${newestFirst.map((sub) => html`<li key=${sub.id}><${SubmissionButton} sub=${sub} selected=${sub.id === selected?.id} onSelect=${onSelect} /></li>`)}
      ${submissions.length === 0 && html`<li class="muted empty">No submissions yet.</li>`}
    </ol>
    <${Changes} sub=${selected} previous=${previous} />
  </section>`;
}

/** The suggested score of a graded submission, the one thing its row is coloured by. */
const suggested = (report) => report?.summary?.score ?? report?.score?.suggested ?? null;

function SubmissionButton({ sub, selected, onSelect }) {
  const score = suggested(sub.report);
  const graded = sub.report && score !== null;
  return html`<button type="button" class=${`submission ${graded ? scoreClass(score) : ""}`} data-id=${sub.id} aria-pressed=${String(selected)}
    onClick=${() => onSelect(sub.id)}>
    <span class="submission-id">${subNo(sub)}</span>
    ${
      graded
        ? html`<span class=${`badge score-badge-small ${scoreClass(score)}`}>${scoreWord(score)}</span>`
        : html`<span class=${`badge status ${statusKind(sub.status)}`}>${statusLine(sub)}</span>`
    }
    ${sub.report && html`<span class="submission-verdict muted">${verdictWord(sub.report.verdict)}</span>`}
    ${sub.report?.tests && html`<span class="muted">${sub.report.tests.passed}/${sub.report.tests.total}</span>`}
    <span class="submission-time muted">${fmtWhen(sub.created_at)}</span>
  </button>`;
}

function Changes({ sub, previous }) {
  if (!sub) {
    return html`<h3 id="diff-title">Changes</h3><p class="muted">Nothing submitted yet.</p>`;
  }
  const { added, removed } = lineCounts(previous?.source ?? "", sub.source);
  const title = previous
    ? `Changes in ${subNo(sub)} since ${subNo(previous)} (+${added} −${removed})`
    : `${subNo(sub)}: first submission (${plural(lineCount(sub.source), "line")})`;
  return html`<h3 id="diff-title">${title}</h3>
    <${Diff} key=${`${sub.id}:${previous?.id}:${costlyLines(sub.report).length}`} before=${previous?.source} after=${sub.source}
      costly=${costlyLines(sub.report).map((c) => c.line)} />`;
}

/** The submission's code with the previous one's lines that it removed or changed shown above, in red; the first one's code as it is;
 * the lines where its work grows marked. */
function Diff({ before, after, costly }) {
  const parent = useRef(null);
  useEffect(() => {
    const merge =
      before === undefined ? [] : unifiedMergeView({ original: before, mergeControls: false, gutter: true, collapseUnchanged: { margin: 3, minSize: 8 } });
    const view = pythonViewer({ doc: after, parent: parent.current, extensions: [merge, costlyMark.field] });
    view.dispatch({ effects: costlyMark.set.of(costly) });
    return () => view.destroy();
  }, []);
  return html`<div id="submission-diff" class="code-view diff" ref=${parent} aria-labelledby="diff-title"></div>`;
}
