import { queueItem } from '../testing/factories';
import { STALLED_AFTER_MS, progressTitle, queueTotals, stalledReason } from './queue-live';

const running = (id: string, done: number, total: number | null, speed: number) =>
  queueItem({
    id,
    status: 'downloading',
    hoster: 'VOE',
    progress: {
      percent: total ? (done / total) * 100 : null,
      bytes_done: done,
      bytes_total: total,
      speed_mbps: speed,
      eta_seconds: null,
    },
  });

describe('queue totals from live progress', () => {
  it('adds the speeds and weighs the progress by size', () => {
    const totals = queueTotals([running('a', 30e6, 100e6, 2), running('b', 60e6, 100e6, 1.5)]);
    expect(totals).toMatchObject({ count: 2, speedMbps: 3.5, percent: 45 });
    // 110 MB left at 3.5 MB/s.
    expect(totals.etaSeconds).toBeCloseTo(110 / 3.5, 5);
  });

  it('knows nothing before the first progress, and no ETA without speed', () => {
    expect(queueTotals([queueItem({ status: 'downloading' })])).toEqual({
      count: 1,
      speedMbps: 0,
      etaSeconds: null,
      percent: null,
    });
    expect(queueTotals([running('a', 1, 10, 0)]).etaSeconds).toBeNull();
  });

  it('titles the tab with the count and progress while downloads run', () => {
    const title = progressTitle(
      'Queue · Aniworld',
      queueTotals([running('a', 30, 100, 1), running('b', 60, 100, 1)]),
    );
    expect(title).toBe('(2) 45 % · Queue · Aniworld');
    expect(progressTitle('Queue · Aniworld', queueTotals([]))).toBe('Queue · Aniworld');
  });
});

describe('stalled downloads', () => {
  it('says stalled, from which hoster and for how long, once data stops', () => {
    const item = running('a', 10, 100, 0);
    expect(stalledReason(item, 1_000, 1_000 + STALLED_AFTER_MS - 1)).toBeNull();
    expect(stalledReason(item, 1_000, 41_000)).toMatch(/^Stalled: no data from VOE for 40 s\./);
    expect(stalledReason({ ...item, progress: null }, 0, 20_000)).toMatch(/^Waiting: no data/);
    expect(stalledReason(queueItem(), 0, 99_000)).toBeNull();
  });
});
