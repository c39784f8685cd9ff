import { Inject, Injectable } from '@nestjs/common';
import { type DataSource, type EntityManager, In, type Repository } from 'typeorm';
import type { LanguageCode } from '@aniworld/contracts';
import { DATA_SOURCE } from '../database/database.service';
import { SqlParams } from '../database/sql-values';
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
/**
 * What the scanner needs of an episode: where it sits and whether (and where) it is on disk, as a
 * file or as a `.strm`.
 */
export type DiskSlot = Pick<
  EpisodeEntity,
  'id' | 'season' | 'episodeNumber' | 'absoluteNumber' | 'isDownloaded' | 'filePath' | 'strmPath'
>;

/** What a folder holds of a series, by episode slot ({@link episodeSlot}): absolute paths. */
export interface DiskState {
  files: Map<string, string>;
  strm: Map<string, string>;
}

/** An episode's disk state to write: `[id, file path or null, .strm path or null, file changed]`. */
type DiskChange = [number, string | null, string | null, boolean];

@Injectable()
export class EpisodeRepository {
  private readonly repo: Repository<EpisodeEntity>;
  private readonly postgres: boolean;

  constructor(
    @Inject(DATA_SOURCE) private readonly dataSource: DataSource,
    private readonly counts: SeriesCountsRepository,
  ) {
    this.repo = dataSource.getRepository(EpisodeEntity);
    this.postgres = dataSource.options.type === 'postgres';
  }

  forSeries(seriesId: number): Promise<EpisodeEntity[]> {
    return this.repo.find({ where: { seriesId }, order: { season: 'ASC', episodeNumber: 'ASC' } });
  }

  /** The series' episodes with only the columns a scan compares (no titles, languages, dates). */
  async diskSlots(seriesId: number): Promise<DiskSlot[]> {
    return (await this.diskSlotsOf([seriesId])).get(seriesId) ?? [];
  }

  /**
   * {@link diskSlots} of many series in one read (raw SQL: a first scan reads every folder's
   * series), by series id; a series without episodes has an empty list.
   */
  async diskSlotsOf(seriesIds: readonly number[]): Promise<Map<number, DiskSlot[]>> {
    const out = new Map<number, DiskSlot[]>(seriesIds.map((id) => [id, []]));
    const unique = [...out.keys()];
    for (let i = 0; i < unique.length; i += IN_CHUNK) {
      const params = new SqlParams(this.postgres);
      const rows = (await this.dataSource.query(
        `SELECT "id", "series_id", "season", "episode_number", "absolute_number", "is_downloaded",
           "file_path", "strm_path"
         FROM "episodes" WHERE "series_id" IN (${params.list(unique.slice(i, i + IN_CHUNK))})`,
        params.values,
      )) as {
        id: number;
        series_id: number;
        season: number;
        episode_number: number;
        absolute_number: number | null;
        is_downloaded: boolean | number;
        file_path: string | null;
        strm_path: string | null;
      }[];
      for (const r of rows)
        out.get(Number(r.series_id))?.push({
          id: Number(r.id),
          season: Number(r.season),
          episodeNumber: Number(r.episode_number),
          absoluteNumber: r.absolute_number === null ? null : Number(r.absolute_number),
          isDownloaded: Boolean(r.is_downloaded),
          filePath: r.file_path,
          strmPath: r.strm_path,
        });
    }
    return out;
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
   * Makes download state match what the scanner found on disk for this series (see
   * {@link applyDiskStates}). Returns whether any episode changed.
   */
  async applyDiskState(seriesId: number, onDisk: DiskState): Promise<boolean> {
    const slots = await this.diskSlots(seriesId);
    return (await this.applyDiskStates([{ seriesId, onDisk, slots }])).size > 0;
  }

  /**
   * Makes download state match what the scanner found on disk, for several series at once (the
   * scanner's batch of folders): per series one UPDATE of the episodes whose file or `.strm`
   * appeared, moved or went away (paths in a CASE), then one recount of those series, all in one
   * transaction — one commit, so one fsync, for the batch instead of several per folder.
   * `alsoWrite` runs in that transaction too (the scanner's folder rows), or on its own when no
   * episode changed. Returns the series whose episodes changed. `slots`: the series'
   * {@link diskSlots}.
   */
  async applyDiskStates(
    items: readonly { seriesId: number; onDisk: DiskState; slots: readonly DiskSlot[] }[],
    alsoWrite?: (manager: EntityManager) => Promise<void>,
  ): Promise<Set<number>> {
    const changes: { seriesId: number; changed: DiskChange[] }[] = [];
    for (const { seriesId, onDisk, slots } of items) {
      const changed: DiskChange[] = [];
      for (const e of slots) {
        const slot = episodeSlot(e.season, e.episodeNumber);
        const path = onDisk.files.get(slot) ?? null;
        const strm = onDisk.strm.get(slot) ?? null;
        const fileChanged = e.isDownloaded !== (path !== null) || e.filePath !== path;
        if (fileChanged || e.strmPath !== strm) changed.push([e.id, path, strm, fileChanged]);
      }
      if (changed.length) changes.push({ seriesId, changed });
    }
    if (changes.length === 0) {
      await alsoWrite?.(this.dataSource.manager);
      return new Set();
    }
    await this.dataSource.transaction(async (manager) => {
      for (const { changed } of changes) await this.writeDiskState(manager, changed);
      await this.counts.refresh(
        changes.map((c) => c.seriesId),
        manager,
      );
      await alsoWrite?.(manager);
    });
    return new Set(changes.map((c) => c.seriesId));
  }

  /**
   * Writes episodes' disk state, one statement per 300. Raw SQL with numbered parameters, each
   * id given once: TypeORM's builder spent more CPU on such CASEs than SQLite did running them.
   */
  private async writeDiskState(manager: EntityManager, changed: DiskChange[]): Promise<void> {
    for (let i = 0; i < changed.length; i += 300) {
      const params = new SqlParams(this.postgres);
      const ids: string[] = [];
      const paths: string[] = [];
      const downloaded: string[] = [];
      const strm: string[] = [];
      const unknownLanguage: string[] = [];
      for (const [id, path, strmPath, fileChanged] of changed.slice(i, i + 300)) {
        const ref = params.add(id);
        ids.push(ref);
        if (path !== null) {
          paths.push(`WHEN ${ref} THEN ${params.add(path)}`);
          downloaded.push(`WHEN ${ref} THEN TRUE`);
        }
        if (strmPath !== null) strm.push(`WHEN ${ref} THEN ${params.add(strmPath)}`);
        // A file the scan found (not where a download put it): its language is not known.
        if (fileChanged) unknownLanguage.push(`WHEN ${ref} THEN NULL`);
      }
      const cases = (whens: string[], otherwise: string) =>
        whens.length ? `CASE "id" ${whens.join(' ')} ELSE ${otherwise} END` : otherwise;
      await manager.query(
        `UPDATE "episodes" SET "is_downloaded" = ${cases(downloaded, 'FALSE')},
           "file_path" = ${cases(paths, 'NULL')},
           "strm_path" = ${cases(strm, 'NULL')},
           "downloaded_language" = ${cases(unknownLanguage, '"downloaded_language"')},
           "updated_at" = CURRENT_TIMESTAMP
         WHERE "id" IN (${ids.join(', ')})`,
        params.values,
      );
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
    // The file replaces a `.strm` of the episode (the caller removes that file).
    await this.repo.update(
      { id },
      { isDownloaded: true, filePath, downloadedLanguage: language, strmPath: null },
    );
    await this.counts.refreshForEpisode(id);
  }

  /** A `.strm` file for the episode now lies in the library at `path` (or none: null). */
  async setStrmPath(id: number, path: string | null): Promise<void> {
    await this.repo.update({ id }, { strmPath: path });
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
