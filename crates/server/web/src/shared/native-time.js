// Estimated native CPython time from the grader's fuel counts: people read time, never fuel.
import { CALIBRATION } from "./words.js";

/** Fuel native CPython gets through per second: the grader's calibration (`FUEL_PER_NATIVE_SECOND`), read from it. */
export const FUEL_PER_NATIVE_SECOND = CALIBRATION.fuel_per_native_second;

/** Seconds native CPython would take for this much fuel. */
export const nativeSeconds = (fuel) => Number(fuel) / FUEL_PER_NATIVE_SECOND;

const UNITS = [
  [1e-9, "ns"],
  [1e-6, "µs"],
  [1e-3, "ms"],
  [1, "s"],
];

/** Two significant figures in the unit that reads well: "41 ns", "3.2 µs", "120 ms", "1.5 s", "10 min". */
export function fmtTime(seconds) {
  if (!Number.isFinite(seconds)) return "forever";
  if (seconds <= 0) return "0 s";
  if (seconds >= 120) return seconds >= 7200 ? `${round2(seconds / 3600)} hours` : `${round2(seconds / 60)} min`;
  let [scale, unit] = UNITS[0];
  for (const candidate of UNITS) if (seconds >= candidate[0]) [scale, unit] = candidate;
  return `${round2(seconds / scale)} ${unit}`;
}

function round2(value) {
  const digits = value >= 10 ? 0 : 1;
  return Number(value.toFixed(digits)).toLocaleString("en-US", { maximumFractionDigits: digits });
}

/** Microseconds per call, for the rate limiter's cost: "0.41 µs". */
export function fmtMicros(seconds) {
  const micros = seconds * 1e6;
  const digits = micros >= 100 ? 0 : micros >= 1 ? 1 : 2;
  return `${micros.toLocaleString("en-US", { maximumFractionDigits: digits })} µs`;
}

/** 10^k seconds as an axis label: "1 µs", "10 ms", "100 s". */
export function fmtSecondsDecade(k) {
  const group = Math.min(0, Math.floor(k / 3));
  const mantissa = 10 ** (k - group * 3);
  const unit = { "-3": "ns", "-2": "µs", "-1": "ms", 0: "s" }[group] ?? "s";
  return `${group < -3 ? `1e${k}` : mantissa} ${group < -3 ? "s" : unit}`;
}

/** A ratio rounded as people say it: "0.9×", "1.3×", "42×", "61,000×". */
export { ratioWord as fmtRatio } from "./words.js";
