import { Inject, Injectable } from '@nestjs/common';
import { type DataSource, In, type Repository } from 'typeorm';
import type { LanguageCode } from '@aniworld/contracts';
import { DATA_SOURCE } from '../database/database.service';
import type { AnimeSeriesEntity } from './entities/anime-series.entity';
import { EpisodeEntity } from './entities/episode.entity';
import { SeriesCountsRepository } from './series-counts.repository';

export interface EpisodeInfo {
  season: number;
  episodeNumber: number;
  titleDe: string | null;
  titleEn: string | null;
  /** Undefined keeps what is stored (aniworld's season tables do not say). */
  languages?: LanguageCode[];
  absoluteNumber?: number | null;
}

export const episodeSlot = (season: number, episode: number) => `${season}:${episode}`;

/** An episode with its series loaded. */
export type EpisodeWithSeries = EpisodeEntity & { series: AnimeSeriesEntity };

/** Ids per `IN (…)` list, well below both databases' parameter limits. */
const IN_CHUNK = 500;
/** What the scanner needs of an episode: where it sits and whether (and where) it is on disk. */
export type DiskSlot = Pick<
  EpisodeEntity,
  'id' | 'season' | 'episodeNumber' | 'absoluteNumber' | 'isDownloaded' | 'filePath'
>;

@Injectable()
export class EpisodeRepository {
  private readonly repo: Repository<EpisodeEntity>;

  constructor(
    @Inject(DATA_SOURCE) private readonly dataSource: DataSource,
    private readonly counts: SeriesCountsRepository,
  ) {
    this.repo = dataSource.getRepository(EpisodeEntity);
  }

  forSeries(seriesId: number): Promise<EpisodeEntity[]> {
    return this.repo.find({ where: { seriesId }, order: { season: 'ASC', episodeNumber: 'ASC' } });
  }

  /** The series' episodes with only the columns a scan compares (no titles, languages, dates). */
  diskSlots(seriesId: number): Promise<DiskSlot[]> {
    return this.repo.find({
      select: {
        id: true,
        season: true,
        episodeNumber: true,
        absoluteNumber: true,
        isDownloaded: true,
        filePath: true,
      },
      where: { seriesId },
    });
  }

  /**
   * Episodes of these series whose season and number are among the given ones (a superset of
   * the pairs asked for; the caller picks), with what a listing of them shows.
   */
  async findNumbered(
    seriesIds: number[],
    seasons: number[],
    numbers: number[],
  ): Promise<
    Pick<
      EpisodeEntity,
      'id' | 'seriesId' | 'season' | 'episodeNumber' | 'titleDe' | 'titleEn' | 'isDownloaded'
    >[]
  > {
    if (!seriesIds.length || !seasons.length || !numbers.length) return [];
    return this.repo.find({
      select: {
        id: true,
        seriesId: true,
        season: true,
        episodeNumber: true,
        titleDe: true,
        titleEn: true,
        isDownloaded: true,
      },
      where: { seriesId: In(seriesIds), season: In(seasons), episodeNumber: In(numbers) },
    });
  }

  find(seriesId: number, season: number, episodeNumber: number): Promise<EpisodeEntity | null> {
    return this.repo.findOneBy({ seriesId, season, episodeNumber });
  }

  /** These episodes with their series, deleted series included (a queue item still names it). */
  async withSeries(ids: readonly number[]): Promise<Map<number, EpisodeWithSeries>> {
    const unique = [...new Set(ids)];
    const out = new Map<number, EpisodeWithSeries>();
    for (let i = 0; i < unique.length; i += IN_CHUNK) {
      // withDeleted before the join: it decides the join's `deleted_at IS NULL` condition.
      const rows = await this.repo
        .createQueryBuilder('e')
        .withDeleted()
        .innerJoinAndSelect('e.series', 's')
        .whereInIds(unique.slice(i, i + IN_CHUNK))
        .getMany();
      for (const row of rows) out.set(row.id, row as EpisodeWithSeries);
    }
    return out;
  }

  async idsOfSeries(seriesId: number): Promise<number[]> {
    const rows = await this.repo.find({ select: { id: true }, where: { seriesId } });
    return rows.map((row) => row.id);
  }

  /**
   * Records what the site lists: new episodes are added, titles and languages of known ones
   * refreshed. Download state is never touched here.
   */
  async upsertMany(seriesId: number, episodes: EpisodeInfo[]): Promise<EpisodeEntity[]> {
    const existing = new Map(
      (await this.forSeries(seriesId)).map((e) => [episodeSlot(e.season, e.episodeNumber), e]),
    );
    const toSave: EpisodeEntity[] = [];
    for (const info of episodes) {
      const row = existing.get(episodeSlot(info.season, info.episodeNumber));
      if (row) {
        const languages = info.languages ?? row.languages;
        const absolute =
          info.absoluteNumber === undefined ? row.absoluteNumber : info.absoluteNumber;
        if (
          row.titleDe !== info.titleDe ||
          row.titleEn !== info.titleEn ||
          JSON.stringify(row.languages) !== JSON.stringify(languages) ||
          row.absoluteNumber !== absolute
        ) {
          Object.assign(row, {
            titleDe: info.titleDe,
            titleEn: info.titleEn,
            languages,
            absoluteNumber: absolute,
          });
          toSave.push(row);
        }
      } else {
        toSave.push(
          this.repo.create({
            seriesId,
            season: info.season,
            episodeNumber: info.episodeNumber,
            titleDe: info.titleDe,
            titleEn: info.titleEn,
            languages: info.languages ?? [],
            absoluteNumber: info.absoluteNumber ?? null,
            isDownloaded: false,
            filePath: null,
            downloadedLanguage: null,
          }),
        );
      }
    }
    if (toSave.length) {
      await this.repo.save(toSave, { chunk: 200 });
      await this.counts.refresh([seriesId]);
    }
    return this.forSeries(seriesId);
  }

  /**
   * Makes download state match what the scanner found on disk for this series: one read, then at
   * most one UPDATE for the episodes that went away and one for those that appeared or moved
   * (their paths in a CASE), instead of a save and reload per episode.
   */
  async applyDiskState(
    seriesId: number,
    onDisk: Map<string, string>,
    /** This series' {@link diskSlots}, when the caller has just read them. */
    slots?: readonly DiskSlot[],
  ): Promise<void> {
    const episodes = slots ?? (await this.diskSlots(seriesId));
    const gone: number[] = [];
    const found: [number, string][] = [];
    for (const e of episodes) {
      const path = onDisk.get(episodeSlot(e.season, e.episodeNumber)) ?? null;
      if (e.isDownloaded === (path !== null) && e.filePath === path) continue;
      if (path === null) gone.push(e.id);
      else found.push([e.id, path]);
    }
    if (gone.length === 0 && found.length === 0) return;
    // One transaction: the episodes and their series' counts change together, and a scan of a
    // big library pays one commit (one fsync) per folder instead of three.
    await this.dataSource.transaction(async (manager) => {
      await this.writeDiskState(manager.getRepository(EpisodeEntity), gone, found);
      await this.counts.refresh([seriesId], manager);
    });
  }

  private async writeDiskState(
    repo: Repository<EpisodeEntity>,
    gone: number[],
    found: [number, string][],
  ): Promise<void> {
    for (let i = 0; i < gone.length; i += 500) {
      await repo
        .createQueryBuilder()
        .update()
        .set({ isDownloaded: false, filePath: null, downloadedLanguage: null })
        .whereInIds(gone.slice(i, i + 500))
        .execute();
    }
    for (let i = 0; i < found.length; i += 300) {
      const chunk = found.slice(i, i + 300);
      const parameters: Record<string, string | number> = {};
      const cases = chunk.map(([id, path], k) => {
        parameters[`id_${k}`] = id;
        parameters[`path_${k}`] = path;
        return `WHEN :id_${k} THEN :path_${k}`;
      });
      await repo
        .createQueryBuilder()
        .update()
        // A file the scan found (not where a download put it): its language is not known.
        .set({
          isDownloaded: true,
          filePath: () => `CASE id ${cases.join(' ')} END`,
          downloadedLanguage: null,
        })
        .whereInIds(chunk.map(([id]) => id))
        .setParameters(parameters)
        .execute();
    }
  }

  /** The episodes of these series, by series id, in season and episode order. */
  async forSeriesIds(ids: number[]): Promise<Map<number, EpisodeEntity[]>> {
    const out = new Map<number, EpisodeEntity[]>(ids.map((id) => [id, []]));
    if (ids.length === 0) return out;
    const rows = await this.repo.find({
      where: { seriesId: In(ids) },
      order: { season: 'ASC', episodeNumber: 'ASC' },
    });
    for (const row of rows) out.get(row.seriesId)?.push(row);
    return out;
  }

  async markDownloaded(
    id: number,
    filePath: string,
    language: LanguageCode | null = null,
  ): Promise<void> {
    await this.repo.update({ id }, { isDownloaded: true, filePath, downloadedLanguage: language });
    await this.counts.refreshForEpisode(id);
  }

  /** First air dates from TMDB (metadata module); episodes not named keep theirs. */
  async setAirDates(
    seriesId: number,
    dates: readonly { season: number; episode: number; airDate: string | null }[],
  ): Promise<void> {
    // One transaction: a long series is hundreds of rows, and SQLite commits each write alone.
    await this.repo.manager.transaction(async (m) => {
      for (const d of dates)
        await m.update(
          EpisodeEntity,
          { seriesId, season: d.season, episodeNumber: d.episode },
          { airDate: d.airDate },
        );
    });
  }

  async setLanguages(id: number, languages: LanguageCode[]): Promise<void> {
    await this.repo.update({ id }, { languages });
    await this.counts.refreshForEpisode(id);
  }
}
