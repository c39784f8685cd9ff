import { Inject, Injectable, Logger } from '@nestjs/common';
import { join, relative } from 'node:path';
import type { MetadataRefreshResponse, MetadataWriteOutcome } from '@aniworld/contracts';
import type { AnimeSeriesEntity } from '../anime/entities/anime-series.entity';
import { EpisodeRepository } from '../anime/episode.repository';
import { SeriesRepository } from '../anime/series.repository';
import { CLOCK, type Clock } from '../common/clock';
import { pathInside } from '../common/path-safety';
import { ConfigService } from '../config/config.service';
import type { SeriesMetadataEntity } from './entities/series-metadata.entity';
import { toSeriesMetadata } from './metadata.mapper';
import { MetadataMatchService } from './metadata-match.service';
import { episodeNfoOf, type LibraryEpisode, seasonNfoOf, showNfoOf } from './nfo/nfo-content';
import { episodeNfo, seasonNfo, tvshowNfo } from './nfo/nfo-writer';
import {
  episodeLayout,
  exists,
  type FileOutcome,
  seasonPosterName,
  writeImageFile,
  writeNfoFile,
} from './nfo/media-files';
import { SeriesMetadataRepository } from './series-metadata.repository';
import type { TmdbShow } from './tmdb/tmdb-types';
import { TmdbService } from './tmdb.service';
import { SeriesNotFound } from '../anime/errors/anime.errors';

/** Files written and kept in one pass, relative to the series folder. */
class Report {
  readonly written: string[] = [];
  readonly kept: string[] = [];
  readonly problems: string[] = [];

  constructor(readonly seriesDir: string) {}

  note(path: string, outcome: FileOutcome): void {
    if (outcome === 'written') this.written.push(relative(this.seriesDir, path));
    if (outcome === 'kept') this.kept.push(relative(this.seriesDir, path));
  }
}

const WHY_NOT: Record<string, string> = {
  uncertain: 'the TMDB match is uncertain: confirm it in the library (Metadata matches)',
  not_found: 'TMDB has no series like this one: set its TMDB id by hand',
};

/**
 * Writes the NFO files and artwork next to the media (docs/metadata.md, "Files"). One entry
 * point for everybody who puts an episode file into the library, {@link writeEpisodeMetadata}:
 * the queue's `download.complete`, the *arr bridge and the STRM writer call it with the series
 * key, the episode and the video (or .strm) path; the user's refresh calls it for every episode
 * on disk. Writes of one series run one after another.
 */
@Injectable()
export class MetadataWriterService {
  private readonly logger = new Logger(MetadataWriterService.name);
  private readonly chains = new Map<number, Promise<unknown>>();

  constructor(
    private readonly config: ConfigService,
    private readonly tmdb: TmdbService,
    private readonly matches: MetadataMatchService,
    private readonly records: SeriesMetadataRepository,
    private readonly series: SeriesRepository,
    private readonly episodes: EpisodeRepository,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /**
   * `tvshow.nfo`, `season.nfo`, `<video>.nfo`, `poster.jpg`, `fanart.jpg`, the season poster and
   * `<video>-thumb.jpg` for an episode that just landed at `videoPath`. Never throws: the outcome
   * says what happened (skipped without a key, for an uncertain match or a file outside the
   * series folder; failed when TMDB or the disk fails) and is kept as the series' `last_write`.
   */
  async writeEpisodeMetadata(
    key: string,
    season: number,
    episode: number,
    videoPath: string,
  ): Promise<MetadataWriteOutcome> {
    const series = await this.series.findByKey(key);
    if (!series) return this.outcome(season, episode, 'skipped', `no series '${key}'`);
    const result = await this.serially(series.id, () =>
      this.writeEpisode(series, { season, episode }, videoPath),
    );
    await this.records.saveWrite(series.id, result).catch(() => undefined);
    this.logger.log({ msg: 'episode metadata', key, ...result });
    return result;
  }

  /** `POST /api/anime/{key}/metadata/refresh`: the match looked at again, every file rewritten. */
  async refresh(key: string): Promise<MetadataRefreshResponse> {
    const series = await this.series.findByKey(key);
    if (!series) throw new SeriesNotFound(key);
    this.tmdb.client(); // 409 without a key, before anything else happens
    this.tmdb.forget();
    const record = await this.matches.ensure(series, true);
    series.tmdbId = (await this.series.findById(series.id))?.tmdbId ?? null;
    const onDisk = (await this.episodes.forSeries(series.id)).filter(
      (e) => e.isDownloaded && e.filePath,
    );
    const written: string[] = [];
    const kept: string[] = [];
    if (record.state === 'matched') {
      await this.serially(series.id, async () => {
        for (const e of onDisk) {
          const r = await this.writeEpisode(
            series,
            { season: e.season, episode: e.episodeNumber },
            e.filePath as string,
          );
          written.push(...r.written.filter((f) => !written.includes(f)));
          kept.push(...r.kept.filter((f) => !kept.includes(f)));
        }
        if (onDisk.length === 0) {
          const report = await this.writeSeriesOnly(series);
          written.push(...report.written);
          kept.push(...report.kept);
        }
      });
    }
    return {
      metadata: toSeriesMetadata(series, await this.records.find(series.id)),
      episodes: onDisk.length,
      written,
      kept,
    };
  }

  private async writeEpisode(
    series: AnimeSeriesEntity,
    slot: { season: number; episode: number },
    videoPath: string,
  ): Promise<MetadataWriteOutcome> {
    const { season, episode } = slot;
    const skip = (why: string) => this.outcome(season, episode, 'skipped', why);
    if (!this.tmdb.configured) return skip('no TMDB API key');
    const seriesDir = this.seriesDir(series);
    const layout = seriesDir && episodeLayout(seriesDir, videoPath);
    if (!seriesDir || !layout)
      return skip('the file is not inside the series folder of the anime directory');
    let record: SeriesMetadataEntity;
    try {
      record = await this.matches.ensure(series);
    } catch (error) {
      return this.outcome(season, episode, 'failed', (error as Error).message);
    }
    // A lookup that ran elsewhere (the series was just added) stored the ids on its own copy.
    const tmdbId = (await this.series.findById(series.id))?.tmdbId ?? null;
    if (record.state !== 'matched' || tmdbId === null)
      return skip(WHY_NOT[record.state] ?? `TMDB lookup failed: ${record.error ?? 'unknown'}`);
    series.tmdbId = tmdbId;
    const report = new Report(seriesDir);
    try {
      const client = this.tmdb.client();
      const show = await client.show(series.tmdbId);
      const tmdbSeason = await client.season(series.tmdbId, season);
      await this.writeSeriesFiles(series, show, seriesDir, report);
      if (layout.seasonDir) {
        const path = join(layout.seasonDir, 'season.nfo');
        const text = seasonNfo(seasonNfoOf(season, tmdbSeason));
        report.note(path, await writeNfoFile(path, text, this.overwrite));
      }
      await this.image(report, join(seriesDir, seasonPosterName(season)), tmdbSeason?.posterPath);
      const row = await this.episodes.find(series.id, season, episode);
      const tmdbEpisode = tmdbSeason?.episodes.find((e) => e.episode === episode) ?? null;
      const nfo = episodeNfoOf(show.name, this.libraryEpisode(slot, row), tmdbEpisode, (p) =>
        this.tmdb.imageUrl(p, 'original'),
      );
      report.note(
        layout.episodeNfo,
        await writeNfoFile(layout.episodeNfo, episodeNfo(nfo), this.overwrite),
      );
      await this.image(report, layout.episodeThumb, tmdbEpisode?.stillPath);
    } catch (error) {
      return this.outcome(season, episode, 'failed', (error as Error).message, report);
    }
    return this.outcome(season, episode, 'written', report.problems.join('; ') || null, report);
  }

  /** A matched series without episodes on disk: its folder gets the series files. */
  private async writeSeriesOnly(series: AnimeSeriesEntity): Promise<Report> {
    const seriesDir = this.seriesDir(series);
    const report = new Report(seriesDir ?? '');
    if (!seriesDir || series.tmdbId === null || !(await exists(seriesDir))) return report;
    const show = await this.tmdb.client().show(series.tmdbId);
    await this.writeSeriesFiles(series, show, seriesDir, report);
    return report;
  }

  private async writeSeriesFiles(
    series: AnimeSeriesEntity,
    show: TmdbShow,
    seriesDir: string,
    report: Report,
  ): Promise<void> {
    const nfo = tvshowNfo(showNfoOf(show, series.name, (p) => this.tmdb.imageUrl(p, 'original')));
    const path = join(seriesDir, 'tvshow.nfo');
    report.note(path, await writeNfoFile(path, nfo, this.overwrite));
    await this.image(report, join(seriesDir, 'poster.jpg'), show.posterPath);
    await this.image(report, join(seriesDir, 'fanart.jpg'), show.backdropPath);
  }

  /**
   * One artwork file, downloaded only when it will be written. A failed image is a note in the
   * outcome, not a failed write: the NFO files are what the media server needs most.
   */
  private async image(
    report: Report,
    path: string,
    tmdbPath: string | null | undefined,
  ): Promise<void> {
    if (!tmdbPath || (!this.overwrite && (await exists(path)))) return;
    try {
      const image = await this.tmdb.fetchImage(tmdbPath, 'original');
      report.note(path, await writeImageFile(path, image.bytes, this.overwrite));
    } catch (error) {
      report.problems.push(`${relative(report.seriesDir, path)}: ${(error as Error).message}`);
    }
  }

  private libraryEpisode(
    slot: { season: number; episode: number },
    row: { titleDe: string | null; titleEn: string | null; airDate: string | null } | null,
  ): LibraryEpisode {
    return {
      ...slot,
      titleDe: row?.titleDe ?? null,
      titleEn: row?.titleEn ?? null,
      airDate: row?.airDate ?? null,
    };
  }

  private seriesDir(series: AnimeSeriesEntity): string | null {
    const root = this.config.config.anime_directory;
    return root && series.folder ? pathInside(root, series.folder) : null;
  }

  private get overwrite(): boolean {
    return this.config.config.metadata.overwrite_nfo;
  }

  private outcome(
    season: number,
    episode: number,
    outcome: MetadataWriteOutcome['outcome'],
    reason: string | null,
    report?: Report,
  ): MetadataWriteOutcome {
    return {
      at: new Date(this.clock.now()).toISOString(),
      season,
      episode,
      outcome,
      reason,
      written: report?.written ?? [],
      kept: report?.kept ?? [],
    };
  }

  private serially<T>(seriesId: number, work: () => Promise<T>): Promise<T> {
    const previous = this.chains.get(seriesId) ?? Promise.resolve();
    const run = previous.then(work, work);
    const tail = run.catch(() => undefined);
    this.chains.set(seriesId, tail);
    void tail.then(() => {
      if (this.chains.get(seriesId) === tail) this.chains.delete(seriesId);
    });
    return run;
  }
}
