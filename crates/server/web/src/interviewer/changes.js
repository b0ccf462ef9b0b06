// What changed between two versions of the candidate's code, by CodeMirror's diff (line numbers, counts).
import { Chunk } from "@codemirror/merge";
import { Text } from "@codemirror/state";

const asText = (source) => Text.of((source ?? "").replace(/\r\n?/g, "\n").split("\n"));

/** The changed chunks as line ranges: { fromA, toA, fromB, toB } (1-based, `to` exclusive). */
export function changedLineRanges(before, after) {
  const a = asText(before);
  const b = asText(after);
  const lines = (doc, from, to, end) =>
    to > from ? [doc.lineAt(from).number, doc.lineAt(end).number + 1] : [doc.lineAt(from).number, doc.lineAt(from).number];
  return Chunk.build(a, b).map((chunk) => {
    const [fromA, toA] = lines(a, chunk.fromA, chunk.toA, chunk.endA);
    const [fromB, toB] = lines(b, chunk.fromB, chunk.toB, chunk.endB);
    return { fromA, toA, fromB, toB };
  });
}

/** The line numbers in `after` that are new or changed since `before`. */
export function changedLines(before, after) {
  return changedLineRanges(before, after).flatMap(({ fromB, toB }) => Array.from({ length: toB - fromB }, (_, i) => fromB + i));
}

/** How many lines were added and removed. */
export function lineCounts(before, after) {
  if (!before || !after) return { added: lineCount(after), removed: lineCount(before) };
  let added = 0;
  let removed = 0;
  for (const range of changedLineRanges(before, after)) {
    added += range.toB - range.fromB;
    removed += range.toA - range.fromA;
  }
  return { added, removed };
}

/** The number of lines of a source (a final newline ends the last line; it does not start one). */
export function lineCount(source) {
  if (!source) return 0;
  const lines = source.replace(/\r\n?/g, "\n").split("\n");
  return lines[lines.length - 1] === "" ? lines.length - 1 : lines.length;
}
