import { DomainError } from '../../common/errors';

/** No cover behind this address (unknown source or a signature that does not match). */
export class CoverNotFound extends DomainError {
  constructor() {
    super('NOT_FOUND', 'No such cover');
  }
}

/** The address is not one of a site's cover images. */
export class NotACoverUrl extends DomainError {
  constructor(message = 'Not a cover URL') {
    super('BAD_REQUEST', message);
  }
}

/** The site did not deliver the cover (an error, not an image, too large). */
export class CoverUnavailable extends DomainError {
  constructor(message: string) {
    super('UPSTREAM_ERROR', message);
  }
}
