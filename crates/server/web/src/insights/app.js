// The insights page: for one problem and level over a period, the sessions and decisions, the problem
// scores, what candidates fail, the time to a first passing submission, how each foundational question
// separates hires from no-hires, and how each interviewer's scores compare with the suggestions, with the
// sessions where they differ most one click away. Every table downloads as CSV.
import { html, useCallback, useEffect, useState } from "../shared/html.js";
import { request } from "../shared/request.js";
import { growthWord, LEVELS, levelWord, scoreWord } from "../shared/words.js";
import { createdText, loadToken } from "../start/model.js";
import { Bars, ScorePairs, ScoreStack } from "./charts.js";
import {
  bucketLabel,
  byName,
  count,
  decisionRows,
  failureRows,
  interviewerName,
  leanWords,
  mean,
  minutes,
  PERIODS,
  pct,
  periodStart,
  scoreRows,
  separationWords,
  signed,
  sliceQuery,
} from "./model.js";

/** `storage` holds the operator token the start page keeps. */
export function InsightsPage({ storage }) {
  const token = loadToken(storage);
  return html`
    <header class="page-header card start-header">
      <h1>screenjudge</h1>
      <span class="muted">Insights across sessions</span>
      <a id="to-sessions" class="header-link" href="/">Sessions</a>
    </header>
    ${token ? html`<${Insights} token=${token} />` : html`<p id="signed-out" class="card">Sign in on the <a href="/">start page</a> with the operator token first.</p>`}
  `;
}

function Insights({ token }) {
  const [problems, setProblems] = useState([]);
  const [choice, setChoice] = useState({ problem: "", level: "", period: "90" });
  const [figures, setFigures] = useState(null);
  const [error, setError] = useState("");
  const [loading, setLoading] = useState(false);

  useEffect(() => {
    request("/api/problems")
      .then((answer) => {
        setProblems(answer.problems);
        const first = answer.problems[0];
        if (first) setChoice((c) => ({ ...c, problem: c.problem || first.id, level: c.level || first.level }));
      })
      .catch((e) => setError(`The problems could not be loaded: ${e.message}`));
  }, []);

  const slice = choice.problem ? { problem: choice.problem, level: choice.level, from: periodStart(choice.period) } : null;
  const query = slice ? sliceQuery(slice) : "";
  useEffect(() => {
    if (!query) return;
    // An answer for a slice no longer chosen (the operator changed it meanwhile) is dropped.
    let current = true;
    setLoading(true);
    request(`/api/insights?${query}`, { token })
      .then((answer) => {
        if (!current) return;
        setFigures(answer);
        setError("");
      })
      .catch((e) => {
        if (!current) return;
        setError(e.status === 401 ? "The operator token is not accepted: sign in again on the start page." : `The insights could not be loaded: ${e.message}`);
      })
      .finally(() => current && setLoading(false));
    return () => {
      current = false;
    };
  }, [query, token]);

  const set = (field) => (e) => {
    const value = e.currentTarget.value;
    setChoice((c) => ({ ...c, [field]: value }));
  };
  return html`<main class="insights">
    <form id="slice" class="card slice" onSubmit=${(e) => e.preventDefault()}>
      <label for="slice-problem">Problem</label>
      <select id="slice-problem" value=${choice.problem} onChange=${set("problem")}>
        ${problems.map((p) => html`<option key=${p.id} value=${p.id}>${p.title}</option>`)}
      </select>
      <label for="slice-level">Level</label>
      <select id="slice-level" value=${choice.level} onChange=${set("level")}>
        ${LEVELS.map((l) => html`<option key=${l} value=${l}>${levelWord(l)}</option>`)}
      </select>
      <label for="slice-period">Period</label>
      <select id="slice-period" value=${choice.period} onChange=${set("period")}>
        ${PERIODS.map(([id, words]) => html`<option key=${id} value=${id}>${words}</option>`)}
      </select>
      ${loading && html`<span class="muted" role="status">Loading…</span>`}
      ${figures?.demo && html`<span id="demo-badge" class="badge pending" title="This database holds generated history, not real sessions">Generated demo history</span>`}
    </form>
    ${error && html`<p id="insights-error" class="card bad" role="alert">${error}</p>`}
    ${figures && html`<${Figures} figures=${figures} token=${token} query=${query} />`}
  </main>`;
}

function Figures({ figures, token, query }) {
  const failures = failureRows(figures);
  const hires = figures.decisions.filter((d) => d.value === "hire" || d.value === "strong_hire").reduce((a, d) => a + d.sessions, 0);
  const decided = figures.decisions.filter((d) => d.value !== "incomplete").reduce((a, d) => a + d.sessions, 0);
  const who = `${levelWord(figures.level)} sessions on ${figures.problem_title}`;
  if (!figures.sessions) return html`<p id="no-data" class="card muted">No ${who} in this period.</p>`;
  return html`
    <section id="key-figures" class="key-figures" aria-label="Key figures">
      <${Tile} id="tile-sessions" figure=${figures.sessions.toLocaleString("en-US")} words=${`${who}; ${figures.graded.toLocaleString("en-US")} with a graded submission`} />
      <${Tile} id="tile-hires" figure=${pct(decided ? hires / decided : null)} words=${`hire or strong hire, of ${count(decided)} with a decision`} />
      <${Tile} id="tile-optimal" figure=${pct(figures.optimal.share)} words=${`reach the optimal time growth, ${growthWord(figures.optimal_class)}, of the ${count(figures.graded)} graded`} />
      <${Tile} id="tile-pass-time" figure=${minutes(figures.pass_times.median_minutes)} words=${`median from first draft to first passing submission (${count(figures.pass_times.sessions)})`} />
    </section>
    <div class="insights-grid">
      <${Panel} id="decisions" title="Decisions" note="recorded by the interviewer, else what the scores give" table="decisions" token=${token} query=${query}>
        <${Bars} id="decision-chart" rows=${decisionRows(figures)} />
      <//>
      <${Panel} id="scores" title="Problem scores" note="the latest submission's suggested score, and the interviewer's" table="scores" token=${token} query=${query}>
        <${ScorePairs} rows=${scoreRows(figures)} />
      <//>
      <${Panel} id="failures" title="What candidates fail" note=${`share of the ${count(figures.graded)} graded, by their latest submission`} table="failures" token=${token} query=${query}>
        <h3>Hidden-test categories</h3>
        <${Bars} id="category-chart" rows=${failures.categories} empty="No hidden-test category failed." />
        <h3>Causes</h3>
        <${Bars} id="cause-chart" rows=${failures.causes} empty="No failures." />
      <//>
      <${Panel}
        id="pass-times"
        title="Time to a first passing submission"
        note=${`from the first saved draft, for the ${count(figures.pass_times.sessions)} whose code passed every hidden test`}
        table="pass-times"
        token=${token}
        query=${query}
      >
        <${Bars}
          id="pass-chart"
          rows=${figures.pass_times.buckets.map((b) => ({ key: b.from_minutes, label: bucketLabel(b), value: b.sessions, share: figures.pass_times.sessions ? b.sessions / figures.pass_times.sessions : 0 }))}
          empty="No submission passed every hidden test in this period."
        />
      <//>
    </div>
    <${Panel} id="questions" title="Foundational questions" note="how often each is asked, its scores, and whether hires score higher than no-hires on it" table="questions" token=${token} query=${query} legend=${true}>
      <${Questions} questions=${figures.questions} />
    <//>
    <${Agreement} figures=${figures} token=${token} query=${query} />
  `;
}

function Tile({ id, figure, words }) {
  return html`<div id=${id} class="card tile"><span class="tile-figure">${figure}</span><span class="tile-words">${words}</span></div>`;
}

/** Starts a CSV download of one table (the export needs the operator token, so it is fetched). */
async function downloadCsv(token, table, query) {
  const response = await fetch(`/api/insights/export/${table}?${query}`, { headers: { authorization: `Bearer ${token}` } });
  if (!response.ok) throw new Error(`the export failed (${response.status})`);
  const url = URL.createObjectURL(await response.blob());
  const link = document.createElement("a");
  link.href = url;
  link.download = `insights-${table}.csv`;
  link.click();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

function Panel({ id, title, note, table, token, query, legend = false, children }) {
  const [failed, setFailed] = useState("");
  const download = () =>
    downloadCsv(token, table, query)
      .then(() => setFailed(""))
      .catch((e) => setFailed(e.message));
  return html`<section id=${id} class="card panel" aria-labelledby=${`${id}-title`}>
    <div class="panel-head">
      <h2 id=${`${id}-title`}>${title}</h2>
      <button type="button" class="secondary small csv" data-table=${table} onClick=${download}>Download CSV</button>
    </div>
    ${note && html`<p class="panel-note muted">${note}</p>`}
    ${legend && html`<p class="panel-note muted score-legend">${[1, 2, 3, 4].map((s) => html`<span key=${s}><span class=${`swatch score-${s}`}></span>${scoreWord(s)} </span>`)}</p>`}
    ${failed && html`<p class="bad" role="alert">${failed}</p>`}
    ${children}
  </section>`;
}

function Questions({ questions }) {
  if (!questions.length) return html`<p class="muted">No foundational question was scored in this period.</p>`;
  return html`<table id="question-table" class="insight-table">
    <thead>
      <tr><th scope="col">Question</th><th scope="col">Asked</th><th scope="col">Scores 1 to 4</th><th scope="col">Hires' mean</th><th scope="col">No-hires' mean</th><th scope="col">Hire outscores no-hire</th></tr>
    </thead>
    <tbody>
      ${questions.map((q) => {
        const [words, kind] = separationWords(q);
        return html`<tr key=${q.question} class="question-row" data-question=${q.question}>
          <td class="question-text">${q.text ?? q.question}</td>
          <td class="asked"><strong>${pct(q.asked_share)}</strong> <span class="muted">${count(q.asked)}</span></td>
          <td class="score-stack"><${ScoreStack} scores=${q.scores} label=${q.text ?? q.question} /></td>
          <td class="hire-mean">${mean(q.hire_mean)}</td>
          <td class="no-hire-mean">${mean(q.no_hire_mean)}</td>
          <td class=${`separation ${kind}`}>${q.separation === null ? "" : html`<strong>${pct(q.separation)}</strong> `}${words}</td>
        </tr>`;
      })}
    </tbody>
  </table>
  <p class="muted table-note">"Hire outscores no-hire": how often a candidate who was hired scored above one who was not (ties count half); 50% tells them apart no better than a coin. A question nearly everyone scores 4 on tells the team nothing.</p>`;
}

function Agreement({ figures, token, query }) {
  const [who, setWho] = useState(null);
  const [cases, setCases] = useState({ list: figures.cases, more: figures.more_cases, next: figures.cases.length });
  const [error, setError] = useState("");
  useEffect(() => {
    setWho(null);
    setCases({ list: figures.cases, more: figures.more_cases, next: figures.cases.length });
  }, [figures]);
  const load = useCallback(
    async (name, offset) => {
      const by = name === null ? "" : `&interviewer=${encodeURIComponent(name)}`;
      try {
        const page = await request(`/api/insights/cases?${query}${by}&offset=${offset}`, { token });
        setCases((shown) => ({ list: offset ? shown.list.concat(page.cases) : page.cases, more: page.has_more, next: page.next_offset }));
        setError("");
      } catch (e) {
        setError(`The sessions could not be loaded: ${e.message}`);
      }
    },
    [query, token],
  );
  const pick = (name) => {
    setWho(name);
    load(name, 0);
  };
  return html`<${Panel} id="agreement" title="Interviewer agreement" note="each interviewer's problem score against the grader's suggestion, over sessions with both" table="interviewers" token=${token} query=${query}>
    <table id="interviewer-table" class="insight-table">
      <thead>
        <tr><th scope="col">Interviewer</th><th scope="col">Sessions with both scores</th><th scope="col">Same score</th><th scope="col">Scored higher</th><th scope="col">Scored lower</th><th scope="col">On average</th><th scope="col"><span class="visually-hidden">Sessions</span></th></tr>
      </thead>
      <tbody>
        ${byName(figures.interviewers).map(
          (i) => html`<tr key=${i.interviewer} class=${`interviewer-row${who === i.interviewer ? " picked" : ""}`} data-interviewer=${i.interviewer}>
            <td>${interviewerName(i.interviewer)}</td>
            <td>${i.compared.toLocaleString("en-US")} <span class="muted">of ${i.sessions.toLocaleString("en-US")}</span></td>
            <td class="agreement-share">${pct(i.agreement)}</td>
            <td>${i.above.toLocaleString("en-US")}</td>
            <td>${i.below.toLocaleString("en-US")}</td>
            <td class="lean">${leanWords(i)}</td>
            <td><button type="button" class="secondary small show-cases" disabled=${!i.compared} onClick=${() => pick(i.interviewer)}>Sessions that differ most</button></td>
          </tr>`,
        )}
      </tbody>
    </table>
    <div class="panel-head cases-head">
      <h3 id="cases-title">Sessions where the interviewer's score differs most from the suggestion${who === null ? "" : `: ${interviewerName(who)}`}</h3>
      <span class="head-buttons">
        ${who !== null && html`<button id="all-cases" type="button" class="secondary small" onClick=${() => pick(null)}>All interviewers</button>`}
        <${CsvButton} token=${token} query=${query} />
      </span>
    </div>
    ${error && html`<p class="bad" role="alert">${error}</p>`}
    <${Cases} cases=${cases.list} />
    ${cases.more && html`<button id="more-cases" type="button" class="secondary small" onClick=${() => load(who, cases.next)}>Show more</button>`}
  <//>`;
}

function CsvButton({ token, query }) {
  return html`<button type="button" class="secondary small csv" data-table="cases" onClick=${() => downloadCsv(token, "cases", query).catch(() => {})}>Download CSV</button>`;
}

function Cases({ cases }) {
  if (!cases.length) return html`<p id="no-cases" class="muted">No session has both a suggested and an interviewer's score.</p>`;
  return html`<table id="case-table" class="insight-table">
    <thead>
      <tr><th scope="col">Candidate</th><th scope="col">Interviewer</th><th scope="col">Suggested</th><th scope="col">Scored</th><th scope="col">Difference</th><th scope="col">Created</th><th scope="col"><span class="visually-hidden">Open</span></th></tr>
    </thead>
    <tbody>
      ${cases.map(
        (c) => html`<tr key=${c.session_id} class="case-row" data-session=${c.session_id}>
          <td>${c.candidate_name}</td>
          <td>${interviewerName(c.interviewer)}</td>
          <td>${c.suggested}</td>
          <td>${c.final_score}</td>
          <td class="difference">${signed(c.difference)}</td>
          <td class="muted">${createdText(c.created_at)}</td>
          <td><a class="open-case" href=${c.interviewer_link} target="_blank" rel="noopener">Open the session</a></td>
        </tr>`,
      )}
    </tbody>
  </table>`;
}
