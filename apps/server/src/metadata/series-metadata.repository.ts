import { Inject, Injectable } from '@nestjs/common';
import type { DataSource, Repository } from 'typeorm';
import type { MetadataMatchState, MetadataWriteOutcome } from '@aniworld/contracts';
import { DATA_SOURCE } from '../database/database.service';
import { SeriesMetadataEntity } from './entities/series-metadata.entity';

export type MatchRecord = Omit<SeriesMetadataEntity, 'lastWrite'>;

/** The only code touching `series_metadata`: one row per looked-up series. */
@Injectable()
export class SeriesMetadataRepository {
  private readonly repo: Repository<SeriesMetadataEntity>;

  constructor(@Inject(DATA_SOURCE) dataSource: DataSource) {
    this.repo = dataSource.getRepository(SeriesMetadataEntity);
  }

  find(seriesId: number): Promise<SeriesMetadataEntity | null> {
    return this.repo.findOneBy({ seriesId });
  }

  async findMany(seriesIds: readonly number[]): Promise<Map<number, SeriesMetadataEntity>> {
    if (seriesIds.length === 0) return new Map();
    const rows = await this.repo
      .createQueryBuilder('m')
      .where('m.series_id IN (:...ids)', { ids: [...seriesIds] })
      .getMany();
    return new Map(rows.map((r) => [r.seriesId, r]));
  }

  /** Series ids in this state, oldest lookup first. */
  async idsInState(state: MetadataMatchState): Promise<number[]> {
    const rows = await this.repo.find({
      select: { seriesId: true },
      where: { state },
      order: { checkedAt: 'ASC' },
    });
    return rows.map((r) => r.seriesId);
  }

  countInState(state: MetadataMatchState): Promise<number> {
    return this.repo.countBy({ state });
  }

  /** Stores a lookup's result; the last write is kept. */
  async saveMatch(record: MatchRecord): Promise<void> {
    await this.repo.upsert(record, ['seriesId']);
  }

  async saveWrite(seriesId: number, lastWrite: MetadataWriteOutcome): Promise<void> {
    await this.repo.update({ seriesId }, { lastWrite });
  }
}
