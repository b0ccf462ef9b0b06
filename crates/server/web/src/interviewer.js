// interviewer.js — the interviewer's page of screenjudge, served at /i/{token}.
//
// Shows the candidate's code as they type it, every submission with a diff against the one before and
// the grader's full report (tests, failing cases, measured complexity with plots, the rate limiter's
// analysis, the suggested score and follow-up questions), a call timer that follows the call plan, and
// the score sheet, which saves itself a moment after every change.
//
// Every piece of text that comes from the server is put on the page with textContent (never innerHTML),
// so nothing the candidate writes can turn into markup.

/* ------------------------------------------------------------------------------------------------ */
/* Constants                                                                                        */
/* ------------------------------------------------------------------------------------------------ */

const TOKEN = decodeURIComponent(location.pathname.split("/").filter(Boolean).pop() || "");

/** The call plan, in minutes from the start of the call. */
const CALL_PLAN = [
  { id: "opening", name: "opening", from: 0, to: 2 },
  { id: "foundations", name: "foundations", from: 2, to: 12 },
  { id: "problem", name: "problem", from: 12, to: 30 },
  { id: "experience", name: "experience", from: 30, to: 38 },
  { id: "close", name: "close", from: 38, to: 40 },
];

const SCORE_LABELS = { 1: "no hire", 2: "maybe", 3: "hire", 4: "strong hire" };

const DECISIONS = [
  ["strong_hire", "strong hire"],
  ["hire", "hire"],
  ["maybe", "maybe"],
  ["no_hire", "no hire"],
];

const DOMAINS = [
  { key: "coding", label: "Coding problem" },
  { key: "experience", label: "Real-world experience" },
  { key: "communication", label: "Communication" },
];

/** Time classes from cheapest to dearest, to compare a measured class with the optimal one. */
const CLASS_ORDER = ["O(1)", "O(log n)", "O(n)", "O(n log n)", "O(n^2)", "O(n^3)", "O(2^n)"];

const SAVE_DELAY_MS = 600;
const SAVE_RETRY_MS = 3000;
const RECONNECT_MS = 3000;
/** Above this many table cells the diff gives up on alignment and shows "all removed, all added". */
const MAX_DIFF_CELLS = 4000000;
/** Failing cases shown before the rest go into a collapsed list. */
const FAILURES_SHOWN = 6;

/* ------------------------------------------------------------------------------------------------ */
/* State                                                                                            */
/* ------------------------------------------------------------------------------------------------ */

const state = {
  view: null, // the last GET /api/i/{token}
  submissions: [], // sorted by id, oldest first
  draft: null, // { id, source, saved_at }
  draftsSaved: 0,
  bank: { questions: [], red_flags: [], green_flags: [] },
  sheet: null, // the sheet as edited here (normalised)
  computed: null,
  selectedId: null, // null: follow the latest finished submission
  renderedReportKey: "",
};

/* ------------------------------------------------------------------------------------------------ */
/* DOM helpers                                                                                      */
/* ------------------------------------------------------------------------------------------------ */

/**
 * Creates an HTML element. `props` keys: `class`, `text`, `on<event>` (functions), the DOM properties
 * `value`, `checked`, `selected`, `disabled`, `hidden`, `open`, `htmlFor`; anything else is an attribute.
 * Children may be nodes, strings (added as text), arrays, or null/false (skipped).
 */
function h(tag, props, ...children) {
  const node = document.createElement(tag);
  applyProps(node, props);
  appendChildren(node, children);
  return node;
}

const PROPERTY_KEYS = new Set(["value", "checked", "selected", "disabled", "hidden", "open", "htmlFor"]);

function applyProps(node, props) {
  for (const [key, value] of Object.entries(props || {})) {
    if (value === undefined || value === null || value === false) continue;
    if (key === "class") node.setAttribute("class", value);
    else if (key === "text") node.textContent = String(value);
    else if (key.startsWith("on") && typeof value === "function") node.addEventListener(key.slice(2), value);
    else if (PROPERTY_KEYS.has(key)) node[key] = value;
    else node.setAttribute(key, value === true ? "" : String(value));
  }
}

function appendChildren(node, children) {
  for (const child of children.flat(Infinity)) {
    if (child === null || child === undefined || child === false) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
}

const SVG_NS = "http://www.w3.org/2000/svg";

/** Creates an SVG element; every prop is an attribute except `class`/`text`. */
function s(tag, attrs, ...children) {
  const node = document.createElementNS(SVG_NS, tag);
  for (const [key, value] of Object.entries(attrs || {})) {
    if (value === undefined || value === null || value === false) continue;
    if (key === "text") node.textContent = String(value);
    else node.setAttribute(key, String(value));
  }
  appendChildren(node, children);
  return node;
}

function byId(id) {
  return document.getElementById(id);
}

/** A definition list from [term, description] pairs; descriptions may be nodes or text. */
function factList(pairs, props) {
  const list = h("dl", Object.assign({ class: "facts" }, props));
  for (const [term, description] of pairs) {
    if (description === null || description === undefined) continue;
    list.append(h("dt", null, term), h("dd", null, description));
  }
  return list;
}

function badge(text, kind) {
  return h("span", { class: kind ? `badge ${kind}` : "badge" }, text);
}

function section(id, title, ...children) {
  return h("section", { id, class: "report-section", "aria-labelledby": `${id}-title` }, h("h3", { id: `${id}-title` }, title), children);
}

/* ------------------------------------------------------------------------------------------------ */
/* Formatting                                                                                       */
/* ------------------------------------------------------------------------------------------------ */

function fmtInt(n) {
  return Number(n).toLocaleString("en-US", { maximumFractionDigits: 0 });
}

function fmtNumber(n, digits) {
  return Number(n).toLocaleString("en-US", { maximumFractionDigits: digits });
}

/** Elapsed milliseconds as mm:ss (minutes keep counting past 59). */
function fmtClock(ms) {
  const total = Math.max(0, Math.floor(ms / 1000));
  const minutes = Math.floor(total / 60);
  const seconds = total % 60;
  return `${String(minutes).padStart(2, "0")}:${String(seconds).padStart(2, "0")}`;
}

function fmtWhen(epochMs) {
  if (!epochMs) return "";
  return new Date(epochMs).toLocaleTimeString([], { hour: "2-digit", minute: "2-digit", second: "2-digit" });
}

function fmtSeconds(seconds) {
  if (!Number.isFinite(seconds)) return "forever";
  if (seconds < 0.001) return "under a millisecond";
  if (seconds < 1) return `${fmtNumber(seconds * 1000, 0)} ms`;
  if (seconds < 120) return `${fmtNumber(seconds, 1)} s`;
  if (seconds < 7200) return `${fmtNumber(seconds / 60, 0)} min`;
  if (seconds < 172800) return `${fmtNumber(seconds / 3600, 0)} hours`;
  return `${fmtNumber(seconds / 86400, 0)} days`;
}

const SI_PREFIXES = ["", "k", "M", "G", "T", "P", "E"];

/** 10^k as a short label: 1, 10, 100, 1k, 10k, …; with a unit: 1 B, 10 B, 100 B, 1 kB, …. */
function fmtPow10(k, unit) {
  if (k < 0) return unit ? `1e${k} ${unit}` : `1e${k}`;
  const group = Math.min(Math.floor(k / 3), SI_PREFIXES.length - 1);
  const mantissa = 10 ** (k - group * 3);
  return unit ? `${mantissa} ${SI_PREFIXES[group]}${unit}` : `${mantissa}${SI_PREFIXES[group]}`;
}

function scoreLabel(score) {
  return SCORE_LABELS[score] ? `${score} — ${SCORE_LABELS[score]}` : String(score);
}

/* ------------------------------------------------------------------------------------------------ */
/* API                                                                                              */
/* ------------------------------------------------------------------------------------------------ */

function api(suffix) {
  return `/api/i/${encodeURIComponent(TOKEN)}${suffix || ""}`;
}

/** fetch + JSON, throwing an Error with the server's message (and `.status`) on failure. */
async function request(url, options) {
  const opts = Object.assign({ method: "GET" }, options);
  const init = { method: opts.method, headers: { accept: "application/json" }, keepalive: Boolean(opts.keepalive) };
  if (opts.body !== undefined) {
    init.headers["content-type"] = "application/json";
    init.body = JSON.stringify(opts.body);
  }
  let response;
  try {
    response = await fetch(url, init);
  } catch (err) {
    const error = new Error("the server cannot be reached");
    error.status = 0;
    throw error;
  }
  const text = await response.text();
  let data = null;
  try {
    data = text ? JSON.parse(text) : null;
  } catch (err) {
    data = null;
  }
  if (!response.ok) {
    const message = (data && data.error && data.error.message) || `${response.status} ${response.statusText}`;
    const error = new Error(message);
    error.status = response.status;
    throw error;
  }
  return data;
}

/* ------------------------------------------------------------------------------------------------ */
/* Line diff (longest common subsequence)                                                           */
/* ------------------------------------------------------------------------------------------------ */

function splitLines(text) {
  if (!text) return [];
  const lines = text.replace(/\r\n?/g, "\n").split("\n");
  if (lines.length > 1 && lines[lines.length - 1] === "") lines.pop();
  return lines;
}

/**
 * The line diff turning `before` into `after`: a list of { op: " " | "-" | "+", line }.
 * The common head and tail are peeled off first so the quadratic part only sees the changed middle.
 */
function diffLines(before, after) {
  const a = splitLines(before);
  const b = splitLines(after);
  let start = 0;
  while (start < a.length && start < b.length && a[start] === b[start]) start++;
  let endA = a.length;
  let endB = b.length;
  while (endA > start && endB > start && a[endA - 1] === b[endB - 1]) {
    endA--;
    endB--;
  }
  const same = (line) => ({ op: " ", line });
  return [
    ...a.slice(0, start).map(same),
    ...diffMiddle(a.slice(start, endA), b.slice(start, endB)),
    ...a.slice(endA).map(same),
  ];
}

function diffMiddle(a, b) {
  const removed = (line) => ({ op: "-", line });
  const added = (line) => ({ op: "+", line });
  if (a.length * b.length > MAX_DIFF_CELLS) return [...a.map(removed), ...b.map(added)];
  const table = lcsTable(a, b);
  const width = b.length + 1;
  const ops = [];
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    if (a[i] === b[j]) {
      ops.push({ op: " ", line: a[i] });
      i++;
      j++;
    } else if (table[(i + 1) * width + j] >= table[i * width + j + 1]) {
      ops.push(removed(a[i]));
      i++;
    } else {
      ops.push(added(b[j]));
      j++;
    }
  }
  while (i < a.length) ops.push(removed(a[i++]));
  while (j < b.length) ops.push(added(b[j++]));
  return ops;
}

/** table[i * (b.length + 1) + j] = length of the LCS of a[i..] and b[j..]. */
function lcsTable(a, b) {
  const width = b.length + 1;
  const table = new Uint32Array((a.length + 1) * width);
  for (let i = a.length - 1; i >= 0; i--) {
    for (let j = b.length - 1; j >= 0; j--) {
      table[i * width + j] =
        a[i] === b[j] ? table[(i + 1) * width + j + 1] + 1 : Math.max(table[(i + 1) * width + j], table[i * width + j + 1]);
    }
  }
  return table;
}

/* ------------------------------------------------------------------------------------------------ */
/* Page skeleton                                                                                    */
/* ------------------------------------------------------------------------------------------------ */

function buildPage(view) {
  const app = byId("app");
  app.replaceChildren(
    h("a", { class: "skip-link", href: "#sheet" }, "Skip to the score sheet"),
    buildHeader(view),
    h(
      "main",
      { class: "layout" },
      h("div", { class: "column column-left" }, buildProblemPanel(view.problem), buildCodePanel(), buildSubmissionsPanel()),
      h("div", { class: "column column-right" }, buildReportPanel()),
      h("div", { class: "column column-sheet" }, buildSheet(view)),
    ),
  );
}

function showFatal(message) {
  byId("app").replaceChildren(
    h("div", { class: "card fatal", role: "alert" }, h("h1", null, "screenjudge"), h("p", { class: "bad" }, message)),
  );
}

/* ------------------------------------------------------------------------------------------------ */
/* Header and call timer                                                                            */
/* ------------------------------------------------------------------------------------------------ */

function buildHeader(view) {
  const { session, problem } = view;
  return h(
    "header",
    { class: "page-header card" },
    h(
      "div",
      { class: "identity" },
      h("h1", { id: "candidate-name" }, session.candidate_name),
      h(
        "p",
        { class: "muted" },
        h("span", { id: "session-level", class: "badge" }, session.level),
        " ",
        h("span", { id: "problem-title" }, problem.title),
      ),
    ),
    h("span", { id: "conn", class: "badge conn", role: "status", "aria-live": "polite" }, "connecting…"),
    buildTimer(),
  );
}

const timer = { accumulated: 0, startedAt: null };

function timerKey() {
  return `screenjudge:timer:${TOKEN}`;
}

function loadTimer() {
  try {
    const saved = JSON.parse(localStorage.getItem(timerKey()) || "null");
    if (saved && typeof saved.accumulated === "number") {
      timer.accumulated = saved.accumulated;
      timer.startedAt = typeof saved.startedAt === "number" ? saved.startedAt : null;
    }
  } catch (err) {
    // No storage (private mode): the timer simply starts from zero.
  }
}

function saveTimer() {
  try {
    localStorage.setItem(timerKey(), JSON.stringify(timer));
  } catch (err) {
    // Not fatal.
  }
}

function elapsedMs() {
  return timer.accumulated + (timer.startedAt === null ? 0 : Date.now() - timer.startedAt);
}

function toggleTimer() {
  if (timer.startedAt === null) {
    timer.startedAt = Date.now();
  } else {
    timer.accumulated += Date.now() - timer.startedAt;
    timer.startedAt = null;
  }
  saveTimer();
  renderTimer();
}

function resetTimer() {
  if (elapsedMs() > 0 && !window.confirm("Reset the call timer to 00:00?")) return;
  timer.accumulated = 0;
  timer.startedAt = null;
  saveTimer();
  renderTimer();
}

function planSectionAt(ms) {
  const minutes = ms / 60000;
  return CALL_PLAN.find((part) => minutes >= part.from && minutes < part.to) || null;
}

function buildTimer() {
  const plan = h("ol", { id: "call-plan", class: "call-plan", "aria-label": "Call plan" });
  for (const part of CALL_PLAN) {
    plan.append(
      h(
        "li",
        { "data-section": part.id },
        h("span", { class: "plan-name" }, part.name),
        " ",
        h("span", { class: "plan-span muted" }, `${part.from}–${part.to}`),
      ),
    );
  }
  return h(
    "div",
    { id: "timer", class: "timer", role: "group", "aria-label": "Call timer" },
    h(
      "div",
      { class: "timer-controls" },
      h("button", { id: "timer-toggle", type: "button", onclick: toggleTimer }, "Start"),
      h("span", { id: "timer-elapsed", class: "timer-elapsed", role: "timer" }, "00:00"),
      h("button", { id: "timer-reset", type: "button", class: "secondary", onclick: resetTimer }, "Reset"),
      h("span", { id: "timer-section", class: "timer-section" }, "not started"),
    ),
    plan,
  );
}

function renderTimer() {
  const ms = elapsedMs();
  const running = timer.startedAt !== null;
  byId("timer-elapsed").textContent = fmtClock(ms);
  const toggle = byId("timer-toggle");
  toggle.textContent = running ? "Pause" : ms > 0 ? "Resume" : "Start";
  toggle.setAttribute("aria-pressed", String(running));
  const current = ms > 0 || running ? planSectionAt(ms) : null;
  const overtime = ms >= CALL_PLAN[CALL_PLAN.length - 1].to * 60000;
  const label = byId("timer-section");
  label.textContent = current ? current.name : overtime ? "over time" : "not started";
  label.classList.toggle("bad", overtime);
  byId("timer").classList.toggle("running", running);
  for (const item of byId("call-plan").children) {
    const isCurrent = Boolean(current) && item.dataset.section === current.id;
    item.classList.toggle("current", isCurrent);
    if (isCurrent) item.setAttribute("aria-current", "step");
    else item.removeAttribute("aria-current");
  }
}

function setConnection(text, kind) {
  const conn = byId("conn");
  if (!conn) return;
  conn.textContent = text;
  conn.classList.toggle("ok", kind === "ok");
  conn.classList.toggle("bad", kind === "bad");
}

/* ------------------------------------------------------------------------------------------------ */
/* Problem and live code                                                                            */
/* ------------------------------------------------------------------------------------------------ */

function buildProblemPanel(problem) {
  const hidden = (problem.hidden_tests || []).map((t) => `${t.category} ${t.count}`).join(", ");
  return h(
    "details",
    { id: "problem", class: "card problem" },
    h("summary", null, "Problem: ", problem.title),
    problem.signature ? h("pre", { class: "signature" }, problem.signature) : null,
    h("div", { class: "statement" }, problem.statement || ""),
    hidden ? h("p", { class: "muted" }, `Hidden tests: ${hidden}`) : null,
  );
}

function buildCodePanel() {
  return h(
    "section",
    { id: "code-panel", class: "card", "aria-labelledby": "code-title" },
    h("h2", { id: "code-title" }, "Live code"),
    h("p", { id: "draft-meta", class: "muted" }, "The candidate has not typed anything yet."),
    h("pre", { id: "live-code", class: "code", tabindex: "0", "aria-label": "The candidate's latest draft" }),
  );
}

/** Fills a <pre> with one span per line (numbered by CSS); lines in `marked` get `markClass`. */
function fillCode(pre, lines, marked, markClass) {
  const parts = [];
  lines.forEach((line, index) => {
    if (index > 0) parts.push("\n");
    const cls = marked && marked.has(index) ? `line ${markClass}` : "line";
    parts.push(h("span", { class: cls }, line));
  });
  pre.replaceChildren(...parts);
}

/** Shows a draft; lines that changed since the previous draft are highlighted for a moment. */
function showDraft(draft, previousSource) {
  const pre = byId("live-code");
  const lines = splitLines(draft ? draft.source : "");
  let changed = null;
  if (previousSource !== null && previousSource !== undefined && draft) {
    changed = new Set();
    let index = 0;
    for (const step of diffLines(previousSource, draft.source)) {
      if (step.op === "-") continue;
      if (step.op === "+") changed.add(index);
      index++;
    }
  }
  fillCode(pre, lines, changed, "changed");
  renderDraftMeta();
}

function renderDraftMeta() {
  const meta = byId("draft-meta");
  if (!state.draft) {
    meta.textContent = "The candidate has not typed anything yet.";
    return;
  }
  const lines = splitLines(state.draft.source).length;
  meta.textContent = `${lines} lines · saved ${fmtWhen(state.draft.saved_at)} · ${fmtInt(state.draftsSaved)} drafts saved`;
}

function applyDraft(draft) {
  if (state.draft && draft.id <= state.draft.id) return;
  const previous = state.draft ? state.draft.source : null;
  state.draft = { id: draft.id, source: draft.source, saved_at: draft.saved_at };
  state.draftsSaved += 1;
  showDraft(state.draft, previous);
}

/* ------------------------------------------------------------------------------------------------ */
/* Submissions and diffs                                                                            */
/* ------------------------------------------------------------------------------------------------ */

function buildSubmissionsPanel() {
  return h(
    "section",
    { id: "submissions-panel", class: "card", "aria-labelledby": "submissions-title" },
    h(
      "div",
      { class: "panel-head" },
      h("h2", { id: "submissions-title" }, "Submissions"),
      h("button", { id: "follow-latest", type: "button", class: "secondary", hidden: true, onclick: followLatest }, "Follow latest"),
    ),
    h("ol", { id: "submissions", class: "submissions" }),
    h("h3", { id: "diff-title" }, "Changes"),
    h("pre", { id: "submission-diff", class: "diff", tabindex: "0", "aria-labelledby": "diff-title" }),
  );
}

function isFinished(sub) {
  return sub.status === "done" || sub.status === "failed";
}

function latestFinished() {
  for (let i = state.submissions.length - 1; i >= 0; i--) {
    if (isFinished(state.submissions[i])) return state.submissions[i];
  }
  return null;
}

function latestGraded() {
  for (let i = state.submissions.length - 1; i >= 0; i--) {
    const sub = state.submissions[i];
    if (sub.status === "done" && sub.report) return sub;
  }
  return null;
}

/** The submission the report shows: the one picked, else the latest finished, else the latest. */
function selectedSubmission() {
  if (state.selectedId !== null) {
    const picked = state.submissions.find((sub) => sub.id === state.selectedId);
    if (picked) return picked;
  }
  return latestFinished() || state.submissions[state.submissions.length - 1] || null;
}

function previousSubmission(sub) {
  const index = state.submissions.findIndex((other) => other.id === sub.id);
  return index > 0 ? state.submissions[index - 1] : null;
}

function selectSubmission(id) {
  state.selectedId = id;
  renderSubmissions();
  renderReport();
}

function followLatest() {
  state.selectedId = null;
  renderSubmissions();
  renderReport();
  const selected = document.querySelector("#submissions button[aria-pressed='true']");
  if (selected) selected.focus();
}

function statusKind(status) {
  if (status === "done") return "ok";
  if (status === "failed") return "bad";
  return "pending";
}

function submissionButton(sub, selected) {
  const verdict = sub.report ? sub.report.verdict : sub.status === "failed" ? "error" : "…";
  const verdictKind = sub.report ? (sub.report.verdict === "accepted" ? "ok" : "bad") : "muted";
  return h(
    "button",
    {
      type: "button",
      class: "submission",
      "data-id": sub.id,
      "aria-pressed": String(selected),
      onclick: () => selectSubmission(sub.id),
    },
    h("span", { class: "submission-id" }, `#${sub.id}`),
    " ",
    badge(sub.status, `status status-${sub.status} ${statusKind(sub.status)}`),
    " ",
    h("span", { class: `submission-verdict ${verdictKind}` }, verdict),
    sub.report && sub.report.tests ? h("span", { class: "muted" }, ` ${sub.report.tests.passed}/${sub.report.tests.total}`) : null,
    h("span", { class: "submission-time muted" }, fmtWhen(sub.created_at)),
  );
}

function renderSubmissions() {
  const list = byId("submissions");
  const focused = document.activeElement && document.activeElement.closest ? document.activeElement.closest("#submissions button") : null;
  const keepFocus = focused ? focused.dataset.id : null;
  const selected = selectedSubmission();
  const items = [];
  for (let i = state.submissions.length - 1; i >= 0; i--) {
    const sub = state.submissions[i];
    items.push(h("li", null, submissionButton(sub, Boolean(selected) && sub.id === selected.id)));
  }
  if (items.length === 0) items.push(h("li", { class: "muted empty" }, "No submissions yet."));
  list.replaceChildren(...items);
  if (keepFocus) {
    const again = list.querySelector(`button[data-id="${CSS.escape(keepFocus)}"]`);
    if (again) again.focus();
  }
  byId("follow-latest").hidden = state.selectedId === null;
  renderDiff(selected);
}

function renderDiff(sub) {
  const title = byId("diff-title");
  const pre = byId("submission-diff");
  if (!sub) {
    title.textContent = "Changes";
    pre.replaceChildren(h("span", { class: "muted" }, "Nothing submitted yet."));
    return;
  }
  const previous = previousSubmission(sub);
  const steps = diffLines(previous ? previous.source : "", sub.source);
  const added = steps.filter((step) => step.op === "+").length;
  const removed = steps.filter((step) => step.op === "-").length;
  title.textContent = previous
    ? `Changes in #${sub.id} since #${previous.id} (+${added} −${removed})`
    : `#${sub.id}: first submission (${added} lines)`;
  const parts = [];
  steps.forEach((step, index) => {
    if (index > 0) parts.push("\n");
    const cls = step.op === "+" ? "add" : step.op === "-" ? "del" : "same";
    parts.push(h("span", { class: `diff-line ${cls}` }, `${step.op} ${step.line}`));
  });
  if (parts.length === 0) parts.push(h("span", { class: "muted" }, "(empty source)"));
  pre.replaceChildren(...parts);
}

function setSubmissions(list) {
  state.submissions = (list || []).slice().sort((a, b) => a.id - b.id);
  renderSubmissions();
  renderReport();
  renderGraderSuggestion();
}

/* ------------------------------------------------------------------------------------------------ */
/* Report                                                                                           */
/* ------------------------------------------------------------------------------------------------ */

function buildReportPanel() {
  return h(
    "section",
    { id: "report-panel", class: "card", "aria-labelledby": "report-title" },
    h("div", { class: "panel-head" }, h("h2", { id: "report-title" }, "Report"), h("span", { id: "report-subject", class: "muted" })),
    h("div", { id: "report", "aria-live": "polite" }),
  );
}

/** Re-renders the report only when what it shows changed, so open sections and scroll survive updates. */
function renderReport() {
  const sub = selectedSubmission();
  const key = sub ? `${sub.id}:${sub.status}:${sub.report ? 1 : 0}` : "none";
  if (key === state.renderedReportKey) return;
  state.renderedReportKey = key;
  const container = byId("report");
  const subject = byId("report-subject");
  subject.textContent = sub ? `submission #${sub.id}${sub.finished_at ? `, finished ${fmtWhen(sub.finished_at)}` : ""}` : "";
  container.replaceChildren(...reportContent(sub));
}

function reportContent(sub) {
  if (!sub) return [h("p", { class: "muted" }, "No submissions yet. The report appears here when one is graded.")];
  if (sub.status === "queued" || sub.status === "running") {
    return [h("p", { class: "pending" }, `Submission #${sub.id} is ${sub.status}…`)];
  }
  if (sub.status === "failed") {
    return [h("p", { class: "bad" }, `Grading submission #${sub.id} failed: ${sub.error || "no reason given"}`)];
  }
  if (!sub.report) return [h("p", { class: "muted" }, `Submission #${sub.id} has no report.`)];
  const report = sub.report;
  const optimal = state.view ? state.view.optimal : null;
  return [
    verdictBlock(report),
    examplesBlock(report.examples),
    testsBlock(report.tests),
    failuresBlock(report.tests),
    findingsBlock(report.findings),
    report.complexity ? complexityBlock(report.complexity, optimal) : null,
    report.rate_limiter ? limiterBlock(report.rate_limiter) : null,
    scoreBlock(report.score),
    followUpsBlock(report.follow_ups),
  ].filter(Boolean);
}

function verdictBlock(report) {
  const accepted = report.verdict === "accepted";
  const tests = report.tests || { passed: 0, total: 0 };
  const load = report.load_error;
  const where = load ? [load.line ? `line ${load.line}` : null, load.column ? `column ${load.column}` : null].filter(Boolean).join(", ") : "";
  return h(
    "div",
    { class: "verdict-block" },
    h("p", { class: "verdict-line" }, h("span", { id: "verdict", class: `badge verdict ${accepted ? "ok" : "bad"}` }, report.verdict), " ", h("span", null, `${tests.passed} of ${tests.total} hidden tests passed`)),
    load ? h("p", { class: "bad load-error" }, `Does not load: ${load.message}${where ? ` (${where})` : ""}`) : null,
  );
}

function examplesBlock(examples) {
  if (!examples || examples.length === 0) return null;
  const list = h("ul", { class: "examples inline-list" });
  for (const example of examples) {
    list.append(h("li", { title: `${example.input} → ${example.actual}` }, badge(example.passed ? "ok" : "fail", example.passed ? "ok" : "bad"), " ", example.name));
  }
  return section("examples", "Visible examples", list);
}

function testsBlock(tests) {
  if (!tests) return null;
  const body = h("tbody");
  for (const c of tests.categories || []) {
    const allPassed = c.passed === c.total;
    body.append(
      h(
        "tr",
        null,
        h("th", { scope: "row" }, c.category),
        h("td", { class: allPassed ? "ok" : "bad" }, `${c.passed}/${c.total}`),
        h("td", null, h("meter", { min: "0", max: String(Math.max(1, c.total)), value: String(c.passed), "aria-label": `${c.category}: ${c.passed} of ${c.total}` })),
      ),
    );
  }
  const table = h("table", { class: "tests" }, h("thead", null, h("tr", null, h("th", { scope: "col" }, "category"), h("th", { scope: "col" }, "passed"), h("th", { scope: "col" }, h("span", { class: "visually-hidden" }, "share")))), body);
  return section("tests", `Hidden tests: ${tests.passed}/${tests.total}`, table);
}

function failureCard(failure) {
  const error = failure.error ? `${failure.error}${failure.line ? ` (line ${failure.line})` : ""}` : null;
  const value = (text) => h("pre", { class: "value" }, text);
  const pairs = failure.shrunk_input
    ? [
        ["fails on", value(failure.shrunk_input)],
        ["shrunk from", h("details", null, h("summary", null, "original input"), value(failure.input))],
      ]
    : [["input", value(failure.input)]];
  pairs.push(["expected", value(failure.expected)], ["actual", value(failure.actual)]);
  if (error) pairs.push(["error", h("pre", { class: "value bad" }, error)]);
  return h(
    "li",
    { class: "failure" },
    h("p", { class: "failure-head" }, h("span", { class: "muted" }, `[${failure.category}] `), h("strong", null, failure.name), " ", badge(failure.kind.replace(/_/g, " "), "bad")),
    h("p", { class: "failure-summary" }, failure.shrunk_input ? `fails on ${failure.shrunk_input}` : `input ${failure.input}`),
    factList(pairs),
  );
}

function failuresBlock(tests) {
  const failed = (tests && tests.failed) || [];
  if (failed.length === 0) return null;
  const shown = h("ol", { class: "failures" }, failed.slice(0, FAILURES_SHOWN).map(failureCard));
  const rest = failed.slice(FAILURES_SHOWN);
  const more = rest.length
    ? h("details", { class: "more-failures" }, h("summary", null, `${rest.length} more failing cases`), h("ol", { class: "failures", start: String(FAILURES_SHOWN + 1) }, rest.map(failureCard)))
    : null;
  return section("failures", `Failing cases (${failed.length})`, shown, more);
}

function findingsBlock(findings) {
  if (!findings || findings.length === 0) return null;
  return section("findings", "Findings", h("ul", { class: "findings" }, findings.map((text) => h("li", null, text))));
}

/* ---- complexity ---------------------------------------------------------------------------------- */

function classRank(cls) {
  return CLASS_ORDER.indexOf(cls);
}

/** "O(n^2) (optimal O(n))", marked bad when the measured class is dearer than the optimal one. */
function classAgainstOptimal(measured, optimal) {
  const rank = classRank(measured);
  const best = classRank(optimal || "");
  const kind = rank >= 0 && best >= 0 ? (rank <= best ? "ok" : "bad") : "";
  return h("span", null, h("strong", { class: kind }, measured), optimal ? h("span", { class: "muted" }, ` (optimal ${optimal})`) : null);
}

function extrapolationText(e) {
  const ratio = fmtNumber(e.ratio, 1);
  return `about ${ratio}x the reference at n = ${e.n}`;
}

function complexityBlock(c, optimal) {
  const ambiguous = c.ambiguous ? (c.runner_up ? `yes — cannot tell ${c.time} from ${c.runner_up}` : "yes") : "no";
  const shares = (c.term_shares || []).map(([term, share]) => `${term} ${Math.round(share * 100)}%`).join(", ");
  const facts = factList([
    ["time", classAgainstOptimal(c.time, optimal && optimal.time)],
    ["space", classAgainstOptimal(c.space, optimal && optimal.space)],
    ["confidence", `${Math.round((c.confidence || 0) * 100)}%`],
    ["runner-up", c.runner_up || "none"],
    ["ambiguous", h("span", { class: c.ambiguous ? "bad" : "" }, ambiguous)],
    shares ? ["cost terms at largest n", shares] : null,
    ["largest n measured", fmtInt(c.largest_n)],
  ].filter(Boolean));
  const notes = [];
  if (c.extrapolation) {
    const e = c.extrapolation;
    notes.push(
      h(
        "p",
        { id: "extrapolation", class: e.ratio > 3 ? "bad" : "" },
        h("strong", null, extrapolationText(e)),
        ` (≈ ${fmtSeconds(e.native_seconds)} in native CPython).`,
      ),
    );
  } else if (c.time === "O(2^n)") {
    notes.push(h("p", { id: "extrapolation", class: "bad" }, "Cannot finish at the statement's largest input: the cost doubles every few steps of n."));
  }
  if (c.stopped_at != null) {
    notes.push(h("p", { class: "bad" }, `A probe at n = ${c.stopped_at} used up the remaining budget: the cost there is at least the budget, so the growth is at least this steep.`));
  } else if (c.budget_exhausted) {
    notes.push(h("p", { class: "muted" }, `Probes stopped at n = ${c.largest_n} to stay within the fuel budget.`));
  }

  if (c.wrong_answers > 0) notes.push(h("p", { class: "bad" }, `${c.wrong_answers} probe answers were wrong (a fast wrong answer is not fast).`));
  return section(
    "complexity",
    "Complexity",
    facts,
    notes,
    h("div", { class: "plots" }, growthPlot(c), memoryPlot(c)),
    pointsTable(c.points),
  );
}

function pointsTable(points) {
  if (!points || points.length === 0) return null;
  const body = h("tbody");
  for (const p of points) {
    body.append(h("tr", null, h("td", null, fmtInt(p.n)), h("td", null, fmtInt(p.fuel)), h("td", null, fmtInt(p.memory)), h("td", null, p.family)));
  }
  const head = h("thead", null, h("tr", null, ["n", "fuel", "memory (bytes)", "worst family"].map((t) => h("th", { scope: "col" }, t))));
  return h("details", { class: "points" }, h("summary", null, `Measured points (${points.length})`), h("div", { class: "table-scroll" }, h("table", { class: "numbers" }, head, body)));
}

function growthPlot(c) {
  return logLogPlot({
    id: "growth-plot",
    title: "Fuel against n (log-log)",
    width: 460,
    height: 280,
    xLabel: "n",
    yLabel: "fuel",
    series: [
      {
        name: `submission, fitted ${c.time}`,
        kind: "candidate",
        pointClass: "point",
        points: (c.points || []).map((p) => ({ x: p.n, y: p.fuel, tip: `n = ${fmtInt(p.n)}: ${fmtInt(p.fuel)} fuel (${p.family})` })),
      },
      {
        name: "reference",
        kind: "reference",
        pointClass: "ref-point",
        points: (c.reference_points || []).map((p) => ({ x: p.n, y: p.fuel, tip: `reference, n = ${fmtInt(p.n)}: ${fmtInt(p.fuel)} fuel` })),
      },
    ],
  });
}

function memoryPlot(c) {
  return logLogPlot({
    id: "memory-plot",
    title: "Peak memory against n (log-log)",
    width: 300,
    height: 200,
    xLabel: "n",
    yLabel: "memory",
    yUnit: "B",
    series: [
      {
        name: `submission, ${c.space}`,
        kind: "candidate",
        pointClass: "point",
        points: (c.points || []).map((p) => ({ x: p.n, y: p.memory, tip: `n = ${fmtInt(p.n)}: ${fmtInt(p.memory)} bytes` })),
      },
      {
        name: "reference",
        kind: "reference",
        pointClass: "ref-point",
        points: (c.reference_points || []).map((p) => ({ x: p.n, y: p.memory, tip: `reference, n = ${fmtInt(p.n)}: ${fmtInt(p.memory)} bytes` })),
      },
    ],
  });
}

/** Power-of-ten range [lo, hi] (exponents) covering every value; values below 1 count as 1. */
function decadeRange(values) {
  const logs = values.map((v) => Math.log10(Math.max(1, v)));
  let lo = Math.floor(Math.min(...logs));
  let hi = Math.ceil(Math.max(...logs));
  if (hi <= lo) hi = lo + 1;
  return [lo, hi];
}

function decadeTicks(lo, hi) {
  const step = Math.max(1, Math.ceil((hi - lo) / 6));
  const ticks = [];
  for (let k = lo; k <= hi; k += step) ticks.push(k);
  return ticks;
}

/**
 * A log-log scatter plot with a polyline through each series, ticks at powers of ten and a legend.
 * `series`: [{ name, kind, pointClass, points: [{ x, y, tip }] }].
 */
function logLogPlot({ id, title, width, height, xLabel, yLabel, yUnit, series }) {
  const all = series.flatMap((one) => one.points);
  const titleId = `${id}-title`;
  const svg = s("svg", { id, class: "plot", viewBox: `0 0 ${width} ${height}`, role: "img", "aria-labelledby": titleId }, s("title", { id: titleId, text: title }));
  if (all.length === 0) {
    svg.append(s("text", { x: width / 2, y: height / 2, "text-anchor": "middle", class: "plot-empty", text: "no measurements" }));
    return svg;
  }
  const margin = { left: 52, right: 10, top: 10, bottom: 34 };
  const plotW = width - margin.left - margin.right;
  const plotH = height - margin.top - margin.bottom;
  const [xLo, xHi] = decadeRange(all.map((p) => p.x));
  const [yLo, yHi] = decadeRange(all.map((p) => p.y));
  const sx = (v) => margin.left + ((Math.log10(Math.max(1, v)) - xLo) / (xHi - xLo)) * plotW;
  const sy = (v) => margin.top + plotH - ((Math.log10(Math.max(1, v)) - yLo) / (yHi - yLo)) * plotH;
  svg.append(plotAxes({ margin, plotW, plotH, xLo, xHi, yLo, yHi, xLabel, yLabel, yUnit, width, height }));
  for (const one of series) svg.append(plotSeries(one, sx, sy));
  svg.append(plotLegend(series, margin));
  return svg;
}

function plotAxes({ margin, plotW, plotH, xLo, xHi, yLo, yHi, xLabel, yLabel, yUnit, height }) {
  const axes = s("g", { class: "axes" });
  const left = margin.left;
  const bottom = margin.top + plotH;
  for (const k of decadeTicks(xLo, xHi)) {
    const x = left + ((k - xLo) / (xHi - xLo)) * plotW;
    axes.append(
      s("line", { class: "grid", x1: x, x2: x, y1: margin.top, y2: bottom }),
      s("line", { class: "tick", x1: x, x2: x, y1: bottom, y2: bottom + 4 }),
      s("text", { class: "tick-label", x, y: bottom + 15, "text-anchor": "middle", text: fmtPow10(k) }),
    );
  }
  for (const k of decadeTicks(yLo, yHi)) {
    const y = margin.top + plotH - ((k - yLo) / (yHi - yLo)) * plotH;
    axes.append(
      s("line", { class: "grid", x1: left, x2: left + plotW, y1: y, y2: y }),
      s("line", { class: "tick", x1: left - 4, x2: left, y1: y, y2: y }),
      s("text", { class: "tick-label", x: left - 6, y: y + 3, "text-anchor": "end", text: fmtPow10(k, yUnit) }),
    );
  }
  axes.append(
    s("line", { class: "axis", x1: left, x2: left + plotW, y1: bottom, y2: bottom }),
    s("line", { class: "axis", x1: left, x2: left, y1: margin.top, y2: bottom }),
    s("text", { class: "axis-label", x: left + plotW / 2, y: height - 4, "text-anchor": "middle", text: xLabel }),
    s("text", { class: "axis-label", x: 12, y: margin.top + plotH / 2, "text-anchor": "middle", transform: `rotate(-90 12 ${margin.top + plotH / 2})`, text: yLabel }),
  );
  return axes;
}

function plotSeries(one, sx, sy) {
  const group = s("g", { class: `series series-${one.kind}` });
  if (one.points.length > 1) {
    const coords = one.points.map((p) => `${sx(p.x).toFixed(1)},${sy(p.y).toFixed(1)}`).join(" ");
    group.append(s("polyline", { class: `line line-${one.kind}`, points: coords, fill: "none" }));
  }
  for (const p of one.points) {
    group.append(s("circle", { class: one.pointClass, cx: sx(p.x).toFixed(1), cy: sy(p.y).toFixed(1), r: 3 }, s("title", { text: p.tip })));
  }
  return group;
}

function plotLegend(series, margin) {
  const legend = s("g", { class: "legend", transform: `translate(${margin.left + 8} ${margin.top + 6})` });
  series.forEach((one, index) => {
    const y = index * 15 + 6;
    legend.append(
      s("line", { class: `line line-${one.kind}`, x1: 0, x2: 16, y1: y, y2: y }),
      s("circle", { class: `legend-marker marker-${one.kind}`, cx: 8, cy: y, r: 3 }),
      s("text", { class: "legend-label", x: 22, y: y + 4, text: one.name }),
    );
  });
  return legend;
}

/* ---- rate limiter -------------------------------------------------------------------------------- */

function limiterBlock(r) {
  const cost = r.per_call_cost || {};
  const memory = r.memory_per_key;
  const offset = r.limit_offset ? ` (behaves as if the limit were ${r.limit_offset > 0 ? "+" : ""}${r.limit_offset} off)` : "";
  const facts = factList([
    ["algorithm", h("span", null, h("strong", null, r.algorithm), offset)],
    ["model agreement", `${fmtInt(r.decisions - r.divergences)} of ${fmtInt(r.decisions)} decisions match`],
    ["max in any window", h("span", { class: r.max_in_window_ratio > 1 ? "bad" : "ok" }, `${fmtNumber(r.max_in_window_ratio, 2)}× the limit`)],
    ["false rejections", h("span", { class: r.false_rejections > 0 ? "bad" : "ok" }, fmtInt(r.false_rejections))],
    ["per-call cost", h("span", { class: cost.class === "O(1)" ? "ok" : "bad" }, cost.class || "unknown")],
    ["fuel per call", `${fmtInt(cost.fuel_small_limit)} at limit 10, ${fmtInt(cost.fuel_large_limit)} at limit 5000`],
    ["native throughput", h("span", null, `≈ ${fmtInt(cost.native_requests_per_second)} requests/s per core; 1,000/s `, h("span", { class: cost.meets_1000_per_second ? "ok" : "bad" }, cost.meets_1000_per_second ? "met" : "not met comfortably"))],
    [
      "memory per key",
      memory
        ? h("span", null, `${fmtInt(memory.bytes_per_key)} bytes over ${fmtInt(memory.keys)} keys; `, h("span", { class: memory.idle_keys_released ? "ok" : "bad" }, memory.idle_keys_released ? "idle keys are released" : "idle keys are never released"))
        : "not measured",
    ],
  ]);
  return section("rate-limiter", "Rate limiter", facts, limiterPlot(cost), propertiesTable(r.properties), staticSignals(r.static_signals));
}

function propertiesTable(properties) {
  if (!properties || properties.length === 0) return null;
  const body = h("tbody");
  for (const p of properties) {
    body.append(
      h(
        "tr",
        { class: p.ok ? "prop-ok" : "prop-fail" },
        h("th", { scope: "row" }, p.name),
        h("td", null, badge(p.ok ? "ok" : "fail", p.ok ? "ok" : "bad")),
        h("td", null, p.counterexample ? h("span", { class: "counterexample" }, p.counterexample) : h("span", { class: "muted" }, "—")),
      ),
    );
  }
  const head = h("thead", null, h("tr", null, ["property", "result", "counterexample"].map((t) => h("th", { scope: "col" }, t))));
  return h("div", { class: "table-scroll" }, h("table", { id: "limiter-properties", class: "properties" }, head, body));
}

function staticSignals(signals) {
  if (!signals || signals.length === 0) return null;
  return h(
    "div",
    { class: "static-signals" },
    h("h4", null, "Read from the source"),
    h("ul", { id: "static-signals" }, signals.map((text) => h("li", null, badge("static", "static"), " ", text))),
  );
}

/** Bar chart of mean fuel per allow() call at limit 10 and limit 5000 (linear scale). */
function limiterPlot(cost) {
  const width = 300;
  const height = 170;
  const margin = { left: 12, right: 12, top: 22, bottom: 30 };
  const bars = [
    { label: "limit 10", value: Number(cost.fuel_small_limit) || 0, cls: "bar bar-small" },
    { label: "limit 5000", value: Number(cost.fuel_large_limit) || 0, cls: "bar bar-large" },
  ];
  const max = Math.max(1, ...bars.map((b) => b.value));
  const plotH = height - margin.top - margin.bottom;
  const slot = (width - margin.left - margin.right) / bars.length;
  const svg = s(
    "svg",
    { id: "limiter-plot", class: "plot", viewBox: `0 0 ${width} ${height}`, role: "img", "aria-labelledby": "limiter-plot-title" },
    s("title", { id: "limiter-plot-title", text: `Fuel per call: ${fmtInt(bars[0].value)} at limit 10, ${fmtInt(bars[1].value)} at limit 5000` }),
  );
  const baseline = margin.top + plotH;
  bars.forEach((bar, index) => {
    const barH = Math.max(1, (bar.value / max) * plotH);
    const x = margin.left + index * slot + slot * 0.2;
    const w = slot * 0.6;
    svg.append(
      s("rect", { class: bar.cls, x: x.toFixed(1), y: (baseline - barH).toFixed(1), width: w.toFixed(1), height: barH.toFixed(1) }),
      s("text", { class: "bar-value", x: (x + w / 2).toFixed(1), y: (baseline - barH - 5).toFixed(1), "text-anchor": "middle", text: `${fmtInt(bar.value)} fuel` }),
      s("text", { class: "tick-label", x: (x + w / 2).toFixed(1), y: baseline + 16, "text-anchor": "middle", text: bar.label }),
    );
  });
  svg.append(s("line", { class: "axis", x1: margin.left, x2: width - margin.right, y1: baseline, y2: baseline }));
  return svg;
}

/* ---- score and follow-ups ------------------------------------------------------------------------ */

function scoreBlock(score) {
  if (!score) return null;
  return section(
    "score",
    "Suggested coding score",
    h(
      "p",
      { class: "score-line" },
      h("span", { id: "suggested-score", class: `big-score score-${score.suggested}` }, String(score.suggested)),
      h("span", { class: "muted" }, ` / 4 — ${SCORE_LABELS[score.suggested] || ""}`),
    ),
    h("ul", { id: "score-reasons" }, (score.reasons || []).map((reason) => h("li", null, reason))),
  );
}

function followUpsBlock(followUps) {
  if (!followUps || followUps.length === 0) return null;
  return section("follow-ups-section", "Follow-up questions", h("ol", { id: "follow-ups" }, followUps.map((q) => h("li", null, q))));
}

/* ------------------------------------------------------------------------------------------------ */
/* Score sheet: model                                                                               */
/* ------------------------------------------------------------------------------------------------ */

function toScore(value) {
  const n = Number(value);
  return Number.isInteger(n) && n >= 1 && n <= 4 ? n : null;
}

function normalizeDomain(domain) {
  const d = domain || {};
  return { score: toScore(d.score), notes: typeof d.notes === "string" ? d.notes : "" };
}

/** The sheet with every field present and in a fixed order (so two sheets compare as strings). */
function normalizeSheet(sheet) {
  const raw = sheet || {};
  return {
    foundations: (raw.foundations || []).map((q) => ({ question: String(q.question), score: toScore(q.score), notes: q.notes || "" })),
    coding: normalizeDomain(raw.coding),
    experience: normalizeDomain(raw.experience),
    communication: normalizeDomain(raw.communication),
    red_flags: (raw.red_flags || []).slice(),
    green_flags: (raw.green_flags || []).slice(),
    final_decision: raw.final_decision || null,
    notes: raw.notes || "",
  };
}

function bankQuestion(id) {
  return state.bank.questions.find((q) => q.id === id) || null;
}

/* ------------------------------------------------------------------------------------------------ */
/* Score sheet: saving                                                                              */
/* ------------------------------------------------------------------------------------------------ */

const saver = { timer: null, inFlight: false, again: false, lastActivity: 0 };

function setSheetStatus(text, kind, detail) {
  const status = byId("sheet-status");
  if (!status) return;
  status.textContent = text;
  status.title = detail || "";
  status.classList.toggle("ok", kind === "ok");
  status.classList.toggle("bad", kind === "bad");
}

function sheetChanged() {
  setSheetStatus("saving…");
  clearTimeout(saver.timer);
  saver.timer = setTimeout(saveSheet, SAVE_DELAY_MS);
}

function savePending() {
  return saver.timer !== null || saver.inFlight;
}

async function saveSheet(options) {
  clearTimeout(saver.timer);
  saver.timer = null;
  if (saver.inFlight) {
    saver.again = true;
    return;
  }
  saver.inFlight = true;
  saver.lastActivity = Date.now();
  const body = normalizeSheet(state.sheet);
  try {
    const result = await request(api("/sheet"), { method: "PUT", body, keepalive: Boolean(options && options.keepalive) });
    state.computed = result.computed;
    renderComputed();
    if (!saver.again && saver.timer === null) setSheetStatus("saved", "ok", `saved at ${fmtWhen(Date.now())}`);
  } catch (err) {
    const retry = err.status === 0 || err.status >= 500 || err.status === 429;
    setSheetStatus(`not saved: ${err.message}${retry ? "; retrying…" : ""}`, "bad");
    if (retry && !saver.again) saver.timer = setTimeout(saveSheet, SAVE_RETRY_MS);
  } finally {
    saver.inFlight = false;
    saver.lastActivity = Date.now();
    if (saver.again) {
      saver.again = false;
      saveSheet();
    }
  }
}

/** Sends a pending change straight away when the page is being left. */
function flushSheet() {
  if (saver.timer !== null) saveSheet({ keepalive: true });
}

/* ------------------------------------------------------------------------------------------------ */
/* Score sheet: form                                                                                */
/* ------------------------------------------------------------------------------------------------ */

function scoreSelect(id, value, onChange, labelText) {
  const select = h("select", { id, onchange: (event) => onChange(toScore(event.target.value)), "aria-label": labelText });
  select.append(h("option", { value: "" }, "— not scored —"));
  for (const score of [1, 2, 3, 4]) select.append(h("option", { value: String(score), selected: value === score }, scoreLabel(score)));
  select.value = value ? String(value) : "";
  return select;
}

function notesArea(id, value, onInput, labelText, rows) {
  return h("textarea", { id, rows: String(rows || 2), "aria-label": labelText, value, oninput: (event) => onInput(event.target.value) });
}

function buildSheet(view) {
  const level = view.session.level;
  return h(
    "form",
    { id: "sheet", class: "card sheet", novalidate: true, "aria-labelledby": "sheet-title", onsubmit: (event) => event.preventDefault() },
    h("div", { class: "panel-head" }, h("h2", { id: "sheet-title" }, "Score sheet"), h("span", { id: "sheet-status", class: "sheet-status muted", role: "status", "aria-live": "polite" }, "")),
    h(
      "fieldset",
      { id: "foundations", class: "foundations" },
      h("legend", null, `Foundational questions (${level})`),
      h(
        "div",
        { class: "row picker-row" },
        h("label", { htmlFor: "question-picker" }, "Question bank"),
        h("select", { id: "question-picker" }),
        h("button", { id: "add-question", type: "button", onclick: addPickedQuestion }, "Add"),
      ),
      h(
        "div",
        { class: "row picker-row" },
        h("label", { htmlFor: "own-question" }, "Your own"),
        h("input", { id: "own-question", type: "text", placeholder: "a question of your own", onkeydown: onOwnQuestionKey }),
        h("button", { id: "add-own-question", type: "button", class: "secondary", onclick: addOwnQuestion }, "Add"),
      ),
      h("ol", { id: "foundations-list", class: "foundations-list" }),
      h("p", { id: "foundations-average", class: "muted" }),
    ),
    h("fieldset", { id: "domains", class: "domains" }, h("legend", null, "Domains"), DOMAINS.map(domainRow)),
    h("fieldset", { id: "flags", class: "flags" }, h("legend", null, "Flags"), h("div", { id: "flag-lists", class: "flag-lists" })),
    h(
      "div",
      { class: "decision" },
      h("p", { class: "computed" }, h("span", { class: "muted" }, "Computed: "), h("output", { id: "computed-decision", "aria-live": "polite" })),
      h(
        "div",
        { class: "row" },
        h("label", { htmlFor: "final-decision" }, "Final decision"),
        h("select", { id: "final-decision", onchange: onFinalDecision }, h("option", { value: "" }, "— not decided —"), DECISIONS.map(([value, label]) => h("option", { value }, label))),
      ),
      h("label", { htmlFor: "sheet-notes" }, "General notes"),
      h("textarea", { id: "sheet-notes", rows: "4", oninput: (event) => { state.sheet.notes = event.target.value; sheetChanged(); } }),
    ),
    h(
      "nav",
      { id: "exports", class: "exports", "aria-label": "Export" },
      h("span", { class: "muted" }, "Export: "),
      h("a", { class: "export", href: api("/export/json") }, "JSON"),
      " ",
      h("a", { class: "export", href: api("/export/csv") }, "CSV"),
      " ",
      h("a", { class: "export", href: api("/export/md") }, "Markdown"),
      " ",
      h("button", { id: "print", type: "button", class: "secondary", onclick: () => window.print() }, "Print / PDF"),
    ),
  );
}

function domainRow({ key, label }) {
  const scoreId = `sheet-${key}-score`;
  const notesId = `sheet-${key}-notes`;
  return h(
    "div",
    { class: `domain domain-${key}` },
    h(
      "div",
      { class: "row" },
      h("label", { htmlFor: scoreId, class: "domain-label" }, label),
      h("select", { id: scoreId, onchange: (event) => onDomainScore(key, event.target.value) }, h("option", { value: "" }, "— not scored —"), [1, 2, 3, 4].map((n) => h("option", { value: String(n) }, scoreLabel(n)))),
      key === "coding"
        ? h("span", { class: "grader-suggestion" }, h("span", { id: "grader-suggestion", class: "muted" }), " ", h("button", { id: "use-suggestion", type: "button", class: "secondary", hidden: true, onclick: useSuggestion }, "Use it"))
        : null,
    ),
    h("label", { htmlFor: notesId, class: "visually-hidden" }, `${label} notes`),
    h("textarea", { id: notesId, rows: "2", placeholder: `${label} notes`, oninput: (event) => { state.sheet[key].notes = event.target.value; sheetChanged(); } }),
  );
}

function onDomainScore(key, value) {
  state.sheet[key].score = toScore(value);
  sheetChanged();
}

function onFinalDecision(event) {
  state.sheet.final_decision = event.target.value || null;
  sheetChanged();
}

/** Puts the model's values into the sheet's fixed controls and rebuilds the lists. */
function renderSheet() {
  const sheet = state.sheet;
  for (const { key } of DOMAINS) {
    byId(`sheet-${key}-score`).value = sheet[key].score ? String(sheet[key].score) : "";
    byId(`sheet-${key}-notes`).value = sheet[key].notes;
  }
  byId("final-decision").value = sheet.final_decision || "";
  byId("sheet-notes").value = sheet.notes;
  renderPicker();
  renderFoundations();
  renderFlags();
  renderComputed();
  renderGraderSuggestion();
}

function renderPicker() {
  const picker = byId("question-picker");
  const previous = picker.value;
  const used = new Set(state.sheet.foundations.map((q) => q.question));
  const groups = new Map();
  for (const q of state.bank.questions) {
    if (!groups.has(q.topic)) groups.set(q.topic, []);
    groups.get(q.topic).push(q);
  }
  const options = [h("option", { value: "" }, state.bank.questions.length ? "Choose a question…" : "No questions for this level")];
  for (const [topic, questions] of groups) {
    const group = h("optgroup", { label: topic || "Other" });
    for (const q of questions) {
      const text = q.question.length > 90 ? `${q.question.slice(0, 88)}…` : q.question;
      group.append(h("option", { value: q.id, disabled: used.has(q.id), title: q.question }, used.has(q.id) ? `✓ ${text}` : text));
    }
    options.push(group);
  }
  picker.replaceChildren(...options);
  picker.value = previous && !used.has(previous) ? previous : "";
}

function addQuestion(id) {
  const question = id.trim();
  if (!question) return;
  if (state.sheet.foundations.some((q) => q.question === question)) return;
  state.sheet.foundations.push({ question, score: null, notes: "" });
  renderPicker();
  renderFoundations();
  sheetChanged();
  const index = state.sheet.foundations.length - 1;
  const score = byId(`foundation-${index}-score`);
  if (score) score.focus();
}

function addPickedQuestion() {
  const picker = byId("question-picker");
  if (!picker.value) {
    picker.focus();
    return;
  }
  addQuestion(picker.value);
}

function addOwnQuestion() {
  const input = byId("own-question");
  const text = input.value.trim();
  if (!text) {
    input.focus();
    return;
  }
  input.value = "";
  addQuestion(text);
}

function onOwnQuestionKey(event) {
  if (event.key === "Enter") {
    event.preventDefault();
    addOwnQuestion();
  }
}

function removeQuestion(entry) {
  state.sheet.foundations = state.sheet.foundations.filter((q) => q !== entry);
  renderPicker();
  renderFoundations();
  sheetChanged();
  byId("question-picker").focus();
}

function questionGuide(q) {
  return h(
    "details",
    { class: "guide" },
    h("summary", null, "What to listen for"),
    q.strong_answer && q.strong_answer.length ? h("div", null, h("h4", { class: "ok" }, "Strong answer"), h("ul", null, q.strong_answer.map((t) => h("li", null, t)))) : null,
    q.warning_signs && q.warning_signs.length ? h("div", null, h("h4", { class: "bad" }, "Warning signs"), h("ul", null, q.warning_signs.map((t) => h("li", null, t)))) : null,
    q.follow_up ? h("p", null, h("strong", null, "Follow-up: "), q.follow_up) : null,
  );
}

function foundationItem(entry, index) {
  const q = bankQuestion(entry.question);
  const scoreId = `foundation-${index}-score`;
  const notesId = `foundation-${index}-notes`;
  const text = q ? q.question : entry.question;
  return h(
    "li",
    { class: "question-item", "data-question": entry.question },
    h("p", { class: "question-text" }, q ? h("span", { class: "badge topic" }, q.topic) : h("span", { class: "badge topic" }, "own"), " ", text),
    q ? questionGuide(q) : null,
    h(
      "div",
      { class: "row" },
      h("label", { htmlFor: scoreId }, "Score"),
      scoreSelect(scoreId, entry.score, (score) => { entry.score = score; sheetChanged(); }),
      h("button", { type: "button", class: "secondary remove", "aria-label": `Remove question ${index + 1}`, onclick: () => removeQuestion(entry) }, "Remove"),
    ),
    h("label", { htmlFor: notesId, class: "visually-hidden" }, `Notes for question ${index + 1}`),
    notesArea(notesId, entry.notes, (notes) => { entry.notes = notes; sheetChanged(); }, null, 2),
  );
}

function renderFoundations() {
  const list = byId("foundations-list");
  const items = state.sheet.foundations.map(foundationItem);
  if (items.length === 0) items.push(h("li", { class: "muted empty" }, "No questions added yet."));
  list.replaceChildren(...items);
}

function flagList(kind, flags, ticked) {
  const list = h("ul", { class: `flag-list ${kind}-flags` });
  for (const flag of flags) {
    const id = `${kind}-flag-${flag.id}`;
    list.append(
      h(
        "li",
        null,
        h("input", { type: "checkbox", id, value: flag.id, checked: ticked.includes(flag.id), onchange: (event) => onFlag(kind, flags, flag.id, event.target.checked) }),
        " ",
        h("label", { htmlFor: id }, flag.text),
      ),
    );
  }
  return h("fieldset", { class: `flag-group ${kind}` }, h("legend", { class: kind === "red" ? "bad" : "ok" }, kind === "red" ? "Red flags" : "Green flags"), list);
}

function renderFlags() {
  byId("flag-lists").replaceChildren(
    flagList("red", state.bank.red_flags, state.sheet.red_flags),
    flagList("green", state.bank.green_flags, state.sheet.green_flags),
  );
}

/** Ticks or unticks a flag, keeping the bank's order. */
function onFlag(kind, flags, id, checked) {
  const field = kind === "red" ? "red_flags" : "green_flags";
  const ticked = new Set(state.sheet[field]);
  if (checked) ticked.add(id);
  else ticked.delete(id);
  const known = flags.map((f) => f.id).filter((f) => ticked.has(f));
  const unknown = [...ticked].filter((f) => !known.includes(f));
  state.sheet[field] = known.concat(unknown);
  sheetChanged();
}

function renderComputed() {
  const out = byId("computed-decision");
  if (!out) return;
  const computed = state.computed;
  if (!computed) {
    out.textContent = "";
    return;
  }
  out.replaceChildren(
    h("strong", { class: `decision decision-${computed.decision}` }, computed.decision),
    ` — ${computed.reason}`,
  );
  const average = byId("foundations-average");
  const threshold = computed.threshold;
  const avg = computed.foundations_average === null || computed.foundations_average === undefined ? "–" : fmtNumber(computed.foundations_average, 2);
  average.textContent = threshold
    ? `Average ${avg} (needs ≥ ${threshold.foundations} for a hire at this level; coding ≥ ${threshold.coding})`
    : `Average ${avg}`;
}

function renderGraderSuggestion() {
  const label = byId("grader-suggestion");
  const button = byId("use-suggestion");
  if (!label || !button) return;
  const graded = latestGraded();
  if (!graded || !graded.report.score) {
    label.textContent = "grader: no graded submission yet";
    button.hidden = true;
    return;
  }
  const suggested = graded.report.score.suggested;
  label.textContent = `grader suggests ${scoreLabel(suggested)} (#${graded.id})`;
  button.hidden = state.sheet.coding.score === suggested;
  button.dataset.score = String(suggested);
}

function useSuggestion() {
  const score = toScore(byId("use-suggestion").dataset.score);
  if (!score) return;
  state.sheet.coding.score = score;
  byId("sheet-coding-score").value = String(score);
  renderGraderSuggestion();
  sheetChanged();
  byId("sheet-coding-score").focus();
}

/** Replaces the sheet with one saved elsewhere, keeping focus on the control that had it. */
function replaceSheet(sheet, computed) {
  const focused = document.activeElement && document.activeElement.id;
  state.sheet = normalizeSheet(sheet);
  state.computed = computed;
  renderSheet();
  if (focused && byId(focused)) byId(focused).focus();
}

/* ------------------------------------------------------------------------------------------------ */
/* Live updates                                                                                     */
/* ------------------------------------------------------------------------------------------------ */

const live = { source: null, lostConnection: false, refreshing: false, refreshAgain: false };

function connectEvents() {
  const source = new EventSource(api("/events"));
  live.source = source;
  source.onopen = () => {
    setConnection("live", "ok");
    if (live.lostConnection) {
      live.lostConnection = false;
      refreshView();
    }
  };
  source.onerror = () => {
    setConnection("reconnecting…", "bad");
    live.lostConnection = true;
    if (source.readyState === EventSource.CLOSED) {
      source.close();
      setTimeout(connectEvents, RECONNECT_MS);
    }
  };
  source.onmessage = (event) => {
    let message;
    try {
      message = JSON.parse(event.data);
    } catch (err) {
      return;
    }
    handleEvent(message);
  };
}

function handleEvent(message) {
  if (!message || typeof message !== "object") return;
  if (message.type === "draft") applyDraft(message);
  else if (message.type === "submission") onSubmissionEvent(message);
  else if (message.type === "sheet") onSheetEvent();
}

function onSubmissionEvent(message) {
  const known = state.submissions.find((sub) => sub.id === message.id);
  if (known && known.status === "queued" && message.status === "running") {
    known.status = message.status;
    renderSubmissions();
    renderReport();
  }
  refreshSubmissions();
}

/** Re-fetches the submissions; calls that arrive while one is running are folded into one more. */
async function refreshSubmissions() {
  if (live.refreshing) {
    live.refreshAgain = true;
    return;
  }
  live.refreshing = true;
  try {
    const data = await request(api("/submissions"));
    setSubmissions(data.submissions);
  } catch (err) {
    setConnection(`refresh failed: ${err.message}`, "bad");
  } finally {
    live.refreshing = false;
    if (live.refreshAgain) {
      live.refreshAgain = false;
      refreshSubmissions();
    }
  }
}

/** A sheet was saved: ours (ignored) or another tab's (loaded, unless we have unsaved changes). */
async function onSheetEvent() {
  if (savePending() || Date.now() - saver.lastActivity < 2000) return;
  try {
    const view = await request(api(""));
    applyRemoteSheet(view);
  } catch (err) {
    // The next event or reconnect will try again.
  }
}

function applyRemoteSheet(view) {
  if (savePending()) return;
  const remote = normalizeSheet(view.sheet);
  if (JSON.stringify(remote) !== JSON.stringify(normalizeSheet(state.sheet))) {
    replaceSheet(remote, view.computed);
    setSheetStatus("updated from another window", "ok");
  }
}

/** After a reconnect: catch up on everything that may have been missed. */
async function refreshView() {
  try {
    const view = await request(api(""));
    state.view = view;
    if (view.draft && (!state.draft || view.draft.id > state.draft.id)) {
      const previous = state.draft ? state.draft.source : null;
      state.draft = view.draft;
      showDraft(state.draft, previous);
    }
    state.draftsSaved = Math.max(state.draftsSaved, view.drafts_saved || 0);
    renderDraftMeta();
    setSubmissions(view.submissions);
    applyRemoteSheet(view);
  } catch (err) {
    setConnection(`refresh failed: ${err.message}`, "bad");
  }
}

/* ------------------------------------------------------------------------------------------------ */
/* Printing                                                                                         */
/* ------------------------------------------------------------------------------------------------ */

const printing = { opened: [], sized: [] };

/** Opens closed <details> and grows textareas to their content so the PDF shows everything. */
function beforePrint() {
  printing.opened = [...document.querySelectorAll("#report details:not([open]), #sheet details:not([open])")];
  for (const details of printing.opened) details.open = true;
  printing.sized = [...document.querySelectorAll("#sheet textarea")];
  for (const area of printing.sized) area.style.height = `${area.scrollHeight + 4}px`;
}

function afterPrint() {
  for (const details of printing.opened) details.open = false;
  for (const area of printing.sized) area.style.height = "";
  printing.opened = [];
  printing.sized = [];
}

/* ------------------------------------------------------------------------------------------------ */
/* Start                                                                                            */
/* ------------------------------------------------------------------------------------------------ */

async function loadBank(level) {
  try {
    const bank = await request(`/api/questions?level=${encodeURIComponent(level)}`);
    state.bank = { questions: bank.questions || [], red_flags: bank.red_flags || [], green_flags: bank.green_flags || [] };
  } catch (err) {
    state.bank = { questions: [], red_flags: [], green_flags: [] };
  }
}

async function start() {
  if (!TOKEN) {
    showFatal("This link has no session token.");
    return;
  }
  let view;
  try {
    view = await request(api(""));
  } catch (err) {
    showFatal(err.status === 404 ? "This interviewer link is not valid." : `The session could not be loaded: ${err.message}`);
    return;
  }
  await loadBank(view.session.level);
  state.view = view;
  state.draft = view.draft || null;
  state.draftsSaved = view.drafts_saved || 0;
  state.sheet = normalizeSheet(view.sheet);
  state.computed = view.computed;
  document.title = `screenjudge: ${view.session.candidate_name} (interviewer)`;

  buildPage(view);
  loadTimer();
  renderTimer();
  setInterval(renderTimer, 500);
  showDraft(state.draft, null);
  setSubmissions(view.submissions);
  renderSheet();
  setSheetStatus("saved", "ok");
  connectEvents();

  window.addEventListener("beforeprint", beforePrint);
  window.addEventListener("afterprint", afterPrint);
  window.addEventListener("pagehide", flushSheet);
  document.addEventListener("visibilitychange", () => {
    if (document.visibilityState === "hidden") flushSheet();
  });
  window.addEventListener("beforeunload", (event) => {
    if (savePending()) {
      event.preventDefault();
      event.returnValue = "";
    }
  });
}

start();
