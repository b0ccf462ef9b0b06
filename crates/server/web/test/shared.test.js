// The shared plumbing: link tokens, requests' one error shape, event messages and the autosave.
import assert from "node:assert/strict";
import { afterEach, beforeEach, mock, test } from "node:test";
import { createAutosave } from "../src/shared/autosave.js";
import { parseMessage } from "../src/shared/events.js";
import { apiPaths, linkToken } from "../src/shared/link.js";
import { ApiError, request, retryable, withWait } from "../src/shared/request.js";

test("the token is the address's last segment; API paths are built from it", () => {
  assert.equal(linkToken("/i/12-abc/"), "12-abc");
  assert.equal(linkToken("/"), "");
  assert.equal(apiPaths("c", "12-abc")("/run"), "/api/c/12-abc/run");
  assert.equal(apiPaths("i", "12-abc")(), "/api/i/12-abc");
});

test("a failed request carries the server's message, code and status", async (t) => {
  t.mock.method(globalThis, "fetch", async () => new Response('{"error":{"code":"too_large","message":"source too long"}}', { status: 413 }));
  await assert.rejects(
    request("/x", { method: "PUT", body: {} }),
    (e) => e instanceof ApiError && e.status === 413 && e.code === "too_large" && e.message === "source too long",
  );
  t.mock.method(globalThis, "fetch", async () => {
    throw new TypeError("network");
  });
  await assert.rejects(request("/x"), (e) => e.status === 0 && retryable(e));
  assert.ok(!retryable(new ApiError("no", 400)));
  assert.ok(retryable(new ApiError("busy", 429)));
});

test("event messages are objects or nothing", () => {
  assert.deepEqual(parseMessage('{"type":"sheet"}'), { type: "sheet" });
  assert.equal(parseMessage("not json"), null);
  assert.equal(parseMessage("3"), null);
});

beforeEach(() => mock.timers.enable({ apis: ["setTimeout", "Date"] }));
afterEach(() => mock.timers.reset());

const flush = () => new Promise((resolve) => setImmediate(resolve));

test("the autosave waits for a pause, sends the last value once, and skips what is saved", async () => {
  const sent = [];
  const states = [];
  const autosave = createAutosave({ save: async (v) => sent.push(v), onState: (s) => states.push(s.state), saved: "a", delayMs: 100 });
  autosave.changed("b");
  autosave.changed("c");
  assert.ok(autosave.pending());
  mock.timers.tick(100);
  await flush();
  assert.deepEqual(sent, ["c"]);
  assert.equal(states.at(-1), "saved");
  assert.ok(!autosave.pending());
  autosave.changed("c");
  mock.timers.tick(100);
  await flush();
  assert.deepEqual(sent, ["c"]);
});

test("the autosave retries what may pass and gives up on what will not", async () => {
  let failWith = new ApiError("down", 503);
  const sent = [];
  const states = [];
  const autosave = createAutosave({
    save: async (v) => {
      if (failWith) throw failWith;
      sent.push(v);
    },
    onState: (s) => states.push(s),
    delayMs: 10,
    retryMs: 1000,
  });
  autosave.changed("x");
  mock.timers.tick(10);
  await flush();
  assert.deepEqual(states.at(-1), { state: "failed", message: "down", retrying: true });
  failWith = null;
  mock.timers.tick(1000);
  await flush();
  assert.deepEqual(sent, ["x"]);
  failWith = new ApiError("bad sheet", 400);
  autosave.changed("y");
  mock.timers.tick(10);
  await flush();
  assert.equal(states.at(-1).retrying, false);
  assert.ok(!autosave.pending());
});

test("leaving the page sends a pending change at once, in a request that outlives the page", async () => {
  const calls = [];
  const autosave = createAutosave({ save: async (v, options) => calls.push([v, options.keepalive]), onState: () => {}, delayMs: 500 });
  autosave.flush();
  autosave.changed("last");
  autosave.flush();
  await flush();
  assert.deepEqual(calls, [["last", true]]);
});

test("a busy server's 'try again shortly' says how long to wait", () => {
  assert.equal(withWait("too many submissions; try again shortly", "12"), "too many submissions; try again in 12 s");
  assert.equal(withWait("the evaluation queue is full; try again shortly", "300"), "the evaluation queue is full; try again in 5 min");
  assert.equal(withWait("too many submissions; try again shortly", null), "too many submissions; try again shortly");
  assert.equal(withWait("not found", "3"), "not found");
});
