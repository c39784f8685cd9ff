import { type BeforeApplicationShutdown, Injectable, Logger } from '@nestjs/common';
import { fallbackFrom, type LanguageCode, languageCodeOf, type SiteId } from '@aniworld/contracts';
import { ConfigService } from '../config/config.service';
import { ProvidersService } from '../providers/providers.service';
import type { AnimeSeriesEntity } from './entities/anime-series.entity';
import type { EpisodeEntity } from './entities/episode.entity';
import { EpisodeRepository } from './episode.repository';
import { messageOf } from '../common/errors';
import { effectiveLanguages } from './missing-episodes';

/**
 * aniworld's season pages do not say which languages an episode has (their flags are a legend);
 * only the episode page does. This fills them in the background, one episode page at a time
 * under the site's rate limit, for episodes that are not downloaded yet — so "missing" can honour
 * the language preference without a burst of requests when a series is added — and again for
 * files in a fallback language, so an upgrade is offered once a better language appears.
 */
@Injectable()
export class EpisodeLanguagesService implements BeforeApplicationShutdown {
  private readonly logger = new Logger(EpisodeLanguagesService.name);
  private readonly pending = new Map<number, AnimeSeriesEntity>();
  private running: Promise<void> | null = null;
  private readonly abort = new AbortController();

  constructor(
    private readonly providers: ProvidersService,
    private readonly episodes: EpisodeRepository,
    private readonly config: ConfigService,
  ) {}

  /** Queues a series; returns at once. */
  schedule(series: AnimeSeriesEntity): void {
    if (series.site !== 'aniworld' || this.abort.signal.aborted) return;
    this.pending.set(series.id, series);
    this.running ??= this.drain().finally(() => {
      this.running = null;
    });
  }

  /** Resolves when everything scheduled so far is done (tests, shutdown). */
  async idle(): Promise<void> {
    while (this.running) await this.running;
  }

  /** Before the database closes. */
  async beforeApplicationShutdown(): Promise<void> {
    this.abort.abort();
    await this.idle();
  }

  private async drain(): Promise<void> {
    for (const [id, series] of this.pending) {
      this.pending.delete(id);
      if (this.abort.signal.aborted) return;
      try {
        await this.fill(series);
      } catch (error) {
        if (!this.abort.signal.aborted) {
          this.logger.warn({
            msg: 'could not read episode languages',
            key: series.key,
            error: messageOf(error),
          });
        }
      }
    }
  }

  /**
   * The languages of one episode read from its page now (and stored), for a decision that cannot
   * wait for the background fill: queueing it in a given language.
   */
  async lookup(series: AnimeSeriesEntity, episode: EpisodeEntity): Promise<LanguageCode[]> {
    const details = await this.providers.onSite(series.site as SiteId, (a) =>
      a.getEpisode(series.key, episode.season, episode.episodeNumber),
    );
    const languages = [...new Set(details.links.map((link) => languageCodeOf(link.language)))];
    if (languages.length) await this.episodes.setLanguages(episode.id, languages);
    return languages;
  }

  private async fill(series: AnimeSeriesEntity): Promise<void> {
    const preference = effectiveLanguages(series, this.config.config.downloads.language_preference);
    // Unknown languages of missing episodes, and those of files in a fallback language: a better
    // language appearing there makes an upgrade possible.
    const todo = (await this.episodes.forSeries(series.id)).filter((e) =>
      e.isDownloaded
        ? fallbackFrom(e.downloadedLanguage, preference) !== null
        : e.languages.length === 0,
    );
    for (const episode of todo) {
      if (this.abort.signal.aborted) return;
      const details = await this.providers.onSite(series.site as SiteId, (a) =>
        a.getEpisode(series.key, episode.season, episode.episodeNumber, this.abort.signal),
      );
      const languages = [...new Set(details.links.map((link) => languageCodeOf(link.language)))];
      if (languages.length) await this.episodes.setLanguages(episode.id, languages);
    }
    this.logger.log({ msg: 'episode languages read', key: series.key, episodes: todo.length });
  }
}
