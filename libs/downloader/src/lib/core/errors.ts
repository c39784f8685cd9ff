/**
 * Typed failures of the download engine. The queue worker branches on `code` (or `instanceof`):
 * `LinkExpired` means "resolve the episode again and call download() again"; the partial file is
 * kept for that call to resume from.
 */
export type DownloadErrorCode =
  | 'LINK_EXPIRED'
  | 'HTTP_STATUS'
  | 'DISK_FULL'
  | 'PERMISSION_DENIED'
  | 'ABORTED'
  | 'STALLED'
  | 'VERIFICATION_FAILED'
  | 'INCOMPLETE_DOWNLOAD'
  | 'NETWORK'
  | 'INVALID_MEDIA';

export abstract class DownloadError extends Error {
  abstract readonly code: DownloadErrorCode;
  /** Whether trying the same request again may succeed (used by the per-request retry loop). */
  readonly retryable: boolean = false;

  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
  }
}

/** 403/410 on a media request: the signed URL is no longer valid; the caller re-resolves. */
export class LinkExpired extends DownloadError {
  readonly code = 'LINK_EXPIRED';
  constructor(
    readonly url: string,
    readonly status: number,
  ) {
    super(`link expired (HTTP ${status}) for ${redactUrl(url)}`);
  }
}

export class HttpStatusError extends DownloadError {
  readonly code = 'HTTP_STATUS';
  override readonly retryable: boolean;
  constructor(
    readonly url: string,
    readonly status: number,
  ) {
    super(`HTTP ${status} for ${redactUrl(url)}`);
    this.retryable = status >= 500 || status === 429 || status === 408;
  }
}

/** The connection broke (reset, closed early, DNS …); retryable. */
export class NetworkError extends DownloadError {
  readonly code = 'NETWORK';
  override readonly retryable = true;
  constructor(
    readonly url: string,
    cause: unknown,
  ) {
    super(`network error for ${redactUrl(url)}: ${describe(cause)}`, { cause });
  }
}

export class StalledError extends DownloadError {
  readonly code = 'STALLED';
  override readonly retryable = true;
  constructor(
    readonly url: string,
    readonly idleMs: number,
  ) {
    super(`no data for ${idleMs} ms from ${redactUrl(url)}`);
  }
}

/**
 * The whole download averaged less than the minimum throughput over the window: a CDN that sends
 * a few bytes a second never trips the idle watchdog, so this rule ends it. Not retried here; the
 * caller moves on to another source.
 */
export class TooSlow extends DownloadError {
  readonly code = 'STALLED';
  constructor(
    readonly bytesPerSecond: number,
    readonly minBytesPerSecond: number,
    readonly windowMs: number,
  ) {
    super(
      `download too slow: ${Math.round(bytesPerSecond)} B/s over ${Math.round(windowMs / 1000)} s (minimum ${minBytesPerSecond} B/s)`,
    );
  }
}

export class DiskFull extends DownloadError {
  readonly code = 'DISK_FULL';
  constructor(
    readonly path: string,
    cause?: unknown,
  ) {
    super(`no space left on the device while writing ${path}`, { cause });
  }
}

export class PermissionDenied extends DownloadError {
  readonly code = 'PERMISSION_DENIED';
  constructor(
    readonly path: string,
    cause?: unknown,
  ) {
    super(`permission denied for ${path}`, { cause });
  }
}

export class Aborted extends DownloadError {
  readonly code = 'ABORTED';
  constructor() {
    super('download aborted');
  }
}

export class VerificationFailed extends DownloadError {
  readonly code = 'VERIFICATION_FAILED';
  constructor(reason: string) {
    super(`verification failed: ${reason}`);
  }
}

export class IncompleteDownload extends DownloadError {
  readonly code = 'INCOMPLETE_DOWNLOAD';
  constructor(
    readonly expectedBytes: number,
    readonly actualBytes: number,
  ) {
    super(`incomplete download: expected ${expectedBytes} bytes, got ${actualBytes}`);
  }
}

/** The response is not what was asked for (no playlist, empty playlist, no segments). */
export class InvalidMedia extends DownloadError {
  readonly code = 'INVALID_MEDIA';
  constructor(reason: string) {
    super(reason);
  }
}

/** Maps an HTTP status of a media request to the error the caller can act on. */
export function errorForStatus(url: string, status: number): DownloadError {
  if (status === 403 || status === 410) return new LinkExpired(url, status);
  return new HttpStatusError(url, status);
}

/** Maps a file-system error; anything unknown is returned unchanged. */
export function mapFsError(err: unknown, path: string): unknown {
  const code = (err as NodeJS.ErrnoException | null)?.code;
  if (code === 'ENOSPC' || code === 'EDQUOT') return new DiskFull(path, err);
  if (code === 'EACCES' || code === 'EPERM' || code === 'EROFS')
    return new PermissionDenied(path, err);
  return err;
}

/** Maps an error thrown by the HTTP client; DownloadErrors pass through. */
export function mapNetworkError(err: unknown, url: string): DownloadError {
  if (err instanceof DownloadError) return err;
  return new NetworkError(url, err);
}

export function isRetryable(err: unknown): boolean {
  return err instanceof DownloadError ? err.retryable : false;
}

/** Signed media URLs carry tokens in the query; logs and messages never show them. */
export function redactUrl(url: string): string {
  const q = url.indexOf('?');
  return q === -1 ? url : `${url.slice(0, q)}?…`;
}

function describe(err: unknown): string {
  if (err instanceof Error) {
    const code = (err as NodeJS.ErrnoException).code;
    return code ? `${code} ${err.message}` : err.message;
  }
  return String(err);
}
