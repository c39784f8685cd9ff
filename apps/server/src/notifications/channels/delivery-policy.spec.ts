import { FLAG_AFTER_FAILURES, MAX_ATTEMPTS, nextAttemptAt, shouldFlag } from './delivery-policy';

describe('delivery policy', () => {
  it('backs off exponentially from 30 s, capped at an hour', () => {
    expect(nextAttemptAt(1, 0)).toBe(30_000);
    expect(nextAttemptAt(2, 0)).toBe(60_000);
    expect(nextAttemptAt(3, 1000)).toBe(121_000);
  });

  it('gives a message up after the last attempt', () => {
    expect(nextAttemptAt(MAX_ATTEMPTS - 1, 0)).not.toBeNull();
    expect(nextAttemptAt(MAX_ATTEMPTS, 0)).toBeNull();
  });

  it('flags a channel after repeated failures in a row', () => {
    expect(shouldFlag(FLAG_AFTER_FAILURES - 1)).toBe(false);
    expect(shouldFlag(FLAG_AFTER_FAILURES)).toBe(true);
  });
});
