// The interviewer page's data: how events change it, and which submission the report shows.
import assert from "node:assert/strict";
import { test } from "node:test";
import { initialState, latestGraded, overlayChoices, overlaySubmission, previousSubmission, reduce, selectedSubmission } from "../src/interviewer/model.js";

const view = {
  session: { level: "mid" },
  draft: { id: 2, source: "a", saved_at: 1 },
  drafts_saved: 2,
  submissions: [
    { id: 3, status: "queued" },
    { id: 1, status: "done", report: { verdict: "wrong_answer" } },
    { id: 2, status: "failed" },
  ],
  sheet: null,
  computed: null,
};
const start = initialState(view, {});

test("submissions are kept oldest first; the bank gets every list", () => {
  assert.deepEqual(
    start.submissions.map((s) => s.id),
    [1, 2, 3],
  );
  assert.deepEqual(start.bank, { questions: [], red_flags: [], green_flags: [] });
});

test("the report follows the latest finished submission until one is picked", () => {
  assert.equal(selectedSubmission(start).id, 2);
  assert.equal(latestGraded(start).id, 1);
  const picked = reduce(start, { type: "select", id: 1 });
  assert.equal(selectedSubmission(picked).id, 1);
  assert.equal(previousSubmission(picked, selectedSubmission(picked)), null);
  assert.equal(previousSubmission(start, start.submissions[2]).id, 2);
  assert.equal(selectedSubmission(reduce(picked, { type: "select", id: null })).id, 2);
});

test("a newer draft replaces the shown one and keeps the one before; an older one is ignored", () => {
  const next = reduce(start, { type: "draft", id: 3, source: "b", saved_at: 2 });
  assert.equal(next.draft.source, "b");
  assert.equal(next.previousDraft.source, "a");
  assert.equal(next.draftsSaved, 3);
  assert.equal(reduce(next, { type: "draft", id: 1, source: "old", saved_at: 0 }), next);
});

test("a queued submission is shown running before the refresh arrives", () => {
  const next = reduce(start, { type: "running", id: 3 });
  assert.equal(next.submissions[2].status, "running");
  assert.equal(reduce(next, { type: "running", id: 1 }).submissions[0].status, "done");
});

test("the shown version saved again replaces it without counting a new version", () => {
  const again = reduce(start, { type: "draft", id: 2, source: "a, then more", saved_at: 5 });
  assert.equal(again.draft.source, "a, then more");
  assert.equal(again.previousDraft.source, "a");
  assert.equal(again.draftsSaved, 2);
  assert.equal(reduce(again, { type: "draft", id: 2, source: "a", saved_at: 1 }), again, "a stale save is ignored");
});

test("catching up takes the server's submissions and a newer draft without counting it twice", () => {
  const later = { ...view, draft: { id: 5, source: "c", saved_at: 3 }, drafts_saved: 5, submissions: [{ id: 4, status: "done" }] };
  const next = reduce(start, { type: "caughtUp", view: later });
  assert.equal(next.draft.id, 5);
  assert.equal(next.draftsSaved, 5);
  assert.deepEqual(
    next.submissions.map((s) => s.id),
    [4],
  );
});

test("another window's sheet replaces ours only when it differs", () => {
  assert.equal(reduce(start, { type: "remote", sheet: {}, computed: null }), start);
  const next = reduce(start, { type: "remote", sheet: { notes: "hi" }, computed: { decision: "maybe" } });
  assert.equal(next.sheet.notes, "hi");
  assert.equal(next.computed.decision, "maybe");
});

test("another submission's measured growth can be overlaid, never the shown one's, nor one without points", () => {
  const growth = { complexity: { time: "O(n)", points: [{ n: 2, fuel: 10 }] } };
  const state = reduce(start, {
    type: "submissions",
    submissions: [
      { id: 1, status: "done", report: growth },
      { id: 2, status: "done", report: { complexity: null } },
      { id: 3, status: "done", report: growth },
    ],
  });
  const shown = selectedSubmission(state);
  assert.equal(shown.id, 3);
  assert.deepEqual(
    overlayChoices(state, shown).map((s) => s.id),
    [1],
  );
  assert.equal(overlaySubmission(state, shown), null);
  const picked = reduce(state, { type: "overlay", id: 1 });
  assert.equal(overlaySubmission(picked, shown).id, 1);
  assert.equal(overlaySubmission(picked, picked.submissions[0]), null, "a submission is not overlaid on itself");
});
