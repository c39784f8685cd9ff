import { Inject, Injectable } from '@nestjs/common';
import { type DataSource, In, type Repository } from 'typeorm';
import { type LanguageCode, OPEN_QUEUE_STATUSES } from '@aniworld/contracts';
import { DownloadQueueItemEntity } from '../queue/entities/download-queue-item.entity';
import { DATA_SOURCE } from '../database/database.service';
import { EpisodeEntity } from './entities/episode.entity';

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

@Injectable()
export class EpisodeRepository {
  private readonly repo: Repository<EpisodeEntity>;

  constructor(@Inject(DATA_SOURCE) dataSource: DataSource) {
    this.repo = dataSource.getRepository(EpisodeEntity);
  }

  forSeries(seriesId: number): Promise<EpisodeEntity[]> {
    return this.repo.find({ where: { seriesId }, order: { season: 'ASC', episodeNumber: 'ASC' } });
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
    if (toSave.length) await this.repo.save(toSave, { chunk: 200 });
    return this.forSeries(seriesId);
  }

  /** Makes download state match what the scanner found on disk for this series. */
  async applyDiskState(seriesId: number, onDisk: Map<string, string>): Promise<void> {
    const episodes = await this.forSeries(seriesId);
    const changed = episodes.filter((e) => {
      const path = onDisk.get(episodeSlot(e.season, e.episodeNumber)) ?? null;
      if (e.isDownloaded === (path !== null) && e.filePath === path) return false;
      e.isDownloaded = path !== null;
      e.filePath = path;
      return true;
    });
    if (changed.length) await this.repo.save(changed, { chunk: 200 });
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

  /** Episodes of several series at once, grouped by series id. */
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
  }

  async setLanguages(id: number, languages: LanguageCode[]): Promise<void> {
    await this.repo.update({ id }, { languages });
  }
}
