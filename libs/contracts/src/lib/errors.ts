/**
 * Stable error codes. Every error the API answers carries one of these in `code`, so clients can
 * branch on it without parsing `message`.
 */
export const ERROR_CODES = [
  'VALIDATION_FAILED',
  'BAD_REQUEST',
  'NOT_FOUND',
  'UNAUTHORIZED',
  'FORBIDDEN',
  'CONFLICT',
  'PAYLOAD_TOO_LARGE',
  'RATE_LIMITED',
  'ACCOUNT_LOCKED',
  'ALREADY_CONFIGURED',
  'SETUP_REQUIRED',
  'INVALID_CREDENTIALS',
  'CONFIG_INVALID',
  'BACKUP_NOT_FOUND',
  'SERIES_NOT_FOUND',
  'EPISODE_NOT_FOUND',
  'QUEUE_ITEM_NOT_FOUND',
  'DUPLICATE_EPISODE',
  'DOWNLOADS_DISABLED',
  'SCAN_IN_PROGRESS',
  'JOB_NOT_FOUND',
  'JOB_RUNNING',
  'CHANNEL_NOT_FOUND',
  'SECRET_FROM_ENV',
  'TMDB_NOT_CONFIGURED',
  'UNKNOWN_SITE',
  'CHALLENGE_REQUIRED',
  'PARSE_FAILED',
  'VIDEO_GONE',
  'HOSTER_UNAVAILABLE',
  'LINK_EXPIRED',
  'UPSTREAM_ERROR',
  'SERVICE_UNAVAILABLE',
  'INTERNAL_ERROR',
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

/** The body of every error response. */
export interface ErrorResponse {
  statusCode: number;
  code: ErrorCode;
  message: string;
  details?: unknown;
}

/** `details` of a VALIDATION_FAILED response: one entry per offending field. */
export interface FieldError {
  field: string;
  errors: string[];
  /** Values that would be accepted, when the server knows some (e.g. existing folders). */
  suggestions?: string[];
}
