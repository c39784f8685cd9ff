import { Inject, Injectable } from '@nestjs/common';
import type { DataSource, Repository } from 'typeorm';
import { DATA_SOURCE } from './database.service';
import { SystemSettingEntity } from './entities/system-setting.entity';

/** Key/value runtime state as JSON. */
@Injectable()
export class SystemSettingsRepository {
  private readonly repo: Repository<SystemSettingEntity>;
  private readonly postgres: boolean;

  constructor(@Inject(DATA_SOURCE) private readonly dataSource: DataSource) {
    this.repo = dataSource.getRepository(SystemSettingEntity);
    this.postgres = dataSource.options.type === 'postgres';
  }

  async get<T>(key: string): Promise<T | null> {
    const row = await this.repo.findOneBy({ key });
    return row ? (JSON.parse(row.value) as T) : null;
  }

  async set(key: string, value: unknown): Promise<void> {
    await this.repo.upsert({ key, value: JSON.stringify(value) }, ['key']);
  }

  /**
   * Read-modify-write of one key as a unit, also between instances on one PostgreSQL database:
   * there the row stays locked until the new value is committed, so a concurrent update of the
   * same key (another instance) waits and then works on this one's result. On SQLite (one
   * process per file) the transaction has the connection to itself until it ends (see
   * `gateSqliteConnection`). `change` gets null when the key is not set yet; returns the value
   * before and after.
   */
  update<T>(
    key: string,
    change: (current: T | null) => T,
  ): Promise<{ before: T | null; after: T }> {
    return this.dataSource.transaction((manager) =>
      readModifyWrite(manager.getRepository(SystemSettingEntity), key, change, this.postgres),
    );
  }
}

async function readModifyWrite<T>(
  repo: Repository<SystemSettingEntity>,
  key: string,
  change: (current: T | null) => T,
  lock: boolean,
): Promise<{ before: T | null; after: T }> {
  // A row to lock: JSON null stands for "not set" (in a transaction, never committed as such).
  if (lock)
    await repo.createQueryBuilder().insert().values({ key, value: 'null' }).orIgnore().execute();
  const row = await repo.findOne({
    where: { key },
    ...(lock ? { lock: { mode: 'pessimistic_write' as const } } : {}),
  });
  const before = row ? (JSON.parse(row.value) as T | null) : null;
  const after = change(before);
  await repo.upsert({ key, value: JSON.stringify(after) }, ['key']);
  return { before, after };
}
