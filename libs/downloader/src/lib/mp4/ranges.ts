/** Half-open byte interval [start, end). */
export type Interval = [number, number];

/** Adds [start, end) to a sorted, merged interval list (in place) and returns it. */
export function addInterval(list: Interval[], start: number, end: number): Interval[] {
  if (end <= start) return list;
  let i = 0;
  while (i < list.length && list[i][1] < start) i++;
  let s = start;
  let e = end;
  let j = i;
  while (j < list.length && list[j][0] <= e) {
    s = Math.min(s, list[j][0]);
    e = Math.max(e, list[j][1]);
    j++;
  }
  list.splice(i, j - i, [s, e]);
  return list;
}

export function coveredBytes(list: Interval[]): number {
  return list.reduce((sum, [s, e]) => sum + (e - s), 0);
}

/** The gaps of `done` within [0, size). */
export function missingIntervals(done: Interval[], size: number): Interval[] {
  const gaps: Interval[] = [];
  let pos = 0;
  for (const [s, e] of done) {
    if (s > pos) gaps.push([pos, Math.min(s, size)]);
    pos = Math.max(pos, e);
  }
  if (pos < size) gaps.push([pos, size]);
  return gaps.filter(([s, e]) => e > s);
}

/**
 * Splits the missing bytes into at most `parts` pieces of similar size (never smaller than
 * `minPartSize`), each inside one gap, so every connection gets one long request.
 */
export function planParts(gaps: Interval[], parts: number, minPartSize: number): Interval[] {
  const total = coveredBytes(gaps);
  if (total === 0) return [];
  const target = Math.max(minPartSize, Math.ceil(total / Math.max(1, parts)));
  const out: Interval[] = [];
  for (const [s, e] of gaps) {
    const n = Math.max(1, Math.round((e - s) / target));
    const size = Math.ceil((e - s) / n);
    for (let p = s; p < e; p += size) out.push([p, Math.min(e, p + size)]);
  }
  return out;
}
