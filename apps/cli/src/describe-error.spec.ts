import { ApiError, ServerUnreachable } from './api/api-client';
import { describeError } from './describe-error';
import { CliError, EXIT } from './errors';

describe('describeError', () => {
  it.each([
    [new ServerUnreachable('http://x', 'ECONNREFUSED'), EXIT.unreachable, /start the server/],
    [new ApiError(401, 'UNAUTHORIZED', 'Session expired'), EXIT.auth, /aniworld login/],
    [new ApiError(401, 'INVALID_CREDENTIALS', 'Wrong password'), EXIT.auth, /password/],
    [new ApiError(409, 'SETUP_REQUIRED', 'Set up first'), EXIT.auth, /master password/],
    [new ApiError(404, 'SERIES_NOT_FOUND', 'No series x'), EXIT.notFound, /aniworld search/],
    [new ApiError(409, 'DOWNLOADS_DISABLED', 'No dir'), EXIT.refused, /anime_directory/],
    [new ApiError(429, 'RATE_LIMITED', 'Slow down'), EXIT.refused, /wait/],
    [new ApiError(500, 'INTERNAL_ERROR', 'Boom'), EXIT.serverError, /server log/],
  ])('%p is exit %p with the fix', (error, code, hint) => {
    const failure = describeError(error);
    expect(failure.exitCode).toBe(code);
    expect(failure.hint).toMatch(hint);
  });

  it('names every field a validation failure lists', () => {
    const failure = describeError(
      new ApiError(400, 'VALIDATION_FAILED', 'Validation failed', [
        { field: 'downloads.concurrency', errors: ['must not be greater than 10'] },
      ]),
    );
    expect(failure.exitCode).toBe(EXIT.refused);
    expect(failure.message).toContain('downloads.concurrency (must not be greater than 10)');
  });

  it('passes its own errors through', () => {
    const own = new CliError(EXIT.usage, 'bad');
    expect(describeError(own)).toBe(own);
  });
});
