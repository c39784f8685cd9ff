import { HttpErrorResponse, HttpHeaders } from '@angular/common/http';
import { fieldErrors, toApiError } from './api-error';

describe('toApiError', () => {
  it('keeps the server error body and the status', () => {
    const error = new HttpErrorResponse({
      status: 401,
      error: { statusCode: 401, code: 'INVALID_CREDENTIALS', message: 'Wrong password' },
    });
    expect(toApiError(error)).toEqual({
      statusCode: 401,
      code: 'INVALID_CREDENTIALS',
      message: 'Wrong password',
      retryAfterSeconds: undefined,
    });
  });

  it('reads the wait of a 429 from Retry-After, else from the body', () => {
    const body = {
      statusCode: 429,
      code: 'RATE_LIMITED',
      message: 'Too many',
      details: { retry_after_seconds: 40 },
    };
    const withHeader = new HttpErrorResponse({
      status: 429,
      error: body,
      headers: new HttpHeaders({ 'Retry-After': '12' }),
    });
    expect(toApiError(withHeader).retryAfterSeconds).toBe(12);
    expect(toApiError(new HttpErrorResponse({ status: 429, error: body })).retryAfterSeconds).toBe(
      40,
    );
  });

  it('says the server did not answer on a network error', () => {
    const error = toApiError(
      new HttpErrorResponse({ status: 0, error: new ProgressEvent('error') }),
    );
    expect(error.code).toBe('SERVICE_UNAVAILABLE');
    expect(error.message).toMatch(/did not answer/);
  });

  it('turns a body that is not ours into a generic error with the status', () => {
    expect(
      toApiError(new HttpErrorResponse({ status: 502, error: '<html>bad gateway</html>' })),
    ).toMatchObject({
      statusCode: 502,
      code: 'INTERNAL_ERROR',
      message: 'The server answered 502.',
    });
    expect(toApiError(new Error('boom')).message).toBe('boom');
  });
});

describe('fieldErrors', () => {
  it('returns the well-formed field entries of details only', () => {
    const details = [{ field: 'downloads.concurrency', errors: ['too big'] }, { nope: 1 }, 'x'];
    expect(
      fieldErrors({ statusCode: 400, code: 'VALIDATION_FAILED', message: 'bad', details }),
    ).toEqual([{ field: 'downloads.concurrency', errors: ['too big'] }]);
    expect(
      fieldErrors({
        statusCode: 429,
        code: 'RATE_LIMITED',
        message: 'x',
        details: { retry_after_seconds: 1 },
      }),
    ).toEqual([]);
    expect(fieldErrors(null)).toEqual([]);
  });
});
