import { DomainError } from '../../common/errors';

/** The library cannot take `.strm` files now (no anime directory, not writable). */
export class StrmLibraryUnusable extends DomainError {
  constructor(problem: string) {
    super('DOWNLOADS_DISABLED', `Cannot write into the library: ${problem}`);
  }
}

/** No episode (of the season asked for) to write a `.strm` file for. */
export class StrmNoEpisodes extends DomainError {
  constructor(message: string, details?: unknown) {
    super('EPISODE_NOT_FOUND', message, details);
  }
}

/** A signed stream URL of a format this server no longer serves. */
export class StreamNamesNoEpisode extends DomainError {
  constructor() {
    super('NOT_FOUND', 'This stream URL names no episode');
  }
}

/** A URL without the signature this server gave it (401). */
export class StreamSignatureMissing extends DomainError {
  constructor() {
    super('UNAUTHORIZED', 'This URL needs the signature this server gave it');
  }
}

/** A signature that is wrong, altered, expired, or was never ours (403). */
export class StreamSignatureRefused extends DomainError {
  constructor(message = 'This proxy URL was not signed by this server') {
    super('FORBIDDEN', message);
  }
}

/** One client address has too many requests running through the proxy (429). */
export class TooManyStreams extends DomainError {
  constructor(retryAfterSeconds: number) {
    super('RATE_LIMITED', 'Too many requests in flight from this address', undefined, {
      'Retry-After': String(retryAfterSeconds),
    });
  }
}

/** A byte range the upstream file does not have (416 upstream). */
export class RangeNotSatisfiable extends DomainError {
  constructor() {
    super('BAD_REQUEST', 'Range not satisfiable');
  }
}

/** The hoster did not deliver the stream, or it changed under a running playback. */
export class StreamUnavailable extends DomainError {
  constructor(message: string, details?: unknown) {
    super('UPSTREAM_ERROR', message, details);
  }
}
