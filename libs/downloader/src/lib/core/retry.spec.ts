import { Aborted, HttpStatusError, LinkExpired, NetworkError } from './errors';
import { backoffDelay, withRetry } from './retry';
import { silentLogger } from './types';

const policy = { maxAttempts: 3, baseDelayMs: 1 };

describe('backoffDelay', () => {
  it('doubles per attempt within ±25 % and stops at the cap', () => {
    const p = { maxAttempts: 9, baseDelayMs: 100, maxDelayMs: 1000 };
    expect(backoffDelay(1, p, () => 0.5)).toBe(100);
    expect(backoffDelay(3, p, () => 0.5)).toBe(400);
    expect(backoffDelay(3, p, () => 0)).toBe(300);
    expect(backoffDelay(9, p, () => 1)).toBe(1250);
  });
});

describe('withRetry', () => {
  it('retries retryable errors and returns the first success', async () => {
    let calls = 0;
    const r = await withRetry(
      'x',
      async () => {
        calls++;
        if (calls < 3) throw new HttpStatusError('u', 503);
        return 'ok';
      },
      { policy, logger: silentLogger },
    );
    expect(r).toBe('ok');
    expect(calls).toBe(3);
  });
  it('gives up after maxAttempts with the last error', async () => {
    let calls = 0;
    const fn = async (): Promise<never> => {
      calls++;
      throw new NetworkError('u', new Error('reset'));
    };
    await expect(withRetry('x', fn, { policy, logger: silentLogger })).rejects.toBeInstanceOf(
      NetworkError,
    );
    expect(calls).toBe(3);
  });
  it('does not retry a non-retryable error', async () => {
    let calls = 0;
    const fn = async (): Promise<never> => {
      calls++;
      throw new LinkExpired('u', 403);
    };
    await expect(withRetry('x', fn, { policy, logger: silentLogger })).rejects.toBeInstanceOf(
      LinkExpired,
    );
    expect(calls).toBe(1);
  });
  it('does not count attempts that made progress', async () => {
    let calls = 0;
    const r = await withRetry(
      'x',
      async () => {
        calls++;
        if (calls < 6) throw new NetworkError('u', new Error('dropped'));
        return calls;
      },
      { policy, logger: silentLogger, madeProgress: () => true },
    );
    expect(r).toBe(6);
  });
  it('stops with Aborted when the signal fires', async () => {
    const ac = new AbortController();
    const fn = async (): Promise<never> => {
      ac.abort();
      throw new NetworkError('u', new Error('x'));
    };
    await expect(
      withRetry('x', fn, { policy, logger: silentLogger, signal: ac.signal }),
    ).rejects.toBeInstanceOf(Aborted);
  });
});
