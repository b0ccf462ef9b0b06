// What changed between two versions of the code, as lines.
import assert from "node:assert/strict";
import { test } from "node:test";
import { changedLines, lineCount, lineCounts } from "../src/interviewer/changes.js";

test("changed and added lines are numbered in the new version", () => {
  assert.deepEqual(changedLines("a\nb\nc\n", "a\nB\nc\nd\n"), [2, 4]);
  assert.deepEqual(changedLines("def f():\n    return 1\n", "def f():\n    return 2\n"), [2]);
  assert.deepEqual(changedLines("same\n", "same\n"), []);
});

test("added and removed lines are counted; an empty side counts none", () => {
  assert.deepEqual(lineCounts("a\nb\nc\n", "a\nB\nc\nd\n"), { added: 2, removed: 1 });
  assert.deepEqual(lineCounts("", "x\ny\n"), { added: 2, removed: 0 });
  assert.deepEqual(lineCounts("x\ny", ""), { added: 0, removed: 2 });
});

test("a final newline ends the last line", () => {
  assert.equal(lineCount(""), 0);
  assert.equal(lineCount("a\nb\n"), 2);
  assert.equal(lineCount("a\r\nb"), 2);
});
