import type { ErrorCode } from '@aniworld/contracts';

export type ChallengeKind =
  'cloudflare' | 'ddos-guard' | 'turnstile' | 'recaptcha' | 'hcaptcha' | 'altcha' | 'unknown';

/**
 * Base of every error this library throws. `code` is one of the contracts' `ErrorCode` values so
 * the server can map it to an HTTP answer without knowing the class; `details` is safe to show.
 */
export abstract class ProviderError extends Error {
  abstract readonly code: ErrorCode;
  readonly details: Record<string, unknown>;

  protected constructor(message: string, details: Record<string, unknown>, cause?: unknown) {
    super(message, cause === undefined ? undefined : { cause });
    this.name = new.target.name;
    this.details = details;
  }
}

/** An anti-bot page (Cloudflare, DDoS-Guard, a captcha) stood where content was expected. */
export class ChallengeRequired extends ProviderError {
  readonly code = 'CHALLENGE_REQUIRED' as const;
  constructor(
    readonly url: string,
    readonly kind: ChallengeKind,
    readonly status?: number,
  ) {
    super(`Challenge page (${kind}) at ${url}`, { url, kind, status });
  }
}

/** The page was fetched but did not contain what the parser requires. */
export class ParseFailed extends ProviderError {
  readonly code = 'PARSE_FAILED' as const;
  constructor(
    readonly site: string,
    readonly page: string,
    readonly missing: string,
  ) {
    super(`${site}: could not find ${missing} on ${page}`, { site, page, missing });
  }
}

/** The hoster says the video was removed (404/410, "File was deleted" …). Not worth a retry. */
export class VideoGone extends ProviderError {
  readonly code = 'VIDEO_GONE' as const;
  constructor(
    readonly hoster: string,
    readonly url: string,
    readonly reason?: string,
  ) {
    super(`${hoster}: video gone at ${url}${reason ? ` (${reason})` : ''}`, {
      hoster,
      url,
      reason,
    });
  }
}

/** The hoster is down or answers in a way no extractor step can use; another hoster may work. */
export class HosterUnavailable extends ProviderError {
  readonly code = 'HOSTER_UNAVAILABLE' as const;
  constructor(
    readonly hoster: string,
    readonly url: string,
    readonly reason: string,
    cause?: unknown,
  ) {
    super(`${hoster} unavailable at ${url}: ${reason}`, { hoster, url, reason }, cause);
  }
}

/** No extractor knows this hoster name or embed URL. */
export class UnknownHoster extends ProviderError {
  // contracts have no dedicated code; to a caller it means "this hoster cannot be used".
  readonly code = 'HOSTER_UNAVAILABLE' as const;
  constructor(
    readonly hoster: string,
    readonly url?: string,
  ) {
    super(`Unknown hoster "${hoster}"${url ? ` for ${url}` : ''}`, { hoster, url, unknown: true });
  }
}

/** The upstream kept failing (429/5xx or the network) after every retry. */
export class UpstreamError extends ProviderError {
  readonly code = 'UPSTREAM_ERROR' as const;
  constructor(
    /** HTTP status of the last attempt; 0 for a network error. */
    readonly status: number,
    readonly url: string,
    cause?: unknown,
  ) {
    super(
      status === 0 ? `Network error for ${url}` : `Upstream answered ${status} for ${url}`,
      { status, url },
      cause,
    );
  }
}

/**
 * The upstream sent more than the configured limit (counted while the body streams in, and again
 * after inflating gzip/deflate/br), so reading stopped. A definite answer from that upstream: a
 * hoster that does this is skipped, not retried.
 */
export class ResponseTooLarge extends ProviderError {
  readonly code = 'UPSTREAM_ERROR' as const;
  constructor(
    readonly url: string,
    /** The limit in bytes that was passed. */
    readonly limit: number,
    readonly stage: 'body' | 'inflated',
  ) {
    super(
      `Response from ${url} exceeds ${limit} bytes${stage === 'inflated' ? ' once inflated' : ''}`,
      { url, limit, stage, reason: 'too-large' },
    );
  }
}

/**
 * The request (waiting for a politeness slot, retries and the whole body included) did not end
 * within its overall deadline; a page that drips a byte now and then ends here. `status` 408 lets
 * the queue treat it like "not reachable right now".
 */
export class UpstreamTimeout extends ProviderError {
  readonly code = 'UPSTREAM_ERROR' as const;
  readonly status = 408;
  constructor(
    readonly url: string,
    readonly deadlineMs: number,
  ) {
    super(`No complete answer from ${url} within ${deadlineMs} ms`, {
      url,
      deadlineMs,
      reason: 'deadline',
    });
  }
}

/**
 * A URL taken from a page (a redirect target, an embed or media URL) points at a private,
 * loopback or link-local address while the configured sites are public: refused, so a hostile
 * page cannot make the server send requests into the local network.
 */
export class UnsafeDestination extends ProviderError {
  readonly code = 'HOSTER_UNAVAILABLE' as const;
  constructor(
    readonly url: string,
    readonly address: string,
  ) {
    super(`Refused ${url}: it points at the internal address ${address}`, {
      url,
      address,
      reason: 'internal-address',
    });
  }
}

/** The site does not know the series (404 or its "not found" page). */
export class SeriesNotFound extends ProviderError {
  readonly code = 'SERIES_NOT_FOUND' as const;
  constructor(
    readonly site: string,
    readonly key: string,
    readonly url: string,
  ) {
    super(`${site}: series "${key}" not found`, { site, key, url });
  }
}

/** The site knows the series but not this season/episode. */
export class EpisodeNotFound extends ProviderError {
  readonly code = 'EPISODE_NOT_FOUND' as const;
  constructor(
    readonly site: string,
    readonly url: string,
  ) {
    super(`${site}: no such season or episode at ${url}`, { site, url });
  }
}

export function isProviderError(error: unknown): error is ProviderError {
  return error instanceof ProviderError;
}
