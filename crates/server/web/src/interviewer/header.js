// The page header: candidate, level, problem, the live connection and the call timer.
import { html } from "../shared/html.js";
import { Connection } from "../shared/ui.js";
import { levelWord } from "../shared/words.js";
import { Timer } from "./timer.js";

export function Header({ session, problem, connection, token }) {
  return html`<header class="page-header card">
    <div class="identity">
      <h1 id="candidate-name">${session.candidate_name}</h1>
      <p class="muted"><span id="session-level" class="badge">${levelWord(session.level)}</span> <span id="problem-title">${problem.title}</span></p>
    </div>
    <${Connection} state=${connection.state} message=${connection.message} />
    <${Timer} token=${token} />
  </header>`;
}
