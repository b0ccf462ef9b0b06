// The evidence an interviewer reads aloud: the summary lines, the failure cards by cause, the rate limiter's
// measures and its ideal; none of it in fuel or raw identifiers.
import assert from "node:assert/strict";
import { test } from "node:test";
import { passWords } from "../src/candidate/results.js";
import { causeCards } from "../src/interviewer/causes.js";
import { differences, slidingWindowDecisions, stackLevels } from "../src/interviewer/ideal-limiter.js";
import { limiterMeasures } from "../src/interviewer/limiter.js";
import { headlineReason, loadErrorText, summaryLines } from "../src/interviewer/summary.js";
import { differenceWords, traceView } from "../src/interviewer/traces.js";
import { prose, scoreWord } from "../src/shared/words.js";

const RAW = /fuel|_/i;

test("the summary reads its lines from the report, classes with superscripts, and leaves out what it lacks", () => {
  const report = {
    verdict: "accepted",
    summary: {
      score: 2,
      headline: "Suggested 2 of 4: measured time O(n^2) is far from the optimal O(n)",
      correctness: "all 14 hidden tests pass",
      time: "O(n²); optimal is O(n)",
      space: null,
    },
    complexity: { time: "O(n^2)", space: "O(n)", extrapolation: { ratio: 60562 } },
  };
  assert.equal(headlineReason(report.summary.headline), "measured time O(n²) is far from the optimal O(n)");
  const lines = summaryLines(report, { time: "O(n)", space: "O(n)" });
  assert.deepEqual(
    lines.map((l) => [l.id, l.kind]),
    [
      ["correctness", "ok"],
      ["time", "bad"],
    ],
  );
  const unmeasured = summaryLines({
    verdict: "wrong_answer",
    summary: { correctness: "0 of 14" },
    complexity: null,
    complexity_note: "Growth not measured: no hidden test passes.",
  });
  assert.equal(unmeasured.at(-1).text, "not measured: no hidden test passes.", "after 'growth', not 'Growth not measured'");
  assert.equal(scoreWord(4), "4 · strong hire");
  assert.equal(prose("O(2^n) and O(n^3)"), "O(2ⁿ) and O(n³)");
  assert.equal(prose("fixed window: admits 2.0x the limit; ~0.94x the reference"), "fixed window: admits 2× the limit; ~0.9× the reference");
  assert.equal(prose("11 s at n = 100,000 in native CPython (~7,000x the reference)"), "11 s at n = 100,000 in native CPython (~7,000× the reference)");
  assert.equal(prose("a fresh key does not get exactly `limit` requests"), "a fresh key does not get exactly limit requests");
  const parse = { verdict: "compile_error", summary: { correctness: "does not parse: no hidden test could run" } };
  assert.equal(summaryLines(parse)[0].text, "no hidden test could run");
  assert.equal(
    loadErrorText({ message: "SyntaxError: expected ':' (line 5, column 17)", line: 5, column: 17 }),
    "SyntaxError: expected ':' (line 5, column 17)",
  );
  assert.equal(loadErrorText({ message: "SyntaxError", line: 5, column: null }), "SyntaxError (line 5)");
});

test("a cause card shows the shrunk counterexample's own expected and actual, and a shared crash once with its line", () => {
  const tests = {
    failed: [
      { name: "large", kind: "wrong_answer", input: "'kxyt…'", expected: "18", actual: "194", shrunk: { input: "'lrrl'", expected: "2", actual: "3" } },
      { name: "empty", kind: "exception", input: "[]", error: "IndexError (line 3)", line: 3 },
    ],
    causes: [
      { kind: "wrong_answer", what: "large", line: null, tests: ["large"] },
      { kind: "exception", what: "IndexError: list index out of range (line 3)", line: 3, tests: ["empty", "one"] },
      { kind: "timeout", what: "did not finish: still running when its time for this input ran out", line: 7, tests: ["big"] },
    ],
  };
  const [wrong, crash, slow] = causeCards(tests);
  assert.deepEqual([wrong.input, wrong.expected, wrong.actual, wrong.shrunkFrom], ["'lrrl'", "2", "3", "'kxyt…'"]);
  assert.equal(wrong.word, "wrong answer");
  assert.equal(crash.what, "IndexError: list index out of range (line 3)");
  assert.equal(crash.expected, undefined);
  assert.deepEqual(crash.tests, ["empty", "one"]);
  assert.equal(slow.what, "did not finish: still running when its time for this input ran out (line 7)");
  const [unloaded] = causeCards({ failed: tests.failed.slice(1), causes: tests.causes.slice(1) }, { loaded: false });
  assert.deepEqual([unloaded.word, unloaded.input], ["does not load", null]);
  const older = causeCards({ failed: tests.failed });
  assert.deepEqual(
    older.map((card) => card.what),
    ["test “large”", "IndexError (line 3)"],
  );
});

test("an exact sliding window admits iff fewer than the limit were admitted in (t - window, t]", () => {
  const times = [0.5, 0.5, 1.05, 1.49, 1.5];
  assert.deepEqual(slidingWindowDecisions(times, 2, 1), [true, true, false, false, true]);
  assert.deepEqual(differences([true, true, true, false, false], [true, true, false, false, true]), ["same", "same", "over", "same", "under"]);
  assert.deepEqual(stackLevels([10, 10, 10, 30, 31], 7), [0, 1, 2, 0, 1]);
});

test("a fixed window's trace differs from the ideal, said in words", () => {
  const trace = { times: [0.5, 0.5, 0.5, 0.5, 1.05, 1.55], limit: 4, window: 1, admitted: [true, true, true, true, true, false] };
  const view = traceView(trace);
  assert.deepEqual([view.over, view.under, view.depth], [1, 1, 4]);
  assert.equal(differenceWords(view), "1 request admitted that an exact sliding window refuses; 1 request refused that an exact sliding window admits");
  assert.equal(differenceWords({ over: 0, under: 0 }), "every decision matches an exact sliding window");
});

test("the rate limiter's measures are in words and time, each with what it means", () => {
  const measures = limiterMeasures({
    algorithm: "fixed_window",
    decisions: 61,
    divergences: 0,
    max_in_window_ratio: 2.0,
    false_rejections: 4,
    per_call_cost: {
      class: "O(1)",
      small_limit: 10,
      large_limit: 1000,
      fuel_small_limit: 6613,
      fuel_large_limit: 6664,
      native_requests_per_second: 2400960,
      meets_1000_per_second: true,
    },
    memory_per_key: { bytes_per_key: 24, keys: 100, idle_keys_released: false },
  });
  for (const m of measures) {
    assert.doesNotMatch(`${m.term} ${m.value} ${m.why}`, RAW, m.term);
    assert.ok(m.why || m.value === "not measured", m.term);
  }
  assert.equal(measures[0].value, "fixed window");
  assert.match(measures.find((m) => m.term === "time per call").value, /0\.41 µs at limit 10/);
  assert.equal(measures.find((m) => m.term === "max in any window").value, "2× the limit");
  assert.match(measures.find((m) => m.term === "memory per key").value, /^≈ 50 B in native CPython over 100 keys/);
  assert.equal(passWords(11, 16), "11 of 16 hidden tests pass");
  assert.equal(passWords(14, 14), "all 14 hidden tests pass");
});

test("wrong answers on several tests read as one cause, shown by the smallest counterexample", () => {
  const tests = {
    failed: [
      { name: "long", kind: "wrong_answer", input: "[5, 5, 5, 5, 1]", expected: "[5, 1]", actual: "[1, 5]" },
      { name: "short", kind: "wrong_answer", input: "[2, 1]", expected: "[2, 1]", actual: "[1, 2]" },
      { name: "crash", kind: "exception", input: "[]", error: "IndexError", line: 3 },
    ],
    causes: [
      { kind: "wrong_answer", what: "long", line: null, tests: ["long"] },
      { kind: "wrong_answer", what: "short", line: null, tests: ["short"] },
      { kind: "exception", what: "IndexError", line: 3, tests: ["crash"] },
    ],
  };
  const cards = causeCards(tests);
  assert.equal(cards.length, 2);
  assert.deepEqual(cards[0].tests, ["long", "short"]);
  assert.equal(cards[0].input, "[2, 1]");
  assert.equal(cards[0].actual, "[1, 2]");
  assert.equal(cards[0].what, "on 2 tests");
  assert.equal(cards[1].kind, "exception");
});
