import { Inject, Injectable, Logger } from '@nestjs/common';
import type { SiteId, TmdbCandidate } from '@aniworld/contracts';
import type { AnimeSeriesEntity } from '../anime/entities/anime-series.entity';
import { EpisodeRepository } from '../anime/episode.repository';
import { SeriesRepository } from '../anime/series.repository';
import { CLOCK, type Clock } from '../common/clock';
import { ValidationFailedError } from '../common/errors';
import { ProvidersService } from '../providers/providers.service';
import { ArtworkStoreService } from './artwork-store.service';
import type { SeriesMetadataEntity } from './entities/series-metadata.entity';
import { type MatchRecord, SeriesMetadataRepository } from './series-metadata.repository';
import { TmdbError } from './tmdb/tmdb-client';
import { rankTmdbResults } from './tmdb/tmdb-match';
import type { TmdbShow, TmdbShowSummary } from './tmdb/tmdb-types';
import { TmdbService } from './tmdb.service';

/** Alternative titles searched besides the name when the name alone finds nothing certain. */
const EXTRA_QUERIES = 2;

/**
 * Finds a series' TMDB entry (docs/metadata.md, "Matching"): by the IMDb id the site gives, else
 * by title and year with a confidence. Only a certain match is used; an uncertain one is stored
 * with its candidates for the user to confirm, who may also set the TMDB id by hand. A match
 * brings the external ids, genres, first air dates and the artwork onto the series.
 */
@Injectable()
export class MetadataMatchService {
  private readonly logger = new Logger(MetadataMatchService.name);
  private readonly running = new Map<number, Promise<SeriesMetadataEntity>>();

  constructor(
    private readonly tmdb: TmdbService,
    private readonly records: SeriesMetadataRepository,
    private readonly series: SeriesRepository,
    private readonly episodes: EpisodeRepository,
    private readonly artwork: ArtworkStoreService,
    private readonly providers: ProvidersService,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /**
   * The series' match, looked up when there is none yet or the last lookup failed. `again` (a
   * refresh) also looks up an uncertain or unknown series again, and fetches a matched one's
   * data anew; a match is never replaced by a lookup (only by the user). Concurrent calls for
   * one series share one lookup.
   */
  ensure(series: AnimeSeriesEntity, again = false): Promise<SeriesMetadataEntity> {
    let run = this.running.get(series.id);
    if (!run) {
      run = this.lookup(series, again).finally(() => this.running.delete(series.id));
      this.running.set(series.id, run);
    }
    return run;
  }

  /** The user's choice: a candidate confirmed, or any TMDB id typed in. */
  async setByHand(series: AnimeSeriesEntity, tmdbId: number): Promise<SeriesMetadataEntity> {
    let show: TmdbShow;
    try {
      show = await this.tmdb.client().show(tmdbId);
    } catch (error) {
      if (error instanceof TmdbError && error.kind === 'not-found')
        throw new ValidationFailedError([
          { field: 'tmdb_id', errors: [`TMDB has no series with the id ${tmdbId}`] },
        ]);
      throw error;
    }
    await this.apply(series, show);
    return this.save(series, { state: 'matched', method: 'manual', confidence: 1 });
  }

  private async lookup(series: AnimeSeriesEntity, again: boolean): Promise<SeriesMetadataEntity> {
    const existing = await this.records.find(series.id);
    // The caller's copy may predate a lookup that finished meanwhile.
    series.tmdbId = (await this.series.findById(series.id))?.tmdbId ?? series.tmdbId;
    if (existing?.state === 'matched' && series.tmdbId !== null) {
      if (again) await this.apply(series, await this.tmdb.client().show(series.tmdbId));
      return existing;
    }
    if (existing && !again && existing.state !== 'failed') return existing;
    try {
      const client = this.tmdb.client();
      const imdbId = series.imdbId ?? (await this.siteImdbId(series));
      const byImdb = imdbId ? await client.findByImdb(imdbId) : null;
      if (byImdb) {
        await this.apply(series, await client.show(byImdb.id));
        return this.save(series, { state: 'matched', method: 'imdb', confidence: 1 });
      }
      const { ranked, certain } = await this.byTitle(series);
      if (certain) {
        await this.apply(series, await client.show(certain.tmdb_id));
        return this.save(series, {
          state: 'matched',
          method: 'title',
          confidence: certain.confidence,
        });
      }
      this.logger.log({
        msg: ranked.length ? 'TMDB match uncertain' : 'not on TMDB',
        key: series.key,
        candidates: ranked.length,
      });
      return this.save(series, {
        state: ranked.length ? 'uncertain' : 'not_found',
        candidates: ranked,
        confidence: ranked[0]?.confidence ?? null,
      });
    } catch (error) {
      if (!(error instanceof TmdbError)) throw error;
      this.logger.warn({ msg: 'TMDB lookup failed', key: series.key, error: error.message });
      return this.save(series, { state: 'failed', error: error.message });
    }
  }

  private async byTitle(
    series: AnimeSeriesEntity,
  ): Promise<{ ranked: TmdbCandidate[]; certain: TmdbCandidate | null }> {
    const client = this.tmdb.client();
    const forMatch = { name: series.name, altTitles: series.altTitles, year: series.year };
    const poster = (path: string | null) => this.tmdb.imageUrl(path, 'w185');
    const results: TmdbShowSummary[] = await client.searchTv(series.name);
    let ranking = rankTmdbResults(forMatch, results, poster);
    // Anime are often known on TMDB by their romaji or English title: try a few alternatives.
    for (const alt of series.altTitles
      .filter((t) => /\p{Script=Latin}/u.test(t))
      .slice(0, EXTRA_QUERIES)) {
      if (ranking.certain) break;
      results.push(...(await client.searchTv(alt)));
      ranking = rankTmdbResults(forMatch, results, poster);
    }
    return ranking;
  }

  /** The IMDb id on the series' site page, for series added before it was stored. */
  private async siteImdbId(series: AnimeSeriesEntity): Promise<string | null> {
    try {
      const details = await this.providers.onSite(series.site as SiteId, (a) =>
        a.getSeries(series.key),
      );
      if (details.imdbId) await this.series.update(series.id, { imdbId: details.imdbId });
      return details.imdbId;
    } catch {
      // The title still works; the site being down must not block metadata.
      return null;
    }
  }

  /** Ids, genres, plot (when the site has none), first air dates and artwork from TMDB. */
  private async apply(series: AnimeSeriesEntity, show: TmdbShow): Promise<void> {
    const changes: Partial<AnimeSeriesEntity> = {
      tmdbId: show.id,
      tvdbId: show.tvdbId,
      imdbId: show.imdbId ?? series.imdbId,
      genres: show.genres,
      ...(series.description ? {} : { description: show.overview }),
    };
    await this.series.update(series.id, changes);
    Object.assign(series, changes);
    await this.storeAirDates(series, show);
    await this.artwork.store(series, show);
  }

  private async storeAirDates(series: AnimeSeriesEntity, show: TmdbShow): Promise<void> {
    const rows = await this.episodes.forSeries(series.id);
    const seasons = [...new Set(rows.map((e) => e.season))].filter((n) =>
      show.seasons.some((s) => s.number === n),
    );
    const dates = [];
    for (const number of seasons) {
      const season = await this.tmdb.client().season(show.id, number);
      for (const e of season?.episodes ?? [])
        if (rows.some((r) => r.season === number && r.episodeNumber === e.episode))
          dates.push({ season: number, episode: e.episode, airDate: e.airDate });
    }
    if (dates.length) await this.episodes.setAirDates(series.id, dates);
  }

  private async save(
    series: AnimeSeriesEntity,
    result: Partial<MatchRecord> & Pick<MatchRecord, 'state'>,
  ): Promise<SeriesMetadataEntity> {
    const record: MatchRecord = {
      seriesId: series.id,
      method: null,
      confidence: null,
      candidates: [],
      error: null,
      checkedAt: this.clock.now(),
      ...result,
    };
    await this.records.saveMatch(record);
    return (await this.records.find(series.id)) as SeriesMetadataEntity;
  }
}
