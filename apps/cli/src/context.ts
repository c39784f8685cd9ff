import type { Command } from 'commander';
import { ApiClient } from './api/api-client';
import { CliError, EXIT, usageError } from './errors';
import { Output } from './output';
import { SessionStore } from './session-store';

export const DEFAULT_SERVER = 'http://localhost:8000';

/** What every command gets: the server, where to print, and clients with or without the session. */
export interface CliContext {
  server: string;
  out: Output;
  store: SessionStore;
  /** A client with the stored session; no session is exit 3 with the fix. */
  client(): ApiClient;
  /** A client without a session (login, auth status). */
  anonymous(): ApiClient;
}

interface GlobalOptions {
  server: string;
  json?: boolean;
}

export function contextOf(command: Command): CliContext {
  const options = command.optsWithGlobals<GlobalOptions>();
  const server = normalizeServer(options.server);
  const store = new SessionStore();
  return {
    server,
    out: new Output(Boolean(options.json)),
    store,
    anonymous: () => new ApiClient(server),
    client: () => {
      const session = store.get(server);
      if (!session)
        throw new CliError(EXIT.auth, `not logged in to ${server}`, 'run aniworld login');
      // Known to be over without asking the server: say so rather than send a dead token.
      if (Date.parse(session.expires_at) <= Date.now())
        throw new CliError(
          EXIT.auth,
          `the session for ${server} expired at ${session.expires_at}`,
          'run aniworld login',
        );
      return new ApiClient(server, session.access_token);
    },
  };
}

/** `http://host:port` without a trailing slash: the key of the stored session, too. */
export function normalizeServer(text: string): string {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw usageError(`--server "${text}" is not a URL`, `use e.g. ${DEFAULT_SERVER}`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    throw usageError(
      `--server "${text}" must be http:// or https://`,
      `use e.g. ${DEFAULT_SERVER}`,
    );
  return `${url.origin}${url.pathname.replace(/\/+$/, '')}`;
}
