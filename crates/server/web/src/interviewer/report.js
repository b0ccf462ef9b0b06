// The grader's report panel: verdict, examples, tests, failing cases, findings, score and follow-ups.

import { state } from "./state.js";
import { SCORE_LABELS, badge, byId, factList, fmtWhen, h, section } from "./dom.js";
import { selectedSubmission } from "./selection.js";
import { complexityBlock } from "./complexity.js";
import { limiterBlock } from "./limiter.js";

/** Failing cases shown before the rest go into a collapsed list. */
const FAILURES_SHOWN = 6;

export function buildReportPanel() {
  return h(
    "section",
    { id: "report-panel", class: "card", "aria-labelledby": "report-title" },
    h("div", { class: "panel-head" }, h("h2", { id: "report-title" }, "Report"), h("span", { id: "report-subject", class: "muted" })),
    h("div", { id: "report", "aria-live": "polite" }),
  );
}

/** Re-renders the report only when what it shows changed, so open sections and scroll survive updates. */
export function renderReport() {
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
