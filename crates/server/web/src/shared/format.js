// Numbers, sizes, durations and times in plain words, the same on every page.

export function fmtInt(n) {
  return Number(n).toLocaleString("en-US", { maximumFractionDigits: 0 });
}

/** A large count to two significant figures, as the grader writes it: 2,128,225 → "2,100,000". */
export function fmtRoughly(n) {
  const value = Number(n);
  if (!Number.isFinite(value) || value < 100) return fmtInt(value);
  const magnitude = 10 ** (Math.floor(Math.log10(value)) - 1);
  return fmtInt(Math.round(value / magnitude) * magnitude);
}

export function fmtNumber(n, digits) {
  return Number(n).toLocaleString("en-US", { maximumFractionDigits: digits });
}

/** A share in [0, 1] as a whole percentage. */
export function fmtPercent(share) {
  return `${Math.round((share || 0) * 100)}%`;
}

const SI_PREFIXES = ["", "k", "M", "G", "T", "P", "E"];

/** Bytes with a binary-free, readable unit: 950 B, 12.3 kB, 4.1 MB. */
export function fmtBytes(bytes) {
  let value = Number(bytes);
  let group = 0;
  while (Math.abs(value) >= 1000 && group < SI_PREFIXES.length - 1) {
    value /= 1000;
    group++;
  }
  return `${fmtNumber(value, group === 0 ? 0 : 1)} ${SI_PREFIXES[group]}B`;
}

/** 10^k as a short label: 1, 10, 100, 1k, 10k, …; with a unit: 1 B, 10 B, 100 B, 1 kB, …. */
export function fmtPow10(k, unit) {
  if (k < 0) return unit ? `1e${k} ${unit}` : `1e${k}`;
  const group = Math.min(Math.floor(k / 3), SI_PREFIXES.length - 1);
  const mantissa = 10 ** (k - group * 3);
  return unit ? `${mantissa} ${SI_PREFIXES[group]}${unit}` : `${mantissa}${SI_PREFIXES[group]}`;
}

/** Elapsed milliseconds as mm:ss (minutes keep counting past 59). */
export function fmtClock(ms) {
  const total = Math.max(0, Math.floor(ms / 1000));
  const minutes = Math.floor(total / 60);
  const seconds = total % 60;
  return `${String(minutes).padStart(2, "0")}:${String(seconds).padStart(2, "0")}`;
}

/** A moment (epoch milliseconds) as the local time of day, with seconds. */
export function fmtWhen(epochMs) {
  if (!epochMs) return "";
  return new Date(epochMs).toLocaleTimeString([], { hour: "2-digit", minute: "2-digit", second: "2-digit", hourCycle: "h23" });
}

/** A duration in seconds in the largest unit that reads well. */
export function fmtSeconds(seconds) {
  if (!Number.isFinite(seconds)) return "forever";
  if (seconds < 0.001) return "under a millisecond";
  if (seconds < 1) return `${fmtNumber(seconds * 1000, 0)} ms`;
  if (seconds < 120) return `${fmtNumber(seconds, 1)} s`;
  if (seconds < 7200) return `${fmtNumber(seconds / 60, 0)} min`;
  if (seconds < 172800) return `${fmtNumber(seconds / 3600, 0)} hours`;
  return `${fmtNumber(seconds / 86400, 0)} days`;
}

/** "1 line", "3 lines". */
export function plural(count, word, many = `${word}s`) {
  return `${fmtInt(count)} ${count === 1 ? word : many}`;
}

/** A submission as people number it: "#1" for the session's first (the API's `number`), whatever its id. */
export function subNo(sub) {
  return `#${sub?.number ?? sub?.id}`;
}
