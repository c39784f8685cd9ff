import { ERROR_CODES, type ErrorCode } from '@aniworld/contracts';

/** HTTP status for each stable error code; the one place where that mapping lives. */
export const ERROR_STATUS: Record<ErrorCode, number> = {
  VALIDATION_FAILED: 400,
  BAD_REQUEST: 400,
  NOT_FOUND: 404,
  UNAUTHORIZED: 401,
  FORBIDDEN: 403,
  CONFLICT: 409,
  PAYLOAD_TOO_LARGE: 413,
  RATE_LIMITED: 429,
  ACCOUNT_LOCKED: 429,
  ALREADY_CONFIGURED: 409,
  SETUP_REQUIRED: 409,
  INVALID_CREDENTIALS: 401,
  CONFIG_INVALID: 400,
  BACKUP_NOT_FOUND: 404,
  SERIES_NOT_FOUND: 404,
  EPISODE_NOT_FOUND: 404,
  QUEUE_ITEM_NOT_FOUND: 404,
  DUPLICATE_EPISODE: 409,
  DOWNLOADS_DISABLED: 409,
  SCAN_IN_PROGRESS: 409,
  JOB_NOT_FOUND: 404,
  JOB_RUNNING: 409,
  CHANNEL_NOT_FOUND: 404,
  SECRET_FROM_ENV: 409,
  TMDB_NOT_CONFIGURED: 409,
  UNKNOWN_SITE: 404,
  CHALLENGE_REQUIRED: 502,
  PARSE_FAILED: 502,
  VIDEO_GONE: 502,
  HOSTER_UNAVAILABLE: 502,
  LINK_EXPIRED: 502,
  UPSTREAM_ERROR: 502,
  SERVICE_UNAVAILABLE: 503,
  INTERNAL_ERROR: 500,
};

/**
 * Base of every error the server raises on purpose. The global filter turns it into
 * `{ statusCode, code, message, details? }` with the status from {@link ERROR_STATUS}.
 */
export class DomainError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: unknown,
    /** Extra response headers, e.g. Retry-After. */
    readonly headers?: Record<string, string>,
  ) {
    super(message);
    this.name = new.target.name;
  }

  get status(): number {
    return ERROR_STATUS[this.code];
  }
}

/** True for errors from any layer (libs included) that carry one of the stable codes. */
export function hasErrorCode(
  error: unknown,
): error is Error & { code: ErrorCode; details?: unknown } {
  if (!(error instanceof Error)) return false;
  const code: unknown = (error as Error & { code?: unknown }).code;
  return typeof code === 'string' && (ERROR_CODES as readonly string[]).includes(code);
}

/** The message names this many fields at most; `details` lists them all. */
const FIELDS_IN_MESSAGE = 3;

export class ValidationFailedError extends DomainError {
  constructor(errors: { field: string; errors: string[] }[], message?: string) {
    super('VALIDATION_FAILED', message ?? summarise(errors), errors);
  }
}

function summarise(errors: { field: string; errors: string[] }[]): string {
  const named = errors
    .slice(0, FIELDS_IN_MESSAGE)
    .map((e) => `${e.field} (${e.errors.join('; ')})`.slice(0, 300));
  const more = errors.length - named.length;
  return `Invalid input: ${named.join(', ')}${more > 0 ? ` and ${more} more (see details)` : ''}`;
}
