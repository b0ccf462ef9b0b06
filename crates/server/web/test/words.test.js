// The closed sets of values become plain words: no raw identifier reaches a page.
import assert from "node:assert/strict";
import { test } from "node:test";
import {
  algorithmWord,
  decisionKind,
  decisionWord,
  failureWord,
  growthKind,
  growthWord,
  levelWord,
  scoreLabel,
  statusLine,
  statusWord,
  VERDICTS,
  verdictKind,
  verdictWord,
} from "../src/shared/words.js";

const looksRaw = (text) => /_/.test(text) || /fuel/i.test(text);

test("every verdict has words of its own, and accepted stays 'accepted'", () => {
  for (const [verdict, words] of Object.entries(VERDICTS)) {
    assert.equal(verdictWord(verdict), words);
    assert.ok(!looksRaw(words), words);
  }
  assert.equal(verdictWord("accepted"), "accepted");
  assert.equal(verdictWord("wrong_answer"), "wrong answer");
  assert.equal(verdictKind("accepted"), "ok");
  assert.equal(verdictKind("timeout"), "bad");
});

/** [function, input, words] rows: each says what one value reads as. */
const check = (rows) => {
  for (const [word, value, expected] of rows) assert.equal(word(value), expected, `${word.name}(${value})`);
};

test("named values read as words (growth classes with superscripts); values the pages do not know yet still do", () => {
  check([
    [verdictWord, "stack_overflow", "stack overflow"],
    [failureWord, "mutated_input", "changes its input"],
    [algorithmWord, "fixed_window", "fixed window"],
    [algorithmWord, "sliding_window_counter", "sliding window counter"],
    [statusWord, "running", "grading"],
    [levelWord, "mid", "mid-level"],
    [growthWord, "O(n^2)", "O(n²)"],
    [growthWord, "O(n^3)", "O(n³)"],
    [growthWord, "O(2^n)", "O(2ⁿ)"],
    [growthWord, "O(n log n)", "O(n log n)"],
    [growthWord, "unknown", "not measured"],
  ]);
});

test("a measured growth class is compared with the optimal one", () => {
  assert.equal(growthKind("O(n)", "O(n)"), "ok");
  assert.equal(growthKind("O(n^2)", "O(n)"), "bad");
  assert.equal(growthKind("O(requests)", "O(1)"), "");
});

test("decisions and scores", () => {
  assert.equal(decisionWord("strong_hire"), "strong hire");
  assert.equal(decisionWord("incomplete"), "not scored yet");
  assert.equal(decisionKind("no_hire"), "bad");
  assert.equal(scoreLabel(3), "3 — hire");
  assert.equal(scoreLabel("4"), "4 — strong hire");
});

test("a waiting submission says its place in the queue", () => {
  assert.equal(statusLine({ status: "queued", queue_position: 0 }), "queued, next in line");
  assert.equal(statusLine({ status: "queued", queue_position: 3 }), "queued, 3 ahead");
  assert.equal(statusLine({ status: "queued" }), "queued");
  assert.equal(statusLine({ status: "running", queue_position: 2 }), "grading");
});
