// The score sheet as data: normalising, comparing and the edits the sheet's controls make (each returns a new sheet).

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

export function sameSheet(a, b) {
  return JSON.stringify(normalizeSheet(a)) === JSON.stringify(normalizeSheet(b));
}

/** The domains scored beside the foundational questions. */
export const DOMAINS = [
  { key: "coding", label: "Coding problem" },
  { key: "experience", label: "Real-world experience" },
  { key: "communication", label: "Communication" },
];

export function setDomain(sheet, key, change) {
  return { ...sheet, [key]: { ...sheet[key], ...change } };
}

/** Adds a question (a bank id or the interviewer's own text) unless it is blank or already there. */
export function addQuestion(sheet, question) {
  const text = question.trim();
  if (!text || sheet.foundations.some((q) => q.question === text)) return sheet;
  return { ...sheet, foundations: [...sheet.foundations, { question: text, score: null, notes: "" }] };
}

export function removeQuestion(sheet, index) {
  return { ...sheet, foundations: sheet.foundations.filter((_, i) => i !== index) };
}

export function setQuestion(sheet, index, change) {
  return { ...sheet, foundations: sheet.foundations.map((q, i) => (i === index ? { ...q, ...change } : q)) };
}

/** Ticks or unticks a flag; ticked flags keep the bank's order, unknown ones follow. */
export function setFlag(sheet, field, bankFlags, id, ticked) {
  const set = new Set(sheet[field]);
  if (ticked) set.add(id);
  else set.delete(id);
  const known = bankFlags.map((f) => f.id).filter((f) => set.has(f));
  const unknown = [...set].filter((f) => !known.includes(f));
  return { ...sheet, [field]: known.concat(unknown) };
}

/** The bank's question for an id, or null for the interviewer's own. */
export function bankQuestion(bank, id) {
  return bank.questions.find((q) => q.id === id) || null;
}

/** The bank grouped by topic, in the bank's order: [[topic, questions]]. */
export function questionsByTopic(bank) {
  const groups = new Map();
  for (const q of bank.questions) {
    const topic = q.topic || "Other";
    if (!groups.has(topic)) groups.set(topic, []);
    groups.get(topic).push(q);
  }
  return [...groups];
}
