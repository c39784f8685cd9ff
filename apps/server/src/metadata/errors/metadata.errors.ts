import { DomainError } from '../../common/errors';

/** No stored image of this kind for the series (not matched yet, or nothing downloaded). */
export class ArtworkNotFound extends DomainError {
  constructor(key: string, image: string) {
    super('NOT_FOUND', `No ${image} stored for '${key}'`, { key, image });
  }
}

/** TMDB is asked for something and no API key is set (409). */
export class TmdbNotConfigured extends DomainError {
  constructor() {
    super(
      'TMDB_NOT_CONFIGURED',
      'No TMDB API key: set TMDB_API_KEY, or enter one in the settings (Metadata)',
    );
  }
}
