// The ideal a rate limiter's trace is drawn against: an exact sliding window, computed here from the trace's
// times, limit and window, and where the code's decisions differ from it. Pure functions, no DOM.

/** An exact sliding-window limiter's decisions: admit iff fewer than `limit` admitted in (t - window, t]. */
export function slidingWindowDecisions(times, limit, window) {
  const admittedAt = [];
  return times.map((t) => {
    const inWindow = admittedAt.filter((a) => a > t - window && a <= t).length;
    const admit = inWindow < limit;
    if (admit) admittedAt.push(t);
    return admit;
  });
}

/** For each request: "same", "over" (admitted where the ideal refuses) or "under" (refused where the ideal admits). */
export function differences(admitted, ideal) {
  return admitted.map((a, i) => (a === ideal[i] ? "same" : a ? "over" : "under"));
}

/** A stacking level per point, so points closer than `gap` (pixels) sit one above the other instead of on top. */
export function stackLevels(xs, gap) {
  return xs.map((x, i) => xs.slice(0, i).filter((other) => Math.abs(other - x) < gap).length);
}

/** The stretch of time a trace's plot shows: its requests with a margin, so close requests stay apart. */
export function timeRange(times, window) {
  const first = Math.min(...times);
  const last = Math.max(...times);
  const pad = Math.max(window * 0.02, (last - first) * 0.08);
  return [Math.max(0, first - pad), last + pad];
}

/** The ticks that keep at least `gap` pixels from every tick kept before them (`ticks` in order of preference). */
export function spacedTicks(ticks, x, gap) {
  const kept = [];
  for (const t of ticks) if (kept.every((k) => Math.abs(x(k) - x(t)) >= gap)) kept.push(t);
  return kept;
}

/** Window boundaries (multiples of `window`) within [lo, hi]. */
export function windowTicks([lo, hi], window) {
  const ticks = [];
  for (let k = Math.ceil(lo / window - 1e-9); k * window <= hi + 1e-9; k++) ticks.push(Math.round(k * window * 1000) / 1000 + 0); // + 0: no -0
  return ticks;
}
