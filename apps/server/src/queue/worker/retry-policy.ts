/**
 * How a failed run ends:
 * - `transient`: worth trying again later (the site answered 5xx/429 or not at all, a hoster
 *   could not be reached, a download stalled or lost its connection, a challenge page).
 * - `permanent`: trying again will not help (the episode or series is gone from the site, every
 *   hoster answered that the video is gone or failed with an HTTP/parse/verification error).
 * - `local`: our side (disk full, permission denied). Not the item's fault, and every other item
 *   would fail the same way: the item goes back to pending with its attempts unchanged, the queue
 *   pauses and the operator is told what to fix (see the queue README).
 */
export type FailureKind = 'transient' | 'permanent' | 'local';

/** Codes that mean "not reachable right now" rather than "this will not work". */
const UNREACHABLE_CODES = new Set(['NETWORK', 'STALLED', 'CHALLENGE_REQUIRED', 'RATE_LIMITED']);
const RETRY_LATER_STATUS = new Set([0, 408, 429]);

function codeOf(error: unknown): { code: string | null; status: number | null } {
  if (!(error instanceof Error)) return { code: null, status: null };
  const { code, status } = error as Error & { code?: unknown; status?: unknown };
  return {
    code: typeof code === 'string' ? code : null,
    status: typeof status === 'number' ? status : null,
  };
}

/** Whether an error means "nothing could be reached right now" (vs. a definite answer). */
export function isUnreachableError(error: unknown): boolean {
  const { code, status } = codeOf(error);
  if (code && UNREACHABLE_CODES.has(code)) return true;
  return code === 'UPSTREAM_ERROR' && status !== null && RETRY_LATER_STATUS.has(status);
}

/** Site-level failures (before any hoster was tried): only "gone" and "unparseable" are final. */
export function classifySiteError(error: unknown): FailureKind {
  const { code } = codeOf(error);
  if (code === 'SERIES_NOT_FOUND' || code === 'EPISODE_NOT_FOUND' || code === 'PARSE_FAILED')
    return 'permanent';
  if (code === 'UPSTREAM_ERROR' || isUnreachableError(error)) return 'transient';
  return 'permanent';
}

/** The downloader's typed errors and the raw errno codes of our own file operations. */
const DISK_FULL_CODES = new Set(['DISK_FULL', 'ENOSPC', 'EDQUOT']);
const PERMISSION_CODES = new Set(['PERMISSION_DENIED', 'EACCES', 'EPERM', 'EROFS']);

/**
 * Disk full or no permission (our side, not the hoster's): what the operator has to do about it,
 * or null for any other error.
 */
export function localFailureHint(error: unknown): string | null {
  const { code } = codeOf(error);
  if (code && DISK_FULL_CODES.has(code))
    return 'Free some space on the disk of the anime directory, then resume the queue.';
  if (code && PERMISSION_CODES.has(code))
    return "Give the server's user write access to the anime directory, then resume the queue.";
  return null;
}

export function isLocalError(error: unknown): boolean {
  return localFailureHint(error) !== null;
}

/**
 * Every candidate failed: transient when at least one hoster was merely unreachable (it may work
 * later); permanent when every hoster gave a definite answer (gone, HTTP error, bad media), or
 * when there was no link in the wanted languages at all.
 */
export function classifyHosterFailures(unreachable: boolean[]): FailureKind {
  return unreachable.some(Boolean) ? 'transient' : 'permanent';
}

export interface RetryDecision {
  status: 'pending' | 'failed';
  attempts: number;
  nextAttemptAt: Date | null;
}

/**
 * After a failed run: a transient failure goes back to pending with `attempts + 1` and waits
 * `backoff × 2^(attempts-1)` seconds, until `maxRetries` retries are used up; a local one goes
 * back to pending as it was (the queue pauses until the operator fixed it); a permanent one fails.
 */
export function decideRetry(
  kind: FailureKind,
  attemptsBefore: number,
  settings: { max_retries: number; retry_backoff_seconds: number },
  now: number,
): RetryDecision {
  if (kind === 'local') return { status: 'pending', attempts: attemptsBefore, nextAttemptAt: null };
  const attempts = attemptsBefore + 1;
  if (kind !== 'transient' || attempts > settings.max_retries)
    return { status: 'failed', attempts, nextAttemptAt: null };
  return {
    status: 'pending',
    attempts,
    nextAttemptAt: new Date(now + backoffMs(settings.retry_backoff_seconds, attempts)),
  };
}

export function backoffMs(baseSeconds: number, attempts: number): number {
  return Math.round(baseSeconds * 1000 * 2 ** Math.max(0, attempts - 1));
}
