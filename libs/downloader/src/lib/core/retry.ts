import { Aborted, DownloadError, isRetryable } from './errors';
import { sleep } from './sleep';
import type { DownloadLogger } from './types';

export interface RetryPolicy {
  maxAttempts: number;
  baseDelayMs: number;
  maxDelayMs?: number;
}

/** Exponential backoff with ±25 % jitter so parallel segments do not retry in lockstep. */
export function backoffDelay(
  attempt: number,
  policy: RetryPolicy,
  random: () => number = Math.random,
): number {
  const raw = Math.min(policy.maxDelayMs ?? 10_000, policy.baseDelayMs * 2 ** (attempt - 1));
  return Math.round(raw * (0.75 + random() * 0.5));
}

/**
 * Runs `fn` until it succeeds, a non-retryable error occurs, or the attempts are used up. An
 * attempt that made progress (`fn` returns through `madeProgress`) does not count as a failure:
 * a server that drops every connection after some bytes still lets the download finish.
 */
export async function withRetry<T>(
  label: string,
  fn: (attempt: number) => Promise<T>,
  opts: {
    policy: RetryPolicy;
    signal?: AbortSignal;
    logger: DownloadLogger;
    madeProgress?: () => boolean;
  },
): Promise<T> {
  let failures = 0;
  for (let attempt = 1; ; attempt++) {
    try {
      return await fn(attempt);
    } catch (err) {
      if (opts.signal?.aborted) throw new Aborted();
      if (!isRetryable(err)) throw err;
      failures = opts.madeProgress?.() ? 1 : failures + 1;
      if (failures >= opts.policy.maxAttempts) throw err;
      const delay = backoffDelay(failures, opts.policy);
      opts.logger.warn(`retrying ${label} in ${delay} ms`, {
        attempt,
        error: err instanceof DownloadError ? err.code : String(err),
        message: (err as Error).message,
      });
      await sleep(delay, opts.signal);
    }
  }
}
