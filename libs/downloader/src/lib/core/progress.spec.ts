import { ProgressTracker } from './progress';
import type { ProgressEvent } from './types';

function setup(): { t: ProgressTracker; events: ProgressEvent[]; advance: (ms: number) => void } {
  let now = 0;
  const events: ProgressEvent[] = [];
  const t = new ProgressTracker({ onProgress: (e) => events.push(e), now: () => now });
  return { t, events, advance: (ms) => (now += ms) };
}

describe('ProgressTracker', () => {
  it('emits at most 4 events per second however often bytes arrive', () => {
    const { t, events, advance } = setup();
    for (let i = 0; i < 1000; i++) {
      t.add(1000);
      advance(2); // 1000 chunks over 2 s
    }
    expect(events.length).toBeLessThanOrEqual(9);
    expect(events.length).toBeGreaterThanOrEqual(7);
  });

  it('reports percent and ETA from a known total', () => {
    const { t, advance } = setup();
    t.setTotal(10_000_000);
    for (let i = 0; i < 10; i++) {
      advance(100);
      t.add(100_000); // 1 MB/s
    }
    const s = t.snapshot();
    expect(s.bytesDone).toBe(1_000_000);
    expect(s.percent).toBeCloseTo(10);
    expect(s.speed).toBeGreaterThan(500_000);
    expect(s.etaSeconds).toBeGreaterThan(4);
  });

  it('smooths the speed instead of jumping with each sample', () => {
    const { t, advance } = setup();
    for (let i = 0; i < 20; i++) {
      advance(250);
      t.add(250_000); // 1 MB/s
      t.snapshot();
    }
    advance(250);
    t.add(2_500_000); // one burst at 10 MB/s
    const s = t.snapshot().speed;
    expect(s).toBeGreaterThan(1_000_000);
    expect(s).toBeLessThan(5_000_000);
  });

  it('counts resumed bytes as done but not as speed, and rolls back failed attempts', () => {
    const { t, advance } = setup();
    t.setTotal(1000, true);
    t.addResumed(600);
    advance(1000);
    t.add(100);
    t.rollback(50);
    const s = t.snapshot();
    expect(s.bytesDone).toBe(650);
    expect(s.totalIsEstimate).toBe(true);
    expect(s.speed).toBeCloseTo(100);
  });

  it('never reports more than 100 % when an estimate was low', () => {
    const { t } = setup();
    t.setTotal(100, true);
    t.add(150);
    expect(t.snapshot().percent).toBe(100);
    expect(t.snapshot().bytesTotal).toBe(150);
  });
});
