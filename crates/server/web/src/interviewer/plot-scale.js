// The arithmetic of the log-log plots: decade ranges, ticks and the mapping from values to pixels.

/** Values at or below zero are drawn at this floor (a log axis has no zero). */
const FLOOR = 1e-12;

/** Power-of-ten range [lo, hi] (exponents) covering every value (times in seconds go well below 1). */
export function decadeRange(values) {
  const logs = values.map((v) => Math.log10(Math.max(FLOOR, v)));
  const lo = Math.floor(Math.min(...logs));
  let hi = Math.ceil(Math.max(...logs));
  if (hi <= lo) hi = lo + 1;
  return [lo, hi];
}

/** At most about six ticks, one per decade or per few. */
export function decadeTicks(lo, hi) {
  const step = Math.max(1, Math.ceil((hi - lo) / 6));
  const ticks = [];
  for (let k = lo; k <= hi; k += step) ticks.push(k);
  return ticks;
}

/** A function from a value to a pixel on a log axis spanning [lo, hi] decades over [start, start + length]. */
export function logScale([lo, hi], start, length, flip = false) {
  return (v) => {
    const t = (Math.log10(Math.max(FLOOR, v)) - lo) / (hi - lo);
    return start + (flip ? 1 - t : t) * length;
  };
}
