import { findStalled, type Watched } from './stall-watch';

const req = (last: number, answered: boolean, paused = false): Watched => ({
  last,
  answered,
  paused,
  stalled: null,
  controller: new AbortController(),
});

describe('findStalled (virtual clock)', () => {
  it('flags an answered request that received nothing for the timeout', () => {
    const quiet = req(0, true);
    const busy = req(900, true);
    expect(findStalled([quiet, busy], 1000, 500)).toEqual([quiet]);
    expect(quiet.stalled?.idleMs).toBe(1000);
    expect(busy.stalled).toBeNull();
  });

  it('keeps a request queued behind a progressing one alive (pipelining), however long it waits', () => {
    const receiving = req(9_990, true);
    const queued = req(0, false);
    expect(findStalled([receiving, queued], 10_000, 500)).toEqual([]);
  });

  it('flags a queued request once nothing opened before it progresses either', () => {
    const stuck = req(0, true);
    const queued = req(100, false);
    expect(findStalled([stuck, queued], 1000, 500)).toEqual([stuck, queued]);
  });

  it('does not let a later request vouch for an earlier one', () => {
    const early = req(0, false);
    const late = req(950, true);
    expect(findStalled([early, late], 1000, 500)).toEqual([early]);
  });

  it('never flags a request paused by the bandwidth limit, nor the ones queued behind it', () => {
    const throttled = req(0, true, true);
    const queued = req(0, false);
    expect(findStalled([throttled, queued], 5000, 500)).toEqual([]);
  });
});
