// An input typed by a person for one run of the code (the interviewer's "Try an input", the candidate's own):
// what the box starts with, and which shape the problem takes.

/** The input a box starts with: the first visible example, written as the API reads it. */
export function starterInput(problem) {
  const example = problem?.examples?.[0]?.input;
  if (example == null) return "";
  if (Array.isArray(example)) return JSON.stringify(example);
  return JSON.stringify({ limit: example.limit, window: example.window, requests: example.requests });
}

/** Whether the problem's input is a request trace (a rate limiter) rather than a function's arguments. */
export const isTrace = (problem) => Boolean(problem?.examples?.[0]?.input && !Array.isArray(problem.examples[0].input));
