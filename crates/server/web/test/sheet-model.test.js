// The score sheet's model: normalising and the edits its controls make.
import assert from "node:assert/strict";
import { test } from "node:test";
import { averageText } from "../src/interviewer/sheet.js";
import {
  addQuestion,
  normalizeSheet,
  questionsByTopic,
  removeQuestion,
  sameSheet,
  setDomain,
  setFlag,
  setQuestion,
  toScore,
} from "../src/interviewer/sheet-model.js";

const empty = normalizeSheet(null);

test("scores are whole numbers from 1 to 4", () => {
  assert.equal(toScore("3"), 3);
  assert.equal(toScore(""), null);
  assert.equal(toScore(5), null);
  assert.equal(toScore(2.5), null);
});

test("a sheet from the server gets every field, in one order", () => {
  assert.deepEqual(Object.keys(empty), ["foundations", "coding", "experience", "communication", "red_flags", "green_flags", "final_decision", "notes"]);
  assert.ok(sameSheet({ notes: "", coding: { score: "2" } }, { coding: { score: 2, notes: "" } }));
  assert.ok(!sameSheet({ notes: "x" }, {}));
});

test("questions are added once, edited and removed without touching the sheet they came from", () => {
  const one = addQuestion(empty, "  q1 ");
  assert.deepEqual(one.foundations, [{ question: "q1", score: null, notes: "" }]);
  assert.equal(addQuestion(one, "q1"), one);
  assert.equal(addQuestion(one, "   "), one);
  const scored = setQuestion(addQuestion(one, "q2"), 1, { score: 4 });
  assert.equal(scored.foundations[1].score, 4);
  assert.deepEqual(
    removeQuestion(scored, 0).foundations.map((q) => q.question),
    ["q2"],
  );
  assert.equal(empty.foundations.length, 0);
  assert.equal(setDomain(empty, "coding", { score: 3 }).coding.score, 3);
  assert.equal(empty.coding.score, null);
});

test("ticked flags keep the bank's order; flags the bank no longer has stay", () => {
  const bank = [{ id: "a" }, { id: "b" }, { id: "c" }];
  let sheet = { ...empty, red_flags: ["gone"] };
  sheet = setFlag(sheet, "red_flags", bank, "c", true);
  sheet = setFlag(sheet, "red_flags", bank, "a", true);
  assert.deepEqual(sheet.red_flags, ["a", "c", "gone"]);
  assert.deepEqual(setFlag(sheet, "red_flags", bank, "a", false).red_flags, ["c", "gone"]);
});

test("the bank is grouped by topic in its own order", () => {
  const bank = { questions: [{ id: 1, topic: "x" }, { id: 2, topic: "y" }, { id: 3, topic: "x" }, { id: 4 }] };
  assert.deepEqual(
    questionsByTopic(bank).map(([topic, qs]) => [topic, qs.map((q) => q.id)]),
    [
      ["x", [1, 3]],
      ["y", [2]],
      ["Other", [4]],
    ],
  );
});

test("the average says what the level needs", () => {
  assert.equal(averageText(null), "");
  assert.equal(averageText({ foundations_average: null }), "Average –");
  assert.equal(
    averageText({ foundations_average: 2.756, threshold: { foundations: 2.8, coding: 2.5 } }),
    "Average 2.76 (needs ≥ 2.8 for a hire at this level; coding ≥ 2.5)",
  );
});
