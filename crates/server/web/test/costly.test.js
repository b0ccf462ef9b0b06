// Where the work grows, found in a submission's report and again in a later draft.
import assert from "node:assert/strict";
import { test } from "node:test";
import { costlyLines, linesIn } from "../src/interviewer/costly.js";

const report = (growing) => ({
  complexity: {
    costly_lines: {
      lines: [
        { line: 3, text: "for x in lst:" },
        { line: 4, text: "if x not in out:" },
        { line: 9, text: "if not seen(out, x):" },
      ],
      growing,
    },
  },
});

test("the growing line and the line calling its helper come with their text", () => {
  assert.deepEqual(costlyLines(report({ line: 4, called_from: 9 })), [
    { line: 4, text: "if x not in out:" },
    { line: 9, text: "if not seen(out, x):" },
  ]);
  assert.deepEqual(costlyLines(report({ line: 4, called_from: null })), [{ line: 4, text: "if x not in out:" }]);
  assert.deepEqual(costlyLines(report(null)), []);
  assert.deepEqual(costlyLines({ complexity: null }), []);
});

test("a line is found again by its text, the copy nearest its old place, and not where it is gone", () => {
  const costly = [{ line: 4, text: "if x not in out:" }];
  const moved = "def f(lst):\n    # a comment\n    out = []\n    for x in lst:\n        if x not in out:\n            out.append(x)\n";
  assert.deepEqual(linesIn(moved, costly), [5]);
  const twice = "if x not in out:\nA\nB\nC\nD\nE\n        if x not in out:\n";
  assert.deepEqual(linesIn(twice, [{ line: 6, text: "if x not in out:" }]), [7]);
  assert.deepEqual(linesIn("def f(lst):\n    return list(dict.fromkeys(lst))\n", costly), []);
});
