/**
 * Retries of outbound notifications. A message is tried up to {@link MAX_ATTEMPTS} times with
 * exponential backoff (30 s, 1 min, 2 min, … capped at an hour), then given up. A channel whose
 * deliveries failed {@link FLAG_AFTER_FAILURES} times in a row is flagged `failing`: nothing more
 * is queued or sent for it until the user saves or tests it again — a dead endpoint must not be
 * retried forever, nor fill the outbox.
 */
export const MAX_ATTEMPTS = 6;
export const FLAG_AFTER_FAILURES = 5;
const FIRST_BACKOFF_MS = 30_000;
const MAX_BACKOFF_MS = 60 * 60 * 1000;

/** When to try again after the `attempts`-th failed attempt; null = give up. */
export function nextAttemptAt(attempts: number, now: number): number | null {
  if (attempts >= MAX_ATTEMPTS) return null;
  return now + Math.min(FIRST_BACKOFF_MS * 2 ** (attempts - 1), MAX_BACKOFF_MS);
}

export function shouldFlag(consecutiveFailures: number): boolean {
  return consecutiveFailures >= FLAG_AFTER_FAILURES;
}
