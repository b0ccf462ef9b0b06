// DOM helpers (h, s, byId, factList, badge, section) and the number, time and score formatters.

export const SCORE_LABELS = { 1: "no hire", 2: "maybe", 3: "hire", 4: "strong hire" };

/**
 * Creates an HTML element. `props` keys: `class`, `text`, `on<event>` (functions), the DOM properties
 * `value`, `checked`, `selected`, `disabled`, `hidden`, `open`, `htmlFor`; anything else is an attribute.
 * Children may be nodes, strings (added as text), arrays, or null/false (skipped).
 */
export function h(tag, props, ...children) {
  const node = document.createElement(tag);
  applyProps(node, props);
  appendChildren(node, children);
  return node;
}

const PROPERTY_KEYS = new Set(["value", "checked", "selected", "disabled", "hidden", "open", "htmlFor"]);

function applyProps(node, props) {
  for (const [key, value] of Object.entries(props || {})) {
    if (value === undefined || value === null || value === false) continue;
    if (key === "class") node.setAttribute("class", value);
    else if (key === "text") node.textContent = String(value);
    else if (key.startsWith("on") && typeof value === "function") node.addEventListener(key.slice(2), value);
    else if (PROPERTY_KEYS.has(key)) node[key] = value;
    else node.setAttribute(key, value === true ? "" : String(value));
  }
}

function appendChildren(node, children) {
  for (const child of children.flat(Infinity)) {
    if (child === null || child === undefined || child === false) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
}

const SVG_NS = "http://www.w3.org/2000/svg";

/** Creates an SVG element; every prop is an attribute except `class`/`text`. */
export function s(tag, attrs, ...children) {
  const node = document.createElementNS(SVG_NS, tag);
  for (const [key, value] of Object.entries(attrs || {})) {
    if (value === undefined || value === null || value === false) continue;
    if (key === "text") node.textContent = String(value);
    else node.setAttribute(key, String(value));
  }
  appendChildren(node, children);
  return node;
}

export function byId(id) {
  return document.getElementById(id);
}

/** A definition list from [term, description] pairs; descriptions may be nodes or text. */
export function factList(pairs, props) {
  const list = h("dl", Object.assign({ class: "facts" }, props));
  for (const [term, description] of pairs) {
    if (description === null || description === undefined) continue;
    list.append(h("dt", null, term), h("dd", null, description));
  }
  return list;
}

export function badge(text, kind) {
  return h("span", { class: kind ? `badge ${kind}` : "badge" }, text);
}

export function section(id, title, ...children) {
  return h("section", { id, class: "report-section", "aria-labelledby": `${id}-title` }, h("h3", { id: `${id}-title` }, title), children);
}

export function fmtInt(n) {
  return Number(n).toLocaleString("en-US", { maximumFractionDigits: 0 });
}

export function fmtNumber(n, digits) {
  return Number(n).toLocaleString("en-US", { maximumFractionDigits: digits });
}

/** Elapsed milliseconds as mm:ss (minutes keep counting past 59). */
export function fmtClock(ms) {
  const total = Math.max(0, Math.floor(ms / 1000));
  const minutes = Math.floor(total / 60);
  const seconds = total % 60;
  return `${String(minutes).padStart(2, "0")}:${String(seconds).padStart(2, "0")}`;
}

export function fmtWhen(epochMs) {
  if (!epochMs) return "";
  return new Date(epochMs).toLocaleTimeString([], { hour: "2-digit", minute: "2-digit", second: "2-digit" });
}

export function fmtSeconds(seconds) {
  if (!Number.isFinite(seconds)) return "forever";
  if (seconds < 0.001) return "under a millisecond";
  if (seconds < 1) return `${fmtNumber(seconds * 1000, 0)} ms`;
  if (seconds < 120) return `${fmtNumber(seconds, 1)} s`;
  if (seconds < 7200) return `${fmtNumber(seconds / 60, 0)} min`;
  if (seconds < 172800) return `${fmtNumber(seconds / 3600, 0)} hours`;
  return `${fmtNumber(seconds / 86400, 0)} days`;
}

const SI_PREFIXES = ["", "k", "M", "G", "T", "P", "E"];

/** 10^k as a short label: 1, 10, 100, 1k, 10k, …; with a unit: 1 B, 10 B, 100 B, 1 kB, …. */
export function fmtPow10(k, unit) {
  if (k < 0) return unit ? `1e${k} ${unit}` : `1e${k}`;
  const group = Math.min(Math.floor(k / 3), SI_PREFIXES.length - 1);
  const mantissa = 10 ** (k - group * 3);
  return unit ? `${mantissa} ${SI_PREFIXES[group]}${unit}` : `${mantissa}${SI_PREFIXES[group]}`;
}

export function scoreLabel(score) {
  return SCORE_LABELS[score] ? `${score} — ${SCORE_LABELS[score]}` : String(score);
}
