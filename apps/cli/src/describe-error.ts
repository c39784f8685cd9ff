import type { FieldError } from '@aniworld/contracts';
import { ApiError, ServerUnreachable } from './api/api-client';
import { CliError, EXIT } from './errors';

/** Any failure as the exit code and the message (with the fix) the CLI prints on stderr. */
export function describeError(error: unknown): CliError {
  if (error instanceof CliError) return error;
  if (error instanceof ServerUnreachable)
    return new CliError(
      EXIT.unreachable,
      error.message,
      'start the server (npm start, or npm run demo) or point the CLI at it with --server URL or ANIWORLD_SERVER',
    );
  if (error instanceof ApiError) return fromApiError(error);
  // @inquirer's prompt ends this way on Ctrl-C.
  if ((error as Error)?.name === 'ExitPromptError')
    return new CliError(EXIT.interrupted, 'interrupted');
  const err = error as Error;
  return new CliError(EXIT.serverError, `unexpected error: ${err?.stack ?? String(error)}`);
}

function fromApiError(error: ApiError): CliError {
  const { status, code, message } = error;
  if (code === 'SETUP_REQUIRED')
    return new CliError(
      EXIT.auth,
      message,
      'open the server in a browser and set the master password first',
    );
  if (code === 'INVALID_CREDENTIALS')
    return new CliError(
      EXIT.auth,
      message,
      'check the master password and run aniworld login again',
    );
  if (code === 'ACCOUNT_LOCKED')
    return new CliError(EXIT.auth, message, 'too many failed logins: wait and try again later');
  if (status === 401)
    return new CliError(
      EXIT.auth,
      `${message} (not logged in, or the session expired or was revoked)`,
      'run aniworld login',
    );
  if (status === 404) return new CliError(EXIT.notFound, message, notFoundHint(code));
  if (status === 429)
    return new CliError(EXIT.refused, message, 'too many requests: wait a minute and try again');
  if (status >= 500)
    return new CliError(
      EXIT.serverError,
      `the server failed: ${message}`,
      'see the server log (<DATA_DIR>/logs/app.log) for the request',
    );
  const fields = fieldErrors(error.details);
  return new CliError(
    EXIT.refused,
    // The server's message usually names the fields already; add them only when it does not.
    fields && !message.includes(fields.split(' ')[0]) ? `${message}: ${fields}` : message,
    code === 'DOWNLOADS_DISABLED'
      ? 'set an anime directory the server can write (aniworld config set anime_directory /path)'
      : undefined,
  );
}

function notFoundHint(code: string | null): string | undefined {
  switch (code) {
    case 'SERIES_NOT_FOUND':
      return 'see the library with aniworld list, or find and add the series with aniworld search and aniworld add';
    case 'EPISODE_NOT_FOUND':
      return 'see the episodes with aniworld show <key>';
    case 'QUEUE_ITEM_NOT_FOUND':
      return 'see the queue and its item ids with aniworld queue status --json';
    default:
      return undefined;
  }
}

function fieldErrors(details: unknown): string | null {
  if (!Array.isArray(details)) return null;
  const list = (details as FieldError[])
    .filter((d) => typeof d?.field === 'string')
    .map((d) => `${d.field} (${(d.errors ?? []).join('; ')})`);
  return list.length ? list.join(', ') : null;
}
