// An input typed by a person for one run of the code (the interviewer's "Try an input", the candidate's own):
// what the box starts with, which shape the problem takes, and the box's state as it runs.
import { useState } from "./html.js";
import { request } from "./request.js";

/** The input a box starts with: the first visible example, written as the API reads it. */
export function starterInput(problem) {
  const example = problem?.examples?.[0]?.input;
  if (example == null) return "";
  if (Array.isArray(example)) return JSON.stringify(example);
  return JSON.stringify({ limit: example.limit, window: example.window, requests: example.requests });
}

/** Whether the problem's input is a request trace (a rate limiter) rather than a function's arguments. */
export const isTrace = (problem) => Boolean(problem?.examples?.[0]?.input && !Array.isArray(problem.examples[0].input));

/** The box's state: its input, the last answer or error, whether a run is going, and `run`, which posts
 * `body(input)` to `path` (made by the page's `api`). */
export function useInputRun(problem, path, body) {
  const [input, setInput] = useState(() => starterInput(problem));
  const [answer, setAnswer] = useState(null);
  const [error, setError] = useState("");
  const [busy, setBusy] = useState(false);
  const run = async () => {
    setBusy(true);
    setError("");
    try {
      setAnswer(await request(path, { method: "POST", body: body(input) }));
    } catch (e) {
      setAnswer(null);
      setError(e.message);
    } finally {
      setBusy(false);
    }
  };
  return { input, setInput, answer, error, busy, run };
}
