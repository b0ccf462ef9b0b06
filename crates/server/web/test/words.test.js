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

test("values the pages do not know yet still read as words", () => {
  assert.equal(verdictWord("stack_overflow"), "stack overflow");
  assert.equal(failureWord("mutated_input"), "changed its input");
  assert.equal(algorithmWord("fixed_window"), "fixed window");
  assert.equal(algorithmWord("sliding_window_counter"), "sliding window counter");
  assert.equal(statusWord("running"), "grading");
  assert.equal(levelWord("mid"), "mid-level");
});

test("growth classes are written with superscripts and compared with the optimal one", () => {
  assert.equal(growthWord("O(n^2)"), "O(n²)");
  assert.equal(growthWord("O(n^3)"), "O(n³)");
  assert.equal(growthWord("O(2^n)"), "O(2ⁿ)");
  assert.equal(growthWord("O(n log n)"), "O(n log n)");
  assert.equal(growthWord("unknown"), "not measured");
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
