import { DomainError } from '../../common/errors';

/** A download link whose `apikey` is not the Torznab key (links are shared with Sonarr only). */
export class InvalidApiKey extends DomainError {
  constructor() {
    super('UNAUTHORIZED', 'The apikey of this download link is not valid');
  }
}

/** The torrent file name and the identity in the link do not name the same release. */
export class ReleaseNotFound extends DomainError {
  constructor(file: string) {
    super('NOT_FOUND', `No release '${file}'`, { release: file });
  }
}
