import { Injectable, Logger } from '@nestjs/common';
import {
  type EpisodeRef,
  LANGUAGE_LABELS,
  type LanguageCode,
  upgradeLanguage,
} from '@aniworld/contracts';
import type { AnimeSeriesEntity } from '../anime/entities/anime-series.entity';
import type { EpisodeEntity } from '../anime/entities/episode.entity';
import { EpisodeLanguagesService } from '../anime/episode-languages.service';
import { effectiveLanguages } from '../anime/missing-episodes';
import { ValidationFailedError } from '../common/errors';
import { ConfigService } from '../config/config.service';

/**
 * Episodes whose languages are not known yet (aniworld's season pages do not say) are looked up
 * on their pages before a language is refused, at most this many per request; beyond that the
 * request is taken and the worker reports a missing language as it finds it.
 */
const LOOKUPS_PER_REQUEST = 10;

type Skipped = EpisodeRef & { reason: string };

/** The language rules of `POST /api/queue/add` (docs/languages.md). */
@Injectable()
export class QueueLanguageRules {
  private readonly logger = new Logger(QueueLanguageRules.name);

  constructor(
    private readonly languages: EpisodeLanguagesService,
    private readonly config: ConfigService,
  ) {}

  /**
   * Refuses (400, field `language`) episodes the site does not offer in `language`, naming the
   * languages each one has, instead of queueing what can only fail later.
   */
  async assertOffered(
    series: AnimeSeriesEntity,
    episodes: EpisodeEntity[],
    language: LanguageCode,
  ): Promise<void> {
    const refused: string[] = [];
    let lookups = 0;
    for (const episode of episodes) {
      let offered = episode.languages;
      if (offered.length === 0 && lookups < LOOKUPS_PER_REQUEST) {
        lookups++;
        offered = await this.languages.lookup(series, episode).catch((error: unknown) => {
          // The site is not answering: the worker finds out when it runs.
          this.logger.warn({
            msg: 'episode languages unknown',
            key: series.key,
            error: `${error}`,
          });
          return [];
        });
      }
      if (offered.length && !offered.includes(language))
        refused.push(
          `${code(episode)} is offered in ${offered.map((l) => LANGUAGE_LABELS[l]).join(', ')} only`,
        );
    }
    if (refused.length)
      throw new ValidationFailedError(
        [{ field: 'language', errors: refused }],
        `${series.name}: not offered in ${LANGUAGE_LABELS[language]}: ${refused.join('; ')}`,
      );
  }

  /**
   * For an upgrade: the episodes whose file is in a less preferred language than one the site
   * now offers, and why the others are skipped.
   */
  upgradable(
    series: AnimeSeriesEntity,
    episodes: EpisodeEntity[],
  ): { upgrade: EpisodeEntity[]; skipped: Skipped[] } {
    const preference = effectiveLanguages(series, this.config.config.downloads.language_preference);
    const upgrade: EpisodeEntity[] = [];
    const skipped: Skipped[] = [];
    for (const e of episodes) {
      const ref = { season: e.season, episode: e.episodeNumber };
      if (!e.isDownloaded || !e.downloadedLanguage)
        skipped.push({ ...ref, reason: 'not downloaded by Aniworld, so its language is unknown' });
      else if (!upgradeLanguage(e.downloadedLanguage, e.languages, preference))
        skipped.push({
          ...ref,
          reason: `no language the preference ranks before ${LANGUAGE_LABELS[e.downloadedLanguage]} is offered`,
        });
      else upgrade.push(e);
    }
    return { upgrade, skipped };
  }
}

const code = (e: EpisodeEntity) =>
  `S${String(e.season).padStart(2, '0')}E${String(e.episodeNumber).padStart(2, '0')}`;
