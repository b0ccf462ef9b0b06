// The failing tests grouped by cause, one card each, said once in plain words with the line; a wrong value's
// card shows its counterexample (shrunk and re-run on its own when the test's input was large).
import { plural } from "../shared/format.js";
import { html } from "../shared/html.js";
import { Badge } from "../shared/ui.js";
import { failureWord, prose } from "../shared/words.js";
import { Section } from "./section.js";

/** Cards shown before the rest go into a collapsed list. */
const CARDS_SHOWN = 5;

/** Kinds where every test fails the same way, so the card names the error rather than one test. */
const SHARED = new Set(["exception", "timeout", "memory", "output", "missing"]);

/**
 * What each cause card says, from `tests.causes` and the evidence in `tests.failed` (under each cause's first
 * test). When the code did not load, no input is to blame, so none is shown.
 */
export function causeCards(tests, { loaded = true } = {}) {
  return oneWrongAnswerCard(eachCause(tests, loaded));
}

/** Kinds of a wrong value: tests that fail this way are most often one bug seen on several inputs. */
const WRONG_VALUE = new Set(["wrong_answer", "wrong_type"]);

/**
 * Wrong values of one kind on several tests as one card: the smallest counterexample (the shortest input
 * shown) speaks for them, and the card lists every test that fails this way.
 */
function oneWrongAnswerCard(cards) {
  const out = [];
  for (const card of cards) {
    const same = WRONG_VALUE.has(card.kind) && out.find((c) => c.kind === card.kind);
    if (!same) {
      out.push(card);
      continue;
    }
    const tests = [...same.tests, ...card.tests];
    const smaller = String(card.input ?? "").length < String(same.input ?? "").length ? card : same;
    out[out.indexOf(same)] = { ...smaller, key: same.key, tests, what: `on ${plural(tests.length, "test")}` };
  }
  return out;
}

function eachCause(tests, loaded) {
  const failed = tests?.failed ?? [];
  // Reports stored before causes were grouped have none: each failing test is then a cause of its own.
  const causes = tests?.causes ?? failed.map((f) => ({ kind: f.kind, what: (SHARED.has(f.kind) && f.error) || f.name, line: f.line, tests: [f.name] }));
  return causes.map((cause, index) => {
    const first = failed.find((f) => f.name === cause.tests[0]) ?? {};
    const shared = SHARED.has(cause.kind);
    const mentionsLine = cause.line != null && new RegExp(`\\bline ${cause.line}\\b`).test(cause.what);
    const card = {
      key: `${index}:${cause.what}`,
      kind: cause.kind,
      word: loaded ? failureWord(cause.kind) : "does not load",
      what: shared ? `${prose(cause.what)}${cause.line != null && !mentionsLine ? ` (line ${cause.line})` : ""}` : `test “${prose(cause.what)}”`,
      tests: cause.tests,
      error: shared ? null : (first.error ?? null),
    };
    if (first.shrunk) {
      return { ...card, input: first.shrunk.input, expected: first.shrunk.expected, actual: first.shrunk.actual, shrunkFrom: first.input };
    }
    if (shared) return { ...card, input: loaded ? (first.input ?? null) : null };
    return { ...card, input: first.input ?? null, expected: first.expected, actual: first.actual };
  });
}

const Value = ({ children, kind = "" }) => html`<code class=${`value-inline ${kind}`}>${children}</code>`;

function CauseCard({ card }) {
  const many = card.tests.length > 1;
  return html`<li class=${`cause cause-${card.kind}`}>
    <p class="cause-head"><${Badge} kind="bad">${card.word}<//> <span class="cause-what">${card.what}</span></p>
    ${
      card.expected !== undefined
        ? html`<p class="cause-evidence">on <${Value}>${card.input}<//>: expected <${Value} kind="ok">${card.expected}<//>, got <${Value} kind="bad">${card.actual}<//></p>`
        : card.input && html`<p class="cause-evidence">first on <${Value}>${card.input}<//></p>`
    }
    ${card.shrunkFrom && html`<details class="shrunk-from"><summary>shrunk from the test's input, and run again on its own</summary><pre class="value">${card.shrunkFrom}</pre></details>`}
    ${card.error && html`<p class="cause-error bad">${card.error}</p>`}
    ${
      many &&
      html`<details class="cause-tests"><summary>fails ${plural(card.tests.length, "test")} this way</summary><ul>${card.tests.map((name) => html`<li key=${name}>${name}</li>`)}</ul></details>`
    }
  </li>`;
}

export function Causes({ tests, loaded }) {
  const cards = causeCards(tests, { loaded });
  if (cards.length === 0) return null;
  const rest = cards.slice(CARDS_SHOWN);
  const list = (items) => html`<ul class="causes">${items.map((card) => html`<${CauseCard} key=${card.key} card=${card} />`)}</ul>`;
  const failing = tests.failed?.length ?? 0;
  return html`<${Section} id="failures" title=${`Why tests fail: ${plural(cards.length, "cause")}, ${plural(failing, "failing test")}`}>
    ${list(cards.slice(0, CARDS_SHOWN))}
    ${rest.length > 0 && html`<details class="more-failures"><summary>${plural(rest.length, "more cause")}</summary>${list(rest)}</details>`}
  <//>`;
}
