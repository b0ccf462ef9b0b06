// The start page: the operator signs in with the operator token (kept in this browser), creates sessions
// and copies their two links, and sees every session with its status and decision.
import { CopyButton } from "../shared/copy-button.js";
import { html, useCallback, useEffect, useState } from "../shared/html.js";
import { request } from "../shared/request.js";
import { LEVELS, levelWord, stageKind, stageWord, verdictKind, verdictWord } from "../shared/words.js";
import { checkNewSession, createdText, decisionText, forgetToken, loadToken, saveToken, signInMessage, withOlder } from "./model.js";

const REFRESH_MS = 15_000;

/** `storage` keeps the operator token (the browser's localStorage). */
export function StartPage({ storage }) {
  const [token, setToken] = useState(() => loadToken(storage));
  const [notice, setNotice] = useState("");
  const signIn = (t) => {
    saveToken(storage, t);
    setNotice("");
    setToken(t);
  };
  const signOut = useCallback(
    (message = "") => {
      forgetToken(storage);
      setNotice(message);
      setToken("");
    },
    [storage],
  );
  const expired = useCallback(() => signOut("The operator token is no longer accepted. Sign in again."), [signOut]);
  return html`
    <header class="page-header card start-header">
      <h1>screenjudge</h1>
      <span class="muted">Python phone screens</span>
      ${token && html`<a id="to-insights" class="header-link" href="/insights">Insights across sessions</a>`}
      ${token && html`<button id="sign-out" type="button" class="secondary sign-out" onClick=${() => signOut()}>Sign out</button>`}
    </header>
    ${token ? html`<${Sessions} token=${token} onExpired=${expired} />` : html`<${SignIn} notice=${notice} onSignedIn=${signIn} />`}
  `;
}

function SignIn({ notice, onSignedIn }) {
  const [token, setToken] = useState("");
  const [error, setError] = useState(notice);
  const [busy, setBusy] = useState(false);
  const submit = async (event) => {
    event.preventDefault();
    const given = token.trim();
    if (!given) return setError("Paste the operator token first.");
    setBusy(true);
    try {
      await request("/api/sessions?limit=1", { token: given });
      onSignedIn(given);
    } catch (e) {
      setError(signInMessage(e));
      setBusy(false);
    }
  };
  return html`<main class="sign-in-wrap">
    <form id="sign-in-form" class="card sign-in" onSubmit=${submit} aria-labelledby="sign-in-title">
      <h2 id="sign-in-title">Sign in</h2>
      <p class="muted">Sign in with the operator token to create sessions and see them all. The service printed it once when it first started; it is kept in this browser until you sign out.</p>
      <label for="operator-token">Operator token</label>
      <input id="operator-token" type="password" autocomplete="current-password" spellcheck="false" value=${token} onInput=${(e) => setToken(e.currentTarget.value)} />
      ${error && html`<p id="sign-in-error" class="bad" role="alert">${error}</p>`}
      <button id="sign-in" type="submit" disabled=${busy}>${busy ? "Signing in…" : "Sign in"}</button>
    </form>
  </main>`;
}

function Sessions({ token, onExpired }) {
  const [list, setList] = useState(null);
  const [more, setMore] = useState({ has: false, before: null });
  const [problems, setProblems] = useState([]);
  const [created, setCreated] = useState(null);
  const [error, setError] = useState("");

  const failed = useCallback(
    (e) => {
      if (e.status === 401) onExpired();
      else setError(`The sessions could not be loaded: ${e.message}`);
    },
    [onExpired],
  );
  const reload = useCallback(
    async (keep = 0) => {
      try {
        const page = await request(`/api/sessions?limit=${Math.min(200, Math.max(50, keep))}`, { token });
        setList(page.sessions);
        setMore({ has: page.has_more, before: page.next_before });
        setError("");
      } catch (e) {
        failed(e);
      }
    },
    [token, failed],
  );
  const older = async () => {
    try {
      const page = await request(`/api/sessions?before=${more.before}`, { token });
      setList((shown) => withOlder(shown, page.sessions));
      setMore({ has: page.has_more, before: page.next_before });
    } catch (e) {
      failed(e);
    }
  };

  useEffect(() => {
    reload();
  }, [reload]);
  useEffect(() => {
    request("/api/problems")
      .then((answer) => setProblems(answer.problems))
      .catch((e) => setError(`The problems could not be loaded: ${e.message}`));
  }, []);
  const shown = list?.length ?? 0;
  useEffect(() => {
    const timer = setInterval(() => document.visibilityState === "visible" && reload(shown), REFRESH_MS);
    return () => clearInterval(timer);
  }, [reload, shown]);

  const onCreated = (answer) => {
    setCreated(answer);
    reload(shown + 1);
  };
  return html`<main class="start-layout">
    <${NewSession} token=${token} problems=${problems} onCreated=${onCreated} onExpired=${onExpired} />
    <div class="start-main">
      ${created && html`<${Created} created=${created} />`}
      <section id="session-list" class="card session-list" aria-labelledby="sessions-title">
      <div class="panel-head">
        <h2 id="sessions-title">Sessions</h2>
        <button id="refresh" type="button" class="secondary" onClick=${() => reload(shown)}>Refresh</button>
      </div>
      ${error && html`<p id="list-error" class="bad" role="alert">${error}</p>`}
      ${list === null ? html`<p class="muted">Loading…</p>` : html`<${SessionTable} sessions=${list} />`}
      ${more.has && html`<button id="older" type="button" class="secondary" onClick=${older}>Show older sessions</button>`}
      </section>
    </div>
  </main>`;
}

function NewSession({ token, problems, onCreated, onExpired }) {
  const [form, setForm] = useState({ name: "", level: "mid", problem: "", interviewer: "" });
  const [error, setError] = useState("");
  const [busy, setBusy] = useState(false);
  const problem = form.problem || problems[0]?.id || "";
  const set = (field) => (e) => setForm({ ...form, [field]: e.currentTarget.value });
  const submit = async (event) => {
    event.preventDefault();
    const wrong = checkNewSession({ ...form, problem });
    if (wrong) return setError(wrong);
    setBusy(true);
    try {
      const answer = await request("/api/sessions", {
        method: "POST",
        token,
        body: { candidate_name: form.name.trim(), level: form.level, problem, interviewer_name: form.interviewer.trim() || null },
      });
      onCreated({ ...answer, candidate_name: form.name.trim() });
      setForm({ ...form, name: "" });
      setError("");
    } catch (e) {
      if (e.status === 401) onExpired();
      else setError(`The session was not created: ${e.message}`);
    } finally {
      setBusy(false);
    }
  };
  return html`<form id="new-session" class="card new-session" onSubmit=${submit} aria-labelledby="new-session-title">
    <h2 id="new-session-title">New session</h2>
    <label for="new-name">Candidate's name</label>
    <input id="new-name" type="text" autocomplete="off" value=${form.name} onInput=${set("name")} />
    <label for="new-level">Level</label>
    <select id="new-level" value=${form.level} onChange=${set("level")}>
      ${LEVELS.map((level) => html`<option key=${level} value=${level}>${levelWord(level)}</option>`)}
    </select>
    <fieldset id="new-problem" class="problem-choice">
      <legend>Problem</legend>
      ${problems.map(
        (p) => html`<label key=${p.id} class="problem-option">
          <input type="radio" name="new-problem" value=${p.id} checked=${p.id === problem} onChange=${set("problem")} />
          <span>${p.title} <span class="muted">(${levelWord(p.level)})</span></span>
        </label>`,
      )}
    </fieldset>
    <label for="new-interviewer">Interviewer <span class="muted">(optional)</span></label>
    <input id="new-interviewer" type="text" autocomplete="name" value=${form.interviewer} onInput=${set("interviewer")} />
    ${error && html`<p id="create-error" class="bad" role="alert">${error}</p>`}
    <button id="create" type="submit" disabled=${busy || problems.length === 0}>${busy ? "Creating…" : "Create session"}</button>
  </form>`;
}

/** The links of the session just created, in full, each with a copy button. */
function Created({ created }) {
  return html`<section id="created" class="card created" aria-labelledby="created-title">
    <h2 id="created-title">New session for ${created.candidate_name}: its two links</h2>
    <${LinkField} id="created-candidate" label="Candidate's link: send it to the candidate" url=${created.candidate_url} />
    <${LinkField} id="created-interviewer" label="Your link as interviewer: keep it to yourself" url=${created.interviewer_url} open=${true} />
  </section>`;
}

function LinkField({ id, label, url, open }) {
  return html`<div class="link-field">
    <span class="link-label">${label}</span>
    <div class="link-line">
      <code id=${`${id}-link`} class="link-text">${url}</code>
      <${CopyButton} id=${`${id}-copy`} text=${url} label="Copy link" />
      ${open && html`<a id=${`${id}-open`} class="button-link" href=${url} target="_blank" rel="noopener">Open</a>`}
    </div>
  </div>`;
}

function SessionTable({ sessions }) {
  if (sessions.length === 0) return html`<p id="no-sessions" class="muted">No sessions yet: create the first one with the form.</p>`;
  return html`<table id="sessions">
    <thead>
      <tr><th>Candidate</th><th>Level</th><th>Problem</th><th>Status and result</th><th>Decision</th><th>Created</th><th>Links</th></tr>
    </thead>
    <tbody>
      ${sessions.map((s) => html`<${SessionRow} key=${s.id} session=${s} />`)}
    </tbody>
  </table>`;
}

/** The latest graded submission: its verdict and hidden tests passed. */
function Result({ result }) {
  return html`<span class=${verdictKind(result.verdict)}>${verdictWord(result.verdict)}</span> <span class="muted">${result.passed}/${result.total}</span>`;
}

function SessionRow({ session }) {
  const [decision, decided] = decisionText(session);
  return html`<tr id=${`session-${session.id}`} class="session-row">
    <td class="candidate">${session.candidate_name}</td>
    <td>${levelWord(session.level)}</td>
    <td>${session.problem_title}</td>
    <td>
      <span class=${`badge stage ${stageKind(session.stage)}`}>${stageWord(session.stage)}</span>
      ${session.result && html`<div class="result-line"><${Result} result=${session.result} /></div>`}
    </td>
    <td class=${`decision-cell ${decided}`}>${decision}</td>
    <td class="created-at">${createdText(session.created_at)}</td>
    <td class="links">
      <${CopyButton} text=${session.links.candidate_url} label="Copy candidate link" className="secondary small copy-candidate" />
      <${CopyButton} text=${session.links.interviewer_url} label="Copy interviewer link" className="secondary small copy-interviewer" />
      <a class="open-interviewer" href=${session.links.interviewer_url} target="_blank" rel="noopener">Open</a>
    </td>
  </tr>`;
}
