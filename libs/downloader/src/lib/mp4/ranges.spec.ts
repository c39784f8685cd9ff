import { addInterval, coveredBytes, missingIntervals, planParts, type Interval } from './ranges';

describe('interval bookkeeping', () => {
  it('merges touching and overlapping intervals', () => {
    const list: Interval[] = [];
    addInterval(list, 10, 20);
    addInterval(list, 30, 40);
    addInterval(list, 20, 25);
    expect(list).toEqual([
      [10, 25],
      [30, 40],
    ]);
    addInterval(list, 24, 31);
    expect(list).toEqual([[10, 40]]);
    addInterval(list, 0, 5);
    addInterval(list, 50, 50);
    expect(list).toEqual([
      [0, 5],
      [10, 40],
    ]);
    expect(coveredBytes(list)).toBe(35);
  });

  it('finds the gaps of a file', () => {
    expect(missingIntervals([], 100)).toEqual([[0, 100]]);
    expect(
      missingIntervals(
        [
          [0, 10],
          [20, 30],
        ],
        40,
      ),
    ).toEqual([
      [10, 20],
      [30, 40],
    ]);
    expect(missingIntervals([[0, 40]], 40)).toEqual([]);
  });
});

describe('planParts', () => {
  const MiB = 1024 * 1024;
  it('splits a whole file into one part per connection', () => {
    const parts = planParts([[0, 80 * MiB]], 8, MiB);
    expect(parts).toHaveLength(8);
    expect(parts[0]).toEqual([0, 10 * MiB]);
    expect(parts[7][1]).toBe(80 * MiB);
  });
  it('never makes parts smaller than the minimum', () => {
    expect(planParts([[0, 3 * MiB]], 8, MiB)).toHaveLength(3);
    expect(planParts([[0, 1000]], 8, MiB)).toEqual([[0, 1000]]);
  });
  it('covers exactly the gaps left by a resumed download', () => {
    const gaps: Interval[] = [
      [5 * MiB, 9 * MiB],
      [20 * MiB, 40 * MiB],
    ];
    const parts = planParts(gaps, 4, MiB);
    expect(coveredBytes(parts)).toBe(24 * MiB);
    for (const [s, e] of parts) expect(gaps.some(([gs, ge]) => s >= gs && e <= ge)).toBe(true);
  });
  it('plans nothing for a complete file', () => expect(planParts([], 8, MiB)).toEqual([]));
});
