/**
 * Exit codes, stable for scripts (README "Exit codes"). A script can tell "try later" (4) from
 * "log in again" (3) from "no such thing" (2) without reading the message.
 */
export const EXIT = {
  ok: 0,
  /** Bad command line: unknown command or option, a malformed episode spec, a bad URL. */
  usage: 1,
  /** The series, episode, queue item, config path or backup does not exist. */
  notFound: 2,
  /** Not logged in, the session expired or was revoked, wrong password, locked out. */
  auth: 3,
  /** The server did not answer (refused, unknown host, timed out). */
  unreachable: 4,
  /** The server refused the request (validation, conflict, downloads disabled, rate limit). */
  refused: 5,
  /** The server failed (5xx) or answered something this client does not understand. */
  serverError: 6,
  /** A job the command waited for failed (`rescan --wait`). */
  jobFailed: 7,
  /** Ctrl-C at the password prompt (the shell's convention: 128 + SIGINT). */
  interrupted: 130,
} as const;

export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

/** A failure the CLI explains: what happened, and what to do about it. */
export class CliError extends Error {
  constructor(
    readonly exitCode: ExitCode,
    message: string,
    readonly hint?: string,
  ) {
    super(message);
    this.name = 'CliError';
  }
}

export function usageError(message: string, hint = 'run with --help for usage'): CliError {
  return new CliError(EXIT.usage, message, hint);
}
