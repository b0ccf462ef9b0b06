// The candidate's page: the problem, a Python editor with autosave, Run (examples) and Submit (hidden
// tests), results in the candidate's view, and a live connection that says when it drops.
import { EditorView, basicSetup } from "codemirror";
import { python } from "@codemirror/lang-python";
import { StateEffect, StateField } from "@codemirror/state";
import { Decoration } from "@codemirror/view";

const token = location.pathname.split("/").filter(Boolean).pop();
const api = (path) => `/api/c/${token}${path}`;
const el = (tag, attrs = {}, ...children) => {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, v);
  for (const c of children) node.append(c instanceof Node ? c : document.createTextNode(String(c)));
  return node;
};

// `keepalive` lets the request outlive the page (a save as the page closes).
async function request(method, path, body, { keepalive = false } = {}) {
  const response = await fetch(api(path), {
    method,
    keepalive,
    headers: body ? { "content-type": "application/json" } : {},
    body: body ? JSON.stringify(body) : undefined,
  });
  const data = await response.json().catch(() => ({}));
  if (!response.ok) throw new Error(data?.error?.message ?? `request failed (${response.status})`);
  return data;
}

// A highlighted line for errors, as editor state.
const setErrorLine = StateEffect.define();
const errorLine = StateField.define({
  create: () => Decoration.none,
  update(deco, tr) {
    for (const e of tr.effects) {
      if (e.is(setErrorLine)) {
        if (!e.value) return Decoration.none;
        const line = tr.state.doc.line(Math.min(e.value, tr.state.doc.lines));
        return Decoration.set([Decoration.line({ class: "cm-error-line" }).range(line.from)]);
      }
    }
    return tr.docChanged ? Decoration.none : deco;
  },
  provide: (f) => EditorView.decorations.from(f),
});

let editor;
let saveTimer;

function showLine(line) {
  editor.dispatch({ effects: setErrorLine.of(line ?? null) });
  if (line) {
    const at = editor.state.doc.line(Math.min(line, editor.state.doc.lines));
    editor.dispatch({ selection: { anchor: at.from }, scrollIntoView: true });
  }
}

function setStatus(text, cls = "muted") {
  const node = document.getElementById("save-status");
  node.textContent = text;
  node.className = cls;
}

// Saves go one at a time, so an older draft can never land after a newer one; text already saved is
// not sent again. A save that fails is tried again after a pause.
let saving = Promise.resolve();
let savedText = null;

function scheduleSave(delay = 700) {
  clearTimeout(saveTimer);
  setStatus("editing…");
  saveTimer = setTimeout(saveNow, delay);
}

function saveNow() {
  saving = saving.then(async () => {
    const source = editor.state.doc.toString();
    if (source === savedText) return;
    try {
      await request("PUT", "/draft", { source });
      savedText = source;
      setStatus("saved");
    } catch (e) {
      setStatus(`not saved: ${e.message}; retrying`, "bad");
      scheduleSave(5000);
    }
  });
}

// Leaving or hiding the page: the last keystrokes go out in a request that outlives the page.
function saveOnLeave() {
  const source = editor?.state.doc.toString();
  if (source === undefined || source === savedText) return;
  clearTimeout(saveTimer);
  savedText = source;
  request("PUT", "/draft", { source }, { keepalive: true }).catch(() => {});
}

function renderExamples(result) {
  const out = document.getElementById("results");
  out.replaceChildren();
  if (result.load_error) {
    out.append(el("p", { class: "bad", id: "load-error" }, result.load_error.message));
    showLine(result.load_error.line);
    return;
  }
  const passed = result.examples.filter((e) => e.passed).length;
  out.append(el("p", { id: "examples-summary", class: passed === result.examples.length ? "ok" : "bad" }, `${passed}/${result.examples.length} examples pass`));
  let firstLine = null;
  for (const e of result.examples) {
    const item = el("div", { class: "example" },
      el("strong", { class: e.passed ? "ok" : "bad" }, e.passed ? "pass " : "fail "), e.name,
      el("div", {}, el("code", {}, `${e.input} → ${e.actual}`)),
      e.passed ? "" : el("div", { class: "muted" }, `expected ${e.expected}`),
      e.error ? el("div", { class: "bad" }, e.error) : "",
      e.output ? el("pre", {}, e.output) : "");
    out.append(item);
    firstLine ??= e.line;
  }
  showLine(firstLine);
}

function renderSubmission(sub) {
  const out = document.getElementById("submission");
  out.replaceChildren();
  if (sub.status !== "done") {
    out.append(el("p", { id: "submission-status" }, `Submission #${sub.id}: ${sub.status}…`));
    return;
  }
  const r = sub.result;
  out.append(el("p", {}, `Submission #${sub.id}: `, el("strong", { id: "submission-verdict", class: r.verdict === "accepted" ? "ok" : "bad" }, r.verdict)));
  out.append(el("p", {}, `${r.passed}/${r.total} hidden tests pass`));
  const table = el("table", {}, el("tr", {}, el("th", {}, "category"), el("th", {}, "passed")));
  for (const c of r.categories) table.append(el("tr", {}, el("td", {}, c.category), el("td", {}, `${c.passed}/${c.total}`)));
  out.append(table);
  if (r.load_error) {
    out.append(el("p", { class: "bad" }, r.load_error.message));
    showLine(r.load_error.line);
  }
}

async function refreshSubmissions() {
  const { submissions } = await request("GET", "/submissions");
  if (submissions.length) renderSubmission(submissions[submissions.length - 1]);
  const busy = submissions.some((s) => s.status === "queued" || s.status === "running");
  document.getElementById("progress").textContent = busy ? "evaluating…" : "";
}

function connect() {
  const conn = document.getElementById("conn");
  const events = new EventSource(api("/events"));
  events.onopen = () => { conn.textContent = "connected"; conn.className = "badge ok"; refreshSubmissions().catch(() => {}); };
  events.onerror = () => { conn.textContent = "connection lost, reconnecting…"; conn.className = "badge bad"; };
  events.onmessage = () => refreshSubmissions().catch(() => {});
}

async function run(button, action) {
  button.disabled = true;
  try {
    await action();
  } catch (e) {
    document.getElementById("progress").textContent = e.message;
  } finally {
    button.disabled = false;
  }
}

async function main() {
  const data = await request("GET", "");
  const app = document.getElementById("app");
  const statement = el("div", { class: "card", id: "statement" });
  statement.innerHTML = data.problem.statement_html; // rendered on the server from our own Markdown
  const counts = data.problem.hidden_tests.map((h) => `${h.count} ${h.category}`).join(", ");
  statement.append(el("p", { class: "muted" }, `Hidden tests: ${counts}.`));
  const runButton = el("button", { id: "run" }, "Run examples");
  const submitButton = el("button", { id: "submit", class: "secondary" }, "Submit");
  const work = el("div", {},
    el("div", { class: "card" }, el("div", { id: "editor" }),
      el("div", { class: "toolbar" }, runButton, submitButton, el("span", { id: "progress", class: "muted" }), el("span", { id: "save-status", class: "muted" }))),
    el("div", { class: "card" }, el("h2", {}, "Examples"), el("div", { id: "results" }, el("p", { class: "muted" }, "Run the examples to see results here."))),
    el("div", { class: "card" }, el("h2", {}, "Submission"), el("div", { id: "submission" }, el("p", { class: "muted" }, "Not submitted yet."))));
  app.replaceChildren(
    el("header", {}, el("h1", {}, data.problem.title), el("span", { class: "muted" }, `${data.session.candidate_name} · ${data.session.level}`), el("span", { id: "conn", class: "badge" }, "connecting…")),
    el("main", {}, el("div", { class: "layout" }, statement, work)));
  savedText = data.draft ?? null;
  addEventListener("pagehide", saveOnLeave);
  document.addEventListener("visibilitychange", () => { if (document.visibilityState === "hidden") saveOnLeave(); });
  editor = new EditorView({
    doc: data.draft ?? data.problem.starter,
    extensions: [basicSetup, python(), errorLine, EditorView.updateListener.of((u) => { if (u.docChanged) scheduleSave(); })],
    parent: document.getElementById("editor"),
  });
  runButton.onclick = () => run(runButton, async () => {
    document.getElementById("progress").textContent = "running examples…";
    renderExamples(await request("POST", "/run", { source: editor.state.doc.toString() }));
    document.getElementById("progress").textContent = "";
  });
  submitButton.onclick = () => run(submitButton, async () => {
    const accepted = await request("POST", "/submissions", { source: editor.state.doc.toString() });
    document.getElementById("progress").textContent = "evaluating…";
    renderSubmission({ id: accepted.id, status: "queued" });
  });
  if (data.submissions.length) renderSubmission(data.submissions[data.submissions.length - 1]);
  connect();
}

main().catch((e) => { document.getElementById("app").textContent = `Could not load the session: ${e.message}`; });
