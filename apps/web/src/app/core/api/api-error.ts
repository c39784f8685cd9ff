import { HttpErrorResponse } from '@angular/common/http';
import { ERROR_CODES, type ErrorResponse, type FieldError } from '@aniworld/contracts';

/** An `ErrorResponse` as the web app sees it, plus what only the transport knows. */
export interface ApiError extends ErrorResponse {
  /** Seconds from a 429's `Retry-After` header. */
  retryAfterSeconds?: number;
}

function isErrorResponse(body: unknown): body is ErrorResponse {
  if (typeof body !== 'object' || body === null) return false;
  const b = body as Record<string, unknown>;
  return (
    typeof b['message'] === 'string' &&
    typeof b['code'] === 'string' &&
    (ERROR_CODES as readonly string[]).includes(b['code'])
  );
}

/** Normalises whatever an HTTP call threw into the API's error shape, so views render one kind. */
export function toApiError(error: unknown): ApiError {
  if (!(error instanceof HttpErrorResponse)) {
    return {
      statusCode: 0,
      code: 'INTERNAL_ERROR',
      message: error instanceof Error ? error.message : 'Something went wrong.',
    };
  }
  const retryHeader = error.headers?.get('Retry-After');
  const retryAfterSeconds =
    retryHeader && /^\d+$/.test(retryHeader) ? Number(retryHeader) : undefined;
  if (isErrorResponse(error.error)) {
    const details = error.error.details as { retry_after_seconds?: unknown } | undefined;
    const fromBody =
      typeof details?.retry_after_seconds === 'number' ? details.retry_after_seconds : undefined;
    return {
      ...error.error,
      statusCode: error.status,
      retryAfterSeconds: retryAfterSeconds ?? fromBody,
    };
  }
  if (error.status === 0) {
    return {
      statusCode: 0,
      code: 'SERVICE_UNAVAILABLE',
      message: 'The server did not answer. Is it running?',
    };
  }
  return {
    statusCode: error.status,
    code:
      error.status === 429 ? 'RATE_LIMITED' : error.status === 404 ? 'NOT_FOUND' : 'INTERNAL_ERROR',
    message: error.status === 404 ? 'Not found.' : `The server answered ${error.status}.`,
    retryAfterSeconds,
  };
}

/** The per-field list of a VALIDATION_FAILED error (empty for every other error). */
export function fieldErrors(error: ErrorResponse | null | undefined): FieldError[] {
  const details = error?.details;
  if (!Array.isArray(details)) return [];
  return details.filter(
    (d): d is FieldError =>
      typeof d === 'object' &&
      d !== null &&
      typeof (d as FieldError).field === 'string' &&
      Array.isArray((d as FieldError).errors),
  );
}
