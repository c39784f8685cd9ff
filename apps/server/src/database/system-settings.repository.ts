import { Inject, Injectable } from '@nestjs/common';
import type { DataSource, Repository } from 'typeorm';
import { DATA_SOURCE } from './database.service';
import { SystemSettingEntity } from './entities/system-setting.entity';

/** Key/value runtime state as JSON. */
@Injectable()
export class SystemSettingsRepository {
  private readonly repo: Repository<SystemSettingEntity>;

  constructor(@Inject(DATA_SOURCE) dataSource: DataSource) {
    this.repo = dataSource.getRepository(SystemSettingEntity);
  }

  async get<T>(key: string): Promise<T | null> {
    const row = await this.repo.findOneBy({ key });
    return row ? (JSON.parse(row.value) as T) : null;
  }

  async set(key: string, value: unknown): Promise<void> {
    await this.repo.upsert({ key, value: JSON.stringify(value) }, ['key']);
  }
}
