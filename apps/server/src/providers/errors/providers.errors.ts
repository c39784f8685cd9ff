import { type HosterAttempt, SITE_IDS } from '@aniworld/contracts';
import { DomainError } from '../../common/errors';

export class UnknownSite extends DomainError {
  constructor(id: string) {
    super('UNKNOWN_SITE', `Unknown site '${id}'; use one of ${SITE_IDS.join(', ')}`, { site: id });
  }
}

/** The site has no list of new episodes (only some sites publish one). */
export class NoNewEpisodesList extends DomainError {
  constructor(site: string) {
    super('NOT_FOUND', `${site} has no new-episodes list`, { site });
  }
}

/** Every hoster in every acceptable language failed; `details.attempts` says why, per hoster. */
export class AllHostersFailed extends DomainError {
  constructor(
    readonly attempts: HosterAttempt[],
    what: string,
  ) {
    const allGone = attempts.length > 0 && attempts.every((a) => a.error_code === 'VIDEO_GONE');
    super(
      allGone ? 'VIDEO_GONE' : 'HOSTER_UNAVAILABLE',
      attempts.length
        ? `No hoster delivered ${what}: ${attempts.map((a) => `${a.hoster} (${a.language}): ${a.error}`).join('; ')}`
        : `No hoster link for ${what} in the wanted languages`,
      { attempts },
    );
  }
}
