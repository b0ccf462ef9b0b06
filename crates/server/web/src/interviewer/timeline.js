// The candidate's timeline: a scrubber over the whole call that replays the code from its saved versions,
// with a marker for each Run, Submit, paste and time away, and the list of them in time order. Fetched
// again whenever the live stream says something happened.
import { pythonViewer } from "../shared/code.js";
import { fmtClock, fmtSeconds, fmtWhen } from "../shared/format.js";
import { html, useEffect, useMemo, useRef, useState } from "../shared/html.js";
import { request } from "../shared/request.js";
import { TIMELINE_KINDS } from "../shared/words.js";
import { folded } from "./live.js";
import { codeAt, describe, markers, measuredLine, position, STEP_MS, span, withDraft } from "./timeline-model.js";
import { readCallStart } from "./timer.js";

/** `api` builds the session's API paths; `tick` changes whenever the live stream reports a change; `draft` is the
 * latest draft the stream sent. */
/** Where a moment sits on the call's clock: "12:34 on the call timer", or since the session began while the
 * timer has not been started (or was started after it). */
export function callClock(at, { callStart, start }) {
  if (callStart != null && at >= callStart) return `${fmtClock(at - callStart)} on the call timer`;
  return `${fmtClock(at - start)} into the session`;
}

export function Timeline({ api, tick, draft, starter = "", token = "" }) {
  const [data, setData] = useState(null);
  const [error, setError] = useState("");
  const [at, setAt] = useState(null);
  const fetchRef = useRef(null);
  fetchRef.current ??= folded(() =>
    request(api("/timeline"))
      .then((timeline) => {
        setData(timeline);
        setError("");
      })
      .catch((e) => setError(`timeline not updated: ${e.message}`)),
  );
  useEffect(() => {
    fetchRef.current();
  }, [tick]);
  useEffect(() => setData((timeline) => withDraft(timeline, draft)), [draft?.id, draft?.saved_at]);

  const list = useMemo(() => markers(data), [data]);
  const range = useMemo(() => span(data), [data]);
  const following = at === null;
  const moment = following ? range.end : at;
  const shown = codeAt(data?.drafts, moment);
  const coalesce = data?.playback?.coalesce_seconds ?? 5;
  const capped = data ? data.drafts.length >= data.playback.max_versions : false;
  const measured = measuredLine(data);
  const clock = { callStart: readCallStart(token), start: range.start };

  return html`<section id="timeline-panel" class="card" aria-labelledby="timeline-title">
    <div class="panel-head">
      <h2 id="timeline-title">Timeline</h2>
      ${!following && html`<button id="timeline-latest" type="button" class="secondary" onClick=${() => setAt(null)}>Back to now</button>`}
    </div>
    ${error && html`<p class="bad-text">${error}</p>`}
    ${measured && html`<p id="timeline-measured">Measured growth of each submission: ${measured}.</p>`}
    <div class="scrubber">
      <div class="scrubber-marks" aria-hidden="true">
        ${list.map(
          (m) => html`<button key=${m.key} type="button" tabindex="-1" class=${`mark mark-${m.kind}`} style=${markStyle(m, range)}
            title=${describe(m).title} onClick=${() => setAt(m.at)}></button>`,
        )}
      </div>
      <input id="timeline-scrubber" type="range" min=${range.start} max=${range.end} step=${STEP_MS} value=${moment}
        aria-label="Moment of the call to show" aria-valuetext=${callClock(moment, clock)}
        onInput=${(e) => setAt(Number(e.currentTarget.value))} />
      <div class="scrubber-ends muted"><span>${fmtWhen(range.start)}</span><span>${following ? "now" : fmtWhen(range.end)}</span></div>
    </div>
    <p class="legend muted">
      ${Object.entries(TIMELINE_KINDS).map(([kind, word]) => html`<span key=${kind} class=${`legend-item mark-${kind}`}>${word}</span>`)}
    </p>
    <${CodeAt} draft=${shown} moment=${moment} clock=${clock} following=${following} coalesce=${coalesce} capped=${capped} starter=${starter} />
    <ol id="timeline-events" class="timeline-events">
      ${list.map((m) => html`<${MarkerRow} key=${m.key} marker=${m} clock=${clock} picked=${!following && at === m.at} onPick=${() => setAt(m.at)} />`)}
      ${data && list.length === 0 && html`<li class="muted empty">No Runs, submissions, pastes or time away yet.</li>`}
    </ol>
  </section>`;
}

/** A marker's place on the scrubber; time away is a bar as long as the absence. */
function markStyle(marker, range) {
  const left = position(marker.at, range);
  if (marker.kind !== "focus_lost") return `left: ${left}%`;
  const width = position(marker.at + marker.seconds * 1000, range) - left;
  return `left: ${left}%; width: max(10px, ${width}%); margin-left: 0`;
}

function MarkerRow({ marker, clock, picked, onPick }) {
  const { title, detail, caveat, signal } = describe(marker);
  return html`<li class=${`timeline-event mark-${marker.kind}${signal ? " signal" : ""}`} data-kind=${marker.kind} aria-current=${picked ? "true" : undefined}>
    <button type="button" class="linklike" onClick=${onPick} title="Show the code at this moment">
      <span class="event-time">${fmtWhen(marker.at)}</span> <span class="muted" title=${callClock(marker.at, clock)}>(${callClock(marker.at, clock).split(" ")[0]})</span>
    </button>
    <span class="event-title">${title}</span>
    <span class="event-detail">${detail}</span>
    ${caveat && html`<span class="event-caveat muted">${caveat}</span>`}
  </li>`;
}

/** The code as saved at or before `moment`, read-only. */
function CodeAt({ draft, moment, clock, following, coalesce, capped, starter }) {
  const parent = useRef(null);
  const view = useRef(null);
  useEffect(() => {
    view.current = pythonViewer({ doc: draft?.source ?? starter, parent: parent.current });
    return () => view.current.destroy();
  }, []);
  useEffect(() => {
    const source = draft?.source ?? starter;
    if (view.current && source !== view.current.state.doc.toString()) {
      view.current.dispatch({ changes: { from: 0, to: view.current.state.doc.length, insert: source } });
    }
  }, [draft?.id, draft?.saved_at]);
  const when = following ? "now" : `at ${fmtWhen(moment)} (${callClock(moment, clock)})`;
  const saved = draft ? `the version saved at ${fmtWhen(draft.saved_at)}` : "the starter code (nothing typed yet)";
  return html`<div class="code-at">
    <p id="timeline-code-meta" class="muted">Code ${when}: ${saved}. Playback steps through saved versions; typing within ${fmtSeconds(coalesce)} of a save is kept as one version.${
      capped ? " The session has as many versions as are kept, so the last one holds everything typed since." : ""
    }</p>
    <div id="timeline-code" class="code-view" ref=${parent} aria-label="The candidate's code at the chosen moment"></div>
  </div>`;
}
