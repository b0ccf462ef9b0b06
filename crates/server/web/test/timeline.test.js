// The timeline's model (markers merged in time order, the code at a moment, the words for each marker) and
// the candidate page's signal rules (which pastes and absences are reported).
import assert from "node:assert/strict";
import { test } from "node:test";
import { AWAY_MIN_MS, awayTracker, pasteReport } from "../src/candidate/signals.js";
import { agreementWords, codeWords, isTrace, starterInput } from "../src/interviewer/scratch.js";
import { codeAt, describe, markers, measuredLine, position, span, withDraft } from "../src/interviewer/timeline-model.js";
import { TIMELINE_KINDS, timelineKindWord } from "../src/shared/words.js";

const T = 1_700_000_000_000;
const timeline = {
  started_at: T,
  now: T + 600_000,
  drafts: [
    { id: 1, saved_at: T + 10_000, source: "v1" },
    { id: 2, saved_at: T + 60_000, source: "v2" },
    { id: 3, saved_at: T + 120_000, source: null },
    { id: 4, saved_at: T + 300_000, source: "v4" },
  ],
  events: [
    { id: 7, kind: "paste", at: T + 50_000, lines: 11, chars: 240, excerpt: "\ndef remove_duplicates(lst):\n    seen = set()" },
    { id: 9, kind: "run", at: T + 90_000, draft_id: 2, passed: 2, total: 3, load_error: null },
    { id: 8, kind: "focus_lost", at: T + 70_000, seconds: 12.5 },
    { id: 10, kind: "something_new", at: T + 95_000 },
  ],
  submissions: [
    { id: 21, status: "done", created_at: T + 100_000, verdict: "accepted", score: 2, time: "O(n^2)" },
    { id: 22, status: "done", created_at: T + 400_000, verdict: "accepted", score: 4, time: "O(n)" },
    { id: 23, status: "queued", created_at: T + 500_000 },
  ],
};

test("events and submissions merge into one list in time order; unknown kinds are left out", () => {
  const list = markers(timeline);
  assert.deepEqual(
    list.map((m) => m.kind),
    ["paste", "focus_lost", "run", "submission", "submission", "submission"],
  );
  assert.deepEqual(
    list.map((m) => m.key),
    ["e7", "e8", "e9", "s21", "s22", "s23"],
  );
});

test("ties keep the order the server gave", () => {
  const tied = { events: [{ id: 1, kind: "run", at: T, passed: 1, total: 1 }], submissions: [{ id: 5, status: "queued", created_at: T }] };
  assert.deepEqual(
    markers(tied).map((m) => m.kind),
    ["run", "submission"],
  );
});

test("the code at a moment is the newest saved version at or before it whose code was kept", () => {
  assert.equal(codeAt(timeline.drafts, T), null);
  assert.equal(codeAt(timeline.drafts, T + 10_000).source, "v1");
  assert.equal(codeAt(timeline.drafts, T + 59_999).source, "v1");
  assert.equal(codeAt(timeline.drafts, T + 60_000).source, "v2");
  assert.equal(codeAt(timeline.drafts, T + 200_000).id, 2, "a version sent without its code is skipped");
  assert.equal(codeAt(timeline.drafts, T + 10_000_000).source, "v4");
});

test("the scrubber spans the call from its start to now, and places moments on it", () => {
  const range = span(timeline);
  assert.deepEqual(range, { start: T, end: T + 600_000 });
  assert.equal(position(T + 300_000, range), 50);
  assert.equal(position(T - 5, range), 0);
  assert.equal(position(T + 10_000_000, range), 100);
  assert.deepEqual(span(null), { start: 0, end: 1000 });
});

test("the scrubber's last step reaches a version saved in the last part of a second", () => {
  const late = { started_at: T, now: T + 9_400, drafts: [{ id: 1, saved_at: T + 9_400, source: "last" }], events: [] };
  const range = span(late);
  assert.equal((range.end - range.start) % 1000, 0, "the span is whole steps");
  assert.equal(codeAt(late.drafts, range.end).source, "last");
});

test("the submissions' measured classes read as people write them, in order", () => {
  const line = measuredLine(timeline);
  assert.match(line, /^O\(n²\) at .+, O\(n\) at .+$/);
});

test("signals carry their evidence and a caveat, never a verdict", () => {
  const [paste, away, run, submit, , queued] = markers(timeline).map(describe);
  assert.equal(paste.title, "Pasted 11 lines");
  assert.match(paste.detail, /240 characters at once, beginning “def remove_duplicates\(lst\):”/);
  assert.ok(paste.signal && /not a verdict/.test(paste.caveat));
  assert.equal(away.title, "Away from the page for 12.5 s");
  assert.ok(away.signal && /not a verdict/.test(away.caveat));
  assert.equal(run.detail, "The candidate saw: 2 of 3 examples passed.");
  assert.equal(run.signal, undefined);
  assert.equal(submit.detail, "accepted, suggested 2 of 4, measured O(n²).");
  assert.equal(queued.detail, "queued.");
  for (const words of [paste, away, run, submit, queued]) {
    assert.doesNotMatch(`${words.title} ${words.caveat ?? ""}`, /focus_lost|_|fuel/);
  }
  for (const words of [away, run, submit, queued]) assert.doesNotMatch(words.detail, /_|fuel/);
  const broken = describe({ kind: "run", load_error: "SyntaxError: invalid syntax (line 2, column 1)", passed: 0, total: 3 });
  assert.match(broken.detail, /did not load: SyntaxError/);
});

test("a paste is reported from three lines, with its size and a short excerpt", () => {
  assert.equal(pasteReport("x = 1\ny = 2"), null);
  assert.equal(pasteReport("a\nb\n"), null, "a trailing newline is not a line");
  assert.equal(pasteReport(""), null);
  const report = pasteReport(`a\nb\n${"c".repeat(500)}`);
  assert.deepEqual({ ...report, excerpt: report.excerpt.length }, { kind: "paste", lines: 3, chars: 504, excerpt: 200 });
});

test("time away is reported once the page is back, from a few seconds on", () => {
  let now = 0;
  const away = awayTracker({ now: () => now });
  assert.equal(away.back(), null, "never left");
  away.left();
  now = 1000;
  away.left(); // a blur after hiding keeps the first moment
  now = AWAY_MIN_MS + 500;
  assert.deepEqual(away.back(), { kind: "focus_lost", away_ms: AWAY_MIN_MS + 500 });
  assert.equal(away.back(), null, "reported once");
  away.left();
  now += 1000;
  assert.equal(away.back(), null, "a short absence is not reported");
});

test("the scratch runner starts from the first example, as the API reads it", () => {
  const dedupe = { examples: [{ input: [[3, 1, 3]] }] };
  assert.equal(starterInput(dedupe), "[[3,1,3]]");
  assert.equal(isTrace(dedupe), false);
  const limiter = { examples: [{ input: { limit: 3, window: 1, requests: [["a", 0]] } }] };
  assert.equal(starterInput(limiter), '{"limit":3,"window":1,"requests":[["a",0]]}');
  assert.equal(isTrace(limiter), true);
  assert.equal(starterInput({ examples: [] }), "");
  assert.match(codeWords({ from: "submission", id: 4, at: T }), /^submission #4 \(/);
  assert.match(codeWords({ from: "draft", id: 9, at: T }), /^the latest draft \(saved /);
});

test("every kind the timeline marks has a word of its own", () => {
  for (const kind of ["run", "submission", "paste", "focus_lost"]) {
    const words = timelineKindWord(kind);
    assert.equal(words, TIMELINE_KINDS[kind]);
    assert.doesNotMatch(words, /_/);
  }
});

test("a trace's differences from the reference are counted, not judged", () => {
  const same = { candidate: true, reference: true };
  assert.equal(agreementWords([same, same]), "same decisions as the reference");
  assert.equal(
    agreementWords([same, { candidate: true, reference: false }, { candidate: null, reference: true }]),
    "same decision as the reference on 1 of 3 requests",
  );
});

test("a draft from the live stream replaces its version or comes last, without a fetch", () => {
  const updated = withDraft(timeline, { id: 4, saved_at: T + 700_000, source: "v4 again" });
  assert.deepEqual(
    updated.drafts.map((d) => [d.id, d.source]),
    [
      [1, "v1"],
      [2, "v2"],
      [3, null],
      [4, "v4 again"],
    ],
  );
  assert.equal(updated.now, T + 700_000);
  assert.equal(withDraft(timeline, { id: 5, saved_at: T + 800_000, source: "v5" }).drafts.length, 5);
  assert.equal(withDraft(timeline, { id: 2, saved_at: T, source: "old" }), timeline, "an older version than the last is ignored");
  assert.equal(withDraft(null, { id: 1 }), null);
});
