// The score sheet's model: score parsing, normalisation and question bank look-up.

import { state } from "./state.js";

export function toScore(value) {
  const n = Number(value);
  return Number.isInteger(n) && n >= 1 && n <= 4 ? n : null;
}

function normalizeDomain(domain) {
  const d = domain || {};
  return { score: toScore(d.score), notes: typeof d.notes === "string" ? d.notes : "" };
}

/** The sheet with every field present and in a fixed order (so two sheets compare as strings). */
export function normalizeSheet(sheet) {
  const raw = sheet || {};
  return {
    foundations: (raw.foundations || []).map((q) => ({ question: String(q.question), score: toScore(q.score), notes: q.notes || "" })),
    coding: normalizeDomain(raw.coding),
    experience: normalizeDomain(raw.experience),
    communication: normalizeDomain(raw.communication),
    red_flags: (raw.red_flags || []).slice(),
    green_flags: (raw.green_flags || []).slice(),
    final_decision: raw.final_decision || null,
    notes: raw.notes || "",
  };
}

export function bankQuestion(id) {
  return state.bank.questions.find((q) => q.id === id) || null;
}
