// The interviewer's page: the header and timer; the problem, live code, the timeline, the scratch runner and
// submissions; the report; the score sheet; and what only the printed report shows.
import { html, useReducer } from "../shared/html.js";
import { LiveCode, ProblemPanel } from "./code.js";
import { costlyLines } from "./costly.js";
import { FeedbackDraft } from "./feedback.js";
import { Header } from "./header.js";
import { useLive } from "./live.js";
import { initialState, latestGraded, overlayChoices, overlaySubmission, previousSubmission, reduce, selectedSubmission, timelineKey } from "./model.js";
import { PrintView } from "./print-view.js";
import { ReportPanel } from "./report.js";
import { Scratch } from "./scratch.js";
import { Sheet } from "./sheet.js";
import { useStanding } from "./standing.js";
import { SubmissionsPanel } from "./submissions.js";
import { Timeline } from "./timeline.js";

/** `api` builds the session's API paths; `view` and `bank` are the first GETs of the session and the question bank. */
export function InterviewerPage({ api, token, view, bank }) {
  const [state, dispatch] = useReducer(reduce, null, () => initialState(view, bank));
  const { connection, status, edit } = useLive(api, state.sheet, dispatch);
  const { session, problem } = state.view;
  const selected = selectedSubmission(state);
  const latest = latestGraded(state);
  const standing = useStanding(api, latest?.id);
  return html`
    <a class="skip-link" href="#sheet">Skip to the score sheet</a>
    <${Header} session=${session} problem=${problem} connection=${connection} token=${token} />
    <main class="layout">
      <div class="column column-left">
        <${ProblemPanel} problem=${problem} />
        <${LiveCode} draft=${state.draft} previous=${state.previousDraft} saved=${state.draftsSaved} costly=${costlyLines(latest?.report)} />
        <${Timeline} api=${api} tick=${timelineKey(state)} draft=${state.draft} starter=${problem.starter} token=${token} />
        <${Scratch} api=${api} problem=${problem} />
        <${SubmissionsPanel} submissions=${state.submissions} selected=${selected} previous=${selected && previousSubmission(state, selected)}
          following=${state.selectedId === null} onSelect=${(id) => dispatch({ type: "select", id })} />
      </div>
      <div class="column column-right">
        <${ReportPanel} submission=${selected} optimal=${state.view.optimal} standing=${selected && selected.id === latest?.id ? standing : null}
          compare=${{ choices: overlayChoices(state, selected), overlay: overlaySubmission(state, selected), onPick: (id) => dispatch({ type: "overlay", id }) }} />
      </div>
      <div class="column column-sheet">
        <${Sheet} level=${session.level} sheet=${state.sheet} bank=${state.bank} computed=${state.computed} graded=${latestGraded(state)}
          status=${status} api=${api} onEdit=${edit} />
        <${FeedbackDraft} api=${api} version=${`${status?.at ?? ""}/${latestGraded(state)?.id ?? ""}`} sheet=${state.sheet} bank=${state.bank} />
      </div>
      <${PrintView} submissions=${state.submissions} optimal=${state.view.optimal} session=${session} />
    </main>
  `;
}
