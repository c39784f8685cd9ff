import { Inject, Injectable } from '@nestjs/common';
import { type DataSource, In, type Repository } from 'typeorm';
import { type LanguageCode, OPEN_QUEUE_STATUSES } from '@aniworld/contracts';
import { DownloadQueueItemEntity } from '../queue/entities/download-queue-item.entity';
import { DATA_SOURCE } from '../database/database.service';
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

  findById(id: number): Promise<EpisodeEntity | null> {
    return this.repo.findOne({ where: { id }, relations: { series: true } });
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
        .set({ isDownloaded: false, filePath: null })
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
        .set({ isDownloaded: true, filePath: () => `CASE id ${cases.join(' ')} END` })
        .whereInIds(chunk.map(([id]) => id))
        .setParameters(parameters)
        .execute();
    }
  }

  /** Ids of this series' episodes that are pending or downloading in the queue. */
  async queuedEpisodeIds(seriesId: number): Promise<Set<number>> {
    const rows = await this.repo.manager
      .createQueryBuilder(DownloadQueueItemEntity, 'q')
      .innerJoin(EpisodeEntity, 'e', 'e.id = q.episode_id')
      .select('q.episode_id', 'episode_id')
      .where('e.series_id = :seriesId', { seriesId })
      .andWhere('q.status IN (:...open)', { open: OPEN_QUEUE_STATUSES })
      .getRawMany<{ episode_id: number }>();
    return new Set(rows.map((r) => Number(r.episode_id)));
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

  async markDownloaded(id: number, filePath: string): Promise<void> {
    await this.repo.update({ id }, { isDownloaded: true, filePath });
    await this.counts.refreshForEpisode(id);
  }

  async setLanguages(id: number, languages: LanguageCode[]): Promise<void> {
    await this.repo.update({ id }, { languages });
    await this.counts.refreshForEpisode(id);
  }
}
