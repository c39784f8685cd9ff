import { Inject, Injectable } from '@nestjs/common';
import type { DataSource, Repository } from 'typeorm';
import { DATA_SOURCE } from '../database/database.service';
import { StrmStreamEntity } from './entities/strm-stream.entity';

/** The only code that touches `strm_streams`. */
@Injectable()
export class StrmStreamRepository {
  private readonly streams: Repository<StrmStreamEntity>;

  constructor(@Inject(DATA_SOURCE) dataSource: DataSource) {
    this.streams = dataSource.getRepository(StrmStreamEntity);
  }

  find(episodeId: string): Promise<StrmStreamEntity | null> {
    return this.streams.findOneBy({ episodeId });
  }

  /** The episode's newest resolution replaces the one before (one row per episode). */
  async save(row: StrmStreamEntity): Promise<void> {
    await this.streams.upsert(row, ['episodeId']);
  }
}
