import { Injectable, Logger } from '@nestjs/common';
import {
  type HosterAttempt,
  type HosterName,
  languageCodeOf,
  type LanguageCode,
} from '@aniworld/contracts';
import type { HosterLink, ResolvedStream } from '@aniworld/providers';
import { hasErrorCode, messageOf } from '../common/errors';
import { ConfigService } from '../config/config.service';
import { AllHostersFailed } from './errors/providers.errors';
import { ProvidersService } from './providers.service';

export interface Candidate {
  link: HosterLink;
  language: LanguageCode;
}

/** Turns an episode's hoster links into a stream, in language-preference then hoster order. */
@Injectable()
export class StreamResolverService {
  private readonly logger = new Logger(StreamResolverService.name);

  constructor(
    private readonly providers: ProvidersService,
    private readonly config: ConfigService,
  ) {}

  /**
   * The links worth trying, best first: languages in the given preference order, within a
   * language the configured hoster order; disabled and unknown hosters are left out.
   */
  candidates(
    links: HosterLink[],
    languages: readonly LanguageCode[],
    only?: HosterName,
  ): Candidate[] {
    const { hoster_order, disabled_hosters } = this.config.config.providers;
    return links
      .filter((link): link is HosterLink & { hoster: HosterName } => link.hoster !== null)
      .filter(
        (link) => hoster_order.includes(link.hoster) && !disabled_hosters.includes(link.hoster),
      )
      .filter((link) => !only || link.hoster === only)
      .map((link) => ({ link, language: languageCodeOf(link.language) }))
      .filter((c) => languages.includes(c.language))
      .sort(
        (a, b) =>
          languages.indexOf(a.language) - languages.indexOf(b.language) ||
          hoster_order.indexOf(a.link.hoster as HosterName) -
            hoster_order.indexOf(b.link.hoster as HosterName),
      );
  }

  /** One candidate; a challenge page is tried once more before giving up on it. */
  async resolve(candidate: Candidate, signal?: AbortSignal): Promise<ResolvedStream> {
    try {
      return await this.providers.resolveLink(candidate.link, signal);
    } catch (error) {
      if (hasErrorCode(error) && error.code === 'CHALLENGE_REQUIRED') {
        this.logger.warn({
          msg: 'challenge page, resolving once more',
          hoster: candidate.link.hoster,
        });
        return this.providers.resolveLink(candidate.link, signal);
      }
      throw error;
    }
  }

  /** The first candidate that yields a stream; throws {@link AllHostersFailed} with every reason. */
  async first(
    candidates: Candidate[],
    what: string,
    signal?: AbortSignal,
  ): Promise<{ resolved: ResolvedStream; candidate: Candidate; attempts: HosterAttempt[] }> {
    const attempts: HosterAttempt[] = [];
    for (const candidate of candidates) {
      try {
        return { resolved: await this.resolve(candidate, signal), candidate, attempts };
      } catch (error) {
        if (signal?.aborted) throw error;
        attempts.push(attemptOf(candidate, error));
      }
    }
    throw new AllHostersFailed(attempts, what);
  }
}

export function attemptOf(candidate: Candidate, error: unknown): HosterAttempt {
  return {
    hoster: candidate.link.hoster ?? candidate.link.hosterLabel,
    language: candidate.language,
    error_code: hasErrorCode(error) ? error.code : 'INTERNAL_ERROR',
    error: messageOf(error),
    at: new Date().toISOString(),
  };
}
