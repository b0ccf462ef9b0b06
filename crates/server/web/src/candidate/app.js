// The candidate's page: the problem, the editor with Run (visible examples) and Submit (hidden tests),
// their results right under the buttons (marked when the code has changed since), and the live connection
// that says when it drops.

import { connectEvents } from "../shared/events.js";
import { html, useCallback, useEffect, useRef, useState } from "../shared/html.js";
import { request } from "../shared/request.js";
import { Connection, SaveStatus } from "../shared/ui.js";
import { categoryWord, isBusy, levelWord } from "../shared/words.js";
import { Editor } from "./editor.js";
import { Categories, Examples, Submission } from "./results.js";
import { watchSignals } from "./signals.js";
import { TryInput } from "./try.js";

/** `api` builds the session's API paths; `data` is its first GET. */
export function CandidatePage({ api, data }) {
  const { problem, session } = data;
  const editor = useRef(null);
  const [submissions, setSubmissions] = useState(data.submissions);
  const [result, setResult] = useState(null);
  const [line, setLine] = useState(null);
  const [progress, setProgress] = useState("");
  const [running, setRunning] = useState(null);
  const [saveState, setSaveState] = useState(null);
  const [connection, setConnection] = useState("connecting");
  // The code in the editor now, to tell a result of this code from one of an earlier version.
  const [current, setCurrent] = useState(data.draft ?? problem.starter);

  const latest = submissions[submissions.length - 1] ?? null;
  const refresh = useCallback(() => {
    request(api("/submissions"))
      .then((list) => setSubmissions(list.submissions))
      .catch(() => {});
  }, [api]);
  useEffect(() => connectEvents(api("/events"), { onOpen: refresh, onMessage: refresh, onState: setConnection }), [api]);
  useEffect(() => {
    const send = (report) => request(api("/signals"), { method: "POST", body: report, keepalive: true }).catch(() => {});
    return watchSignals({ editor: document.getElementById("editor"), send });
  }, [api]);
  useEffect(() => {
    const error = latest?.result?.load_error;
    if (error) setLine({ at: error.line });
  }, [latest?.id, latest?.status]);

  const saveDraft = useCallback((source, { keepalive }) => request(api("/draft"), { method: "PUT", body: { source }, keepalive }), [api]);
  const act = (name, action) => async () => {
    setRunning(name);
    try {
      await action(editor.current.source());
    } catch (error) {
      setProgress(error.message);
    } finally {
      setRunning(null);
    }
  };
  const run = act("run", async (source) => {
    setProgress("running examples…");
    const outcome = await request(api("/run"), { method: "POST", body: { source } });
    setResult({ ...outcome, source });
    setLine({ at: outcome.load_error?.line ?? outcome.examples.find((e) => e.line)?.line ?? null });
    setProgress("");
  });
  const submit = act("submit", async (source) => {
    const accepted = await request(api("/submissions"), { method: "POST", body: { source } });
    setSubmissions((list) => [...list.filter((s) => s.id !== accepted.id), { ...accepted, status: "queued", source }]);
    setProgress("");
  });
  const evaluating = submissions.some((s) => isBusy(s.status));
  const counts = problem.hidden_tests.map((h) => `${h.count} ${categoryWord(h.category)}`).join(", ");
  const changedSince = (source) => source != null && source !== current;

  return html`
    <header class="page-header">
      <h1>${problem.title}</h1>
      <span class="muted">${session.candidate_name} · ${levelWord(session.level)}</span>
      <${Connection} state=${connection} />
    </header>
    <main class="layout">
      <div class="card" id="statement">
        <div class="statement" dangerouslySetInnerHTML=${{ __html: problem.statement_html }}></div>
        <p class="muted">Hidden tests: ${counts}.</p>
        <p id="signals-note" class="muted">Your interviewer sees your Runs, and is told when several lines are pasted at once or this page is left for more than a few seconds.</p>
      </div>
      <div>
        <div class="card">
          <${Editor} draft=${data.draft} starter=${problem.starter} saveDraft=${saveDraft} onSaveState=${setSaveState} onChange=${setCurrent} line=${line} editorRef=${editor} />
          <div class="toolbar">
            <button id="run" type="button" disabled=${running !== null} onClick=${run}>Run examples</button>
            <button id="submit" type="button" class="secondary" disabled=${running !== null} onClick=${submit}>Submit</button>
            <span id="progress" class="muted">${progress || (evaluating ? "evaluating…" : "")}</span>
            <${SaveStatus} id="save-status" status=${saveState} />
          </div>
          <div id="outcomes" class="outcomes" aria-live="polite">
            <div id="submission"><${Submission} submission=${latest} stale=${changedSince(latest?.source)} /></div>
            <div id="results"><${Examples} result=${result} stale=${changedSince(result?.source)} /></div>
          </div>
        </div>
        <${TryInput} api=${api} problem=${problem} source=${() => editor.current.source()} />
        <section class="card" aria-labelledby="categories-title">
          <h2 id="categories-title">Hidden tests by category</h2>
          <div id="categories"><${Categories} submission=${latest} /></div>
        </section>
      </div>
    </main>
  `;
}
