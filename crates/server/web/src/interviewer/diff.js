// Line diff of two texts by longest common subsequence.

/** Above this many table cells the diff gives up on alignment and shows "all removed, all added". */
const MAX_DIFF_CELLS = 4000000;

export function splitLines(text) {
  if (!text) return [];
  const lines = text.replace(/\r\n?/g, "\n").split("\n");
  if (lines.length > 1 && lines[lines.length - 1] === "") lines.pop();
  return lines;
}

/**
 * The line diff turning `before` into `after`: a list of { op: " " | "-" | "+", line }.
 * The common head and tail are peeled off first so the quadratic part only sees the changed middle.
 */
export function diffLines(before, after) {
  const a = splitLines(before);
  const b = splitLines(after);
  let start = 0;
  while (start < a.length && start < b.length && a[start] === b[start]) start++;
  let endA = a.length;
  let endB = b.length;
  while (endA > start && endB > start && a[endA - 1] === b[endB - 1]) {
    endA--;
    endB--;
  }
  const same = (line) => ({ op: " ", line });
  return [
    ...a.slice(0, start).map(same),
    ...diffMiddle(a.slice(start, endA), b.slice(start, endB)),
    ...a.slice(endA).map(same),
  ];
}

function diffMiddle(a, b) {
  const removed = (line) => ({ op: "-", line });
  const added = (line) => ({ op: "+", line });
  if (a.length * b.length > MAX_DIFF_CELLS) return [...a.map(removed), ...b.map(added)];
  const table = lcsTable(a, b);
  const width = b.length + 1;
  const ops = [];
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    if (a[i] === b[j]) {
      ops.push({ op: " ", line: a[i] });
      i++;
      j++;
    } else if (table[(i + 1) * width + j] >= table[i * width + j + 1]) {
      ops.push(removed(a[i]));
      i++;
    } else {
      ops.push(added(b[j]));
      j++;
    }
  }
  while (i < a.length) ops.push(removed(a[i++]));
  while (j < b.length) ops.push(added(b[j++]));
  return ops;
}

/** table[i * (b.length + 1) + j] = length of the LCS of a[i..] and b[j..]. */
function lcsTable(a, b) {
  const width = b.length + 1;
  const table = new Uint32Array((a.length + 1) * width);
  for (let i = a.length - 1; i >= 0; i--) {
    for (let j = b.length - 1; j >= 0; j--) {
      table[i * width + j] =
        a[i] === b[j] ? table[(i + 1) * width + j + 1] + 1 : Math.max(table[(i + 1) * width + j], table[i * width + j + 1]);
    }
  }
  return table;
}
