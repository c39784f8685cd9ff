import { Injectable, Logger } from '@nestjs/common';
import { type EpisodeRef, languageCodeOf, type SiteId } from '@aniworld/contracts';
import { ProvidersService } from '../providers/providers.service';
import type { AnimeSeriesEntity } from './entities/anime-series.entity';
import type { EpisodeEntity } from './entities/episode.entity';
import { EpisodesNotFound, SeriesNotFound } from './errors/anime.errors';
import { EpisodeLanguagesService } from './episode-languages.service';
import { EpisodeRepository, episodeSlot } from './episode.repository';
import { SeriesRepository } from './series.repository';

/**
 * Keeps a series' episode list in step with its site: every season (films as season 0), titles,
 * and the languages where the site's season table shows them (s.to).
 */
@Injectable()
export class SeriesSyncService {
  private readonly logger = new Logger(SeriesSyncService.name);

  constructor(
    private readonly providers: ProvidersService,
    private readonly series: SeriesRepository,
    private readonly episodes: EpisodeRepository,
    private readonly languages: EpisodeLanguagesService,
  ) {}

  async refreshEpisodes(series: AnimeSeriesEntity, signal?: AbortSignal): Promise<EpisodeEntity[]> {
    const site = series.site as SiteId;
    const seasons = await this.providers.onSite(site, (a) => a.listSeasons(series.key, signal));
    let absolute = 0;
    const infos = [];
    for (const season of [...seasons].sort((a, b) => a.number - b.number)) {
      const list = await this.providers.onSite(site, (a) =>
        a.getSeason(series.key, season.number, signal),
      );
      for (const e of list) {
        // Absolute numbers count regular episodes across seasons; films have none.
        const absoluteNumber = e.season > 0 ? ++absolute : null;
        infos.push({
          season: e.season,
          episodeNumber: e.number,
          titleDe: e.titleDe,
          titleEn: e.titleEn,
          languages: e.languages ? [...new Set(e.languages.map(languageCodeOf))] : undefined,
          absoluteNumber,
        });
      }
    }
    const rows = await this.episodes.upsertMany(series.id, infos);
    this.languages.schedule(series);
    this.logger.log({
      msg: 'episodes refreshed',
      key: series.key,
      seasons: seasons.length,
      episodes: infos.length,
    });
    return rows;
  }

  /** The episode rows for these refs, refreshing from the site once when some are unknown. */
  async ensureEpisodes(series: AnimeSeriesEntity, refs: EpisodeRef[]): Promise<EpisodeEntity[]> {
    const bySlotOf = (rows: EpisodeEntity[]) =>
      new Map(rows.map((e) => [episodeSlot(e.season, e.episodeNumber), e]));
    let bySlot = bySlotOf(await this.episodes.forSeries(series.id));
    if (refs.some((r) => !bySlot.has(episodeSlot(r.season, r.episode))))
      bySlot = bySlotOf(await this.refreshEpisodes(series));
    const missing = refs.filter((r) => !bySlot.has(episodeSlot(r.season, r.episode)));
    if (missing.length) throw new EpisodesNotFound(series, missing);
    return refs.map((r) => bySlot.get(episodeSlot(r.season, r.episode)) as EpisodeEntity);
  }

  /** Series by key, or 404. */
  async requireSeries(key: string): Promise<AnimeSeriesEntity> {
    const series = await this.series.findByKey(key);
    if (!series) throw new SeriesNotFound(key);
    return series;
  }
}
