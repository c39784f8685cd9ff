import { episodeCode, type EpisodeRef } from '@aniworld/contracts';
import { DomainError } from '../../common/errors';

/** No series with this key (or folder) in the library; deleted ones count as gone. */
export class SeriesNotFound extends DomainError {
  constructor(key: string) {
    super('SERIES_NOT_FOUND', `No series '${key}' in the library`, { key });
  }
}

/** The site does not list these episodes of a series, even after a refresh. */
export class EpisodesNotFound extends DomainError {
  constructor(series: { key: string; name: string; site: string }, missing: EpisodeRef[]) {
    super(
      'EPISODE_NOT_FOUND',
      `${series.name} has no ${missing.map((r) => episodeCode(r.season, r.episode)).join(', ')} on ${series.site}`,
      { key: series.key, episodes: missing },
    );
  }
}

export class ScanInProgress extends DomainError {
  constructor(scanId?: string) {
    super(
      'SCAN_IN_PROGRESS',
      'A scan is already running',
      scanId === undefined ? undefined : { scan_id: scanId },
    );
  }
}

export class NoScanRunning extends DomainError {
  constructor() {
    super('NOT_FOUND', 'No scan is running');
  }
}

/** A scan or a folder match needs the anime directory, and none is configured. */
export class NoAnimeDirectory extends DomainError {
  constructor() {
    super('CONFLICT', 'No anime directory configured: set it in the settings first');
  }
}

export class FolderNotFound extends DomainError {
  constructor(folder: string) {
    super('NOT_FOUND', `No folder '${folder}' in the anime directory`, { folder });
  }
}

/** The series folder cannot be created, so nothing can be downloaded into it. */
export class SeriesFolderUnwritable extends DomainError {
  constructor(dir: string, reason: string) {
    super('DOWNLOADS_DISABLED', `Cannot create ${dir}: ${reason}`);
  }
}

/** A folder named by the user is not (or no longer) in the unmatched list. */
export class NotAnUnmatchedFolder extends DomainError {
  constructor(folder: string) {
    super('NOT_FOUND', `'${folder}' is not an unmatched folder`, { folder });
  }
}
