import { DiskFull, NetworkError, PermissionDenied, StalledError } from '@aniworld/downloader';
import { ChallengeRequired, EpisodeNotFound, UpstreamError, VideoGone } from '@aniworld/providers';
import {
  backoffMs,
  classifyHosterFailures,
  classifySiteError,
  decideRetry,
  isLocalError,
  isUnreachableError,
  localFailureHint,
} from './retry-policy';
import { Debouncer, Throttle } from './throttle';

class ManualClock {
  t = 1_000_000;
  now(): number {
    return this.t;
  }
}

describe('retry policy', () => {
  const settings = { max_retries: 3, retry_backoff_seconds: 30 };
  const now = Date.UTC(2026, 0, 1);

  it('backs off exponentially: base × 2^(attempts-1)', () => {
    expect([1, 2, 3, 4].map((a) => backoffMs(30, a))).toEqual([30_000, 60_000, 120_000, 240_000]);
  });

  it('retries a transient failure up to max_retries times, then fails', () => {
    expect(decideRetry('transient', 0, settings, now)).toEqual({
      status: 'pending',
      attempts: 1,
      nextAttemptAt: new Date(now + 30_000),
    });
    expect(decideRetry('transient', 2, settings, now)).toEqual({
      status: 'pending',
      attempts: 3,
      nextAttemptAt: new Date(now + 120_000),
    });
    expect(decideRetry('transient', 3, settings, now)).toEqual({
      status: 'failed',
      attempts: 4,
      nextAttemptAt: null,
    });
    expect(decideRetry('transient', 0, { ...settings, max_retries: 0 }, now).status).toBe('failed');
  });

  it('never retries permanent failures', () => {
    expect(decideRetry('permanent', 0, settings, now).status).toBe('failed');
  });

  it('puts a local failure back as it was: no attempt used, no backoff (the queue pauses)', () => {
    expect(decideRetry('local', 2, settings, now)).toEqual({
      status: 'pending',
      attempts: 2,
      nextAttemptAt: null,
    });
    // Not even when the retries are used up: it is not the item's fault.
    expect(decideRetry('local', 3, settings, now).status).toBe('pending');
  });

  it('tells unreachable from definite answers', () => {
    expect(isUnreachableError(new UpstreamError(0, 'http://x'))).toBe(true);
    expect(isUnreachableError(new UpstreamError(429, 'http://x'))).toBe(true);
    expect(isUnreachableError(new NetworkError('http://x', new Error('reset')))).toBe(true);
    expect(isUnreachableError(new StalledError('http://x', 20_000))).toBe(true);
    expect(isUnreachableError(new ChallengeRequired('http://x', 'cloudflare'))).toBe(true);
    expect(isUnreachableError(new UpstreamError(500, 'http://x'))).toBe(false);
    expect(isUnreachableError(new VideoGone('VOE', 'http://x'))).toBe(false);
    expect(isUnreachableError(new Error('boom'))).toBe(false);
  });

  it('classifies site errors: gone is permanent, 5xx and network are transient', () => {
    expect(classifySiteError(new EpisodeNotFound('aniworld', 'http://x'))).toBe('permanent');
    expect(classifySiteError(new UpstreamError(503, 'http://x'))).toBe('transient');
    expect(classifySiteError(new UpstreamError(0, 'http://x'))).toBe('transient');
  });

  it('all hosters failed: transient only when one was unreachable', () => {
    expect(classifyHosterFailures([false, false])).toBe('permanent');
    expect(classifyHosterFailures([false, true])).toBe('transient');
    expect(classifyHosterFailures([])).toBe('permanent');
  });

  it('spots local failures, typed or raw from our own file operations, and names the fix', () => {
    expect(isLocalError(new DiskFull('/x'))).toBe(true);
    expect(isLocalError(new PermissionDenied('/x'))).toBe(true);
    expect(
      isLocalError(Object.assign(new Error('EACCES: permission denied'), { code: 'EACCES' })),
    ).toBe(true);
    expect(isLocalError(new NetworkError('http://x', null))).toBe(false);
    expect(isLocalError(new Error('boom'))).toBe(false);
    expect(localFailureHint(new DiskFull('/x'))).toMatch(/^Free some space/);
    expect(localFailureHint(Object.assign(new Error('no space'), { code: 'ENOSPC' }))).toMatch(
      /^Free some space/,
    );
    expect(localFailureHint(new PermissionDenied('/x'))).toMatch(/write access/);
  });
});

describe('Throttle', () => {
  it('lets one value through per interval and flushes the last held-back one', () => {
    const clock = new ManualClock();
    const seen: number[] = [];
    const throttle = new Throttle<number>(250, clock, (v) => seen.push(v));
    throttle.push(1);
    throttle.push(2);
    clock.t += 100;
    throttle.push(3);
    expect(seen).toEqual([1]);
    clock.t += 150;
    throttle.push(4);
    expect(seen).toEqual([1, 4]);
    throttle.push(5);
    throttle.flush();
    throttle.flush();
    expect(seen).toEqual([1, 4, 5]);
  });

  it('allows at most 4 values per second however fast they come', () => {
    const clock = new ManualClock();
    let count = 0;
    const throttle = new Throttle<number>(250, clock, () => count++);
    for (let i = 0; i < 1000; i++) {
      throttle.push(i);
      clock.t += 1;
    }
    expect(count).toBe(4);
  });
});

describe('Debouncer', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it('runs once after the calls stop, and at least every maxWait while they continue', () => {
    const clock = { now: () => Date.now() };
    let runs = 0;
    const debouncer = new Debouncer(100, 300, clock, () => runs++);
    debouncer.call();
    debouncer.call();
    jest.advanceTimersByTime(99);
    expect(runs).toBe(0);
    jest.advanceTimersByTime(1);
    expect(runs).toBe(1);
    for (let i = 0; i < 10; i++) {
      debouncer.call();
      jest.advanceTimersByTime(50);
    }
    expect(runs).toBe(2);
    debouncer.call();
    debouncer.cancel();
    jest.advanceTimersByTime(1000);
    expect(runs).toBe(2);
  });
});
