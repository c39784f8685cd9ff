import { HttpErrorResponse, type HttpInterceptorFn } from '@angular/common/http';
import { Injectable, computed, inject, signal } from '@angular/core';
import { finalize, retry, throwError, timer } from 'rxjs';

/** A read retried after a longer wait than this is not worth holding the page for: it fails. */
export const MAX_RETRY_WAIT_SECONDS = 120;
/** A wait at least this long is shown (shorter ones pass unnoticed). */
export const NOTICE_AFTER_SECONDS = 3;
/** Retries of one request, each after the server's `Retry-After`. */
const MAX_RETRIES = 3;
/** Only these may be sent again without asking: they change nothing on the server. */
const IDEMPOTENT_READS = new Set(['GET', 'HEAD']);

/**
 * Seconds a 429 asks to wait: its `Retry-After` header (seconds or an HTTP date), else the
 * `details.retry_after_seconds` of the API's error body. Null for anything else.
 */
export function retryAfterSeconds(error: unknown, now = Date.now()): number | null {
  if (!(error instanceof HttpErrorResponse) || error.status !== 429) return null;
  const header = error.headers?.get('Retry-After')?.trim();
  if (header) {
    if (/^\d+$/.test(header)) return Number(header);
    const at = Date.parse(header);
    if (!Number.isNaN(at)) return Math.max(0, Math.ceil((at - now) / 1000));
  }
  const details = (error.error as { details?: { retry_after_seconds?: unknown } } | null)?.details;
  return typeof details?.retry_after_seconds === 'number' ? details.retry_after_seconds : null;
}

/** The waits in progress, for the shell's small notice ("continuing in n s"). */
@Injectable({ providedIn: 'root' })
export class RetryNotice {
  private readonly waits = signal<readonly number[]>([]);
  /** When the longest wait in progress ends (ms since the epoch), or null. */
  readonly until = computed(() => (this.waits().length ? Math.max(...this.waits()) : null));

  /** Registers a wait of `seconds`; the returned function ends it. */
  wait(seconds: number): () => void {
    const until = Date.now() + seconds * 1000;
    this.waits.update((w) => [...w, until]);
    let ended = false;
    return () => {
      if (ended) return;
      ended = true;
      this.waits.update((w) => {
        const i = w.indexOf(until);
        return i < 0 ? w : [...w.slice(0, i), ...w.slice(i + 1)];
      });
    };
  }
}

/**
 * A read (GET, HEAD) answered 429 with `Retry-After` is sent again once the time is up, up to
 * three times, so a busy moment does not leave a page with an error; a long wait shows a notice.
 * Writes are never sent again on their own: the error reaches the page, which says when to retry.
 */
export const retryAfterInterceptor: HttpInterceptorFn = (request, next) => {
  if (!IDEMPOTENT_READS.has(request.method)) return next(request);
  const notice = inject(RetryNotice);
  return next(request).pipe(
    retry({
      count: MAX_RETRIES,
      delay: (error: unknown) => {
        const seconds = retryAfterSeconds(error);
        if (seconds === null || seconds > MAX_RETRY_WAIT_SECONDS) return throwError(() => error);
        const done = seconds >= NOTICE_AFTER_SECONDS ? notice.wait(seconds) : () => undefined;
        return timer(seconds * 1000).pipe(finalize(done));
      },
    }),
  );
};
