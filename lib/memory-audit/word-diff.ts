// A word-level diff between two versions of an item, as text segments (never HTML): words and
// the whitespace between them are the tokens, so joining the "same" and "added" segments gives
// the new text back and "same" plus "removed" the old one.

export type DiffSegment = { op: "same" | "added" | "removed"; text: string };

// The longest-common-subsequence table is (n+1)·(m+1) cells; beyond this the middle is shown
// as one removal and one addition around the common start and end.
const MAX_CELLS = 4_000_000;

const tokens = (text: string) => text.match(/\s+|[^\s]+/g) ?? [];

function push(out: DiffSegment[], op: DiffSegment["op"], text: string) {
  const last = out.at(-1);
  if (last && last.op === op) last.text += text;
  else out.push({ op, text });
}

export function wordDiff(before: string, after: string): DiffSegment[] {
  const a = tokens(before);
  const b = tokens(after);
  // The common start and end cost nothing to find and shrink the table.
  let start = 0;
  while (start < a.length && start < b.length && a[start] === b[start]) start++;
  let end = 0;
  while (end < a.length - start && end < b.length - start && a[a.length - 1 - end] === b[b.length - 1 - end]) end++;
  const out: DiffSegment[] = [];
  push(out, "same", a.slice(0, start).join(""));
  const x = a.slice(start, a.length - end);
  const y = b.slice(start, b.length - end);
  if ((x.length + 1) * (y.length + 1) > MAX_CELLS) {
    push(out, "removed", x.join(""));
    push(out, "added", y.join(""));
  } else {
    // lcs[i][j]: the common subsequence length of x[i..] and y[j..], in one flat array.
    const w = y.length + 1;
    const lcs = new Uint32Array((x.length + 1) * w);
    for (let i = x.length - 1; i >= 0; i--) {
      for (let j = y.length - 1; j >= 0; j--) {
        lcs[i * w + j] = x[i] === y[j] ? lcs[(i + 1) * w + j + 1] + 1 : Math.max(lcs[(i + 1) * w + j], lcs[i * w + j + 1]);
      }
    }
    let i = 0;
    let j = 0;
    while (i < x.length && j < y.length) {
      if (x[i] === y[j]) {
        push(out, "same", x[i]);
        i++;
        j++;
      } else if (lcs[(i + 1) * w + j] >= lcs[i * w + j + 1]) push(out, "removed", x[i++]);
      else push(out, "added", y[j++]);
    }
    while (i < x.length) push(out, "removed", x[i++]);
    while (j < y.length) push(out, "added", y[j++]);
  }
  push(out, "same", a.slice(a.length - end).join(""));
  return out.filter((s) => s.text !== "");
}

/** A version's content as the page shows and diffs it: its JSON, indented. */
export function versionText(content: string): string {
  try {
    return JSON.stringify(JSON.parse(content), null, 2);
  } catch {
    return content;
  }
}
