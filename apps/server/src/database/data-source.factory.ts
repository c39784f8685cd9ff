import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { DataSource, type DataSourceOptions } from 'typeorm';
import { AnimeSeriesEntity } from '../anime/entities/anime-series.entity';
import { ArrCategoryEntity } from '../arr/qbittorrent/entities/arr-category.entity';
import { ArrTorrentEntity } from '../arr/qbittorrent/entities/arr-torrent.entity';
import { EpisodeEntity } from '../anime/entities/episode.entity';
import { LibraryFolderEntity } from '../anime/entities/library-folder.entity';
import { CatalogueEntryEntity } from '../arr/catalogue/entities/catalogue-entry.entity';
import { EpisodeReleaseEntity } from '../calendar/entities/episode-release.entity';
import { AvailabilityEntity } from '../arr/torznab/entities/availability.entity';
import { SiteEpisodeEntity } from '../arr/torznab/entities/site-episode.entity';
import { UserSessionEntity } from '../auth/entities/user-session.entity';
import type { DatabaseTarget } from '../config/config.service';
import { SeriesMetadataEntity } from '../metadata/entities/series-metadata.entity';
import { NotificationChannelEntity } from '../notifications/entities/notification-channel.entity';
import { NotificationOutboxEntity } from '../notifications/entities/notification-outbox.entity';
import { NotificationEntity } from '../notifications/entities/notification.entity';
import { DownloadQueueItemEntity } from '../queue/entities/download-queue-item.entity';
import { SchedulerJobEntity } from '../scheduler/entities/scheduler-job.entity';
import { StrmStreamEntity } from '../strm/entities/strm-stream.entity';
import { SystemSettingEntity } from './entities/system-setting.entity';
import { POSTGRES_MIGRATIONS, SQLITE_MIGRATIONS } from './migrations';
import {
  importLegacyDatabase,
  restoreLegacyDatabase,
  setAsideLegacyDatabase,
} from './legacy-import';
import { gateSqliteConnection } from './sqlite-connection-gate';
import { SQLITE_DRIVER } from './sqlite-driver';

export const ENTITIES = [
  AnimeSeriesEntity,
  EpisodeEntity,
  DownloadQueueItemEntity,
  UserSessionEntity,
  SystemSettingEntity,
  NotificationEntity,
  LibraryFolderEntity,
  SchedulerJobEntity,
  NotificationChannelEntity,
  NotificationOutboxEntity,
  ArrCategoryEntity,
  ArrTorrentEntity,
  CatalogueEntryEntity,
  SiteEpisodeEntity,
  AvailabilityEntity,
  SeriesMetadataEntity,
  StrmStreamEntity,
  EpisodeReleaseEntity,
];

/** TypeORM options for the configured database. Schema changes come only from migrations. */
export function dataSourceOptions(target: DatabaseTarget): DataSourceOptions {
  const common = {
    entities: ENTITIES,
    synchronize: false,
    migrationsRun: false,
    migrationsTableName: 'migrations',
    logging: false,
  } as const;
  if (target.type === 'postgres') {
    return {
      ...common,
      type: 'postgres',
      url: target.url,
      migrations: POSTGRES_MIGRATIONS,
      // Keep connections few: the queue throttles its writes, and several instances may share a server.
      extra: { max: 10, connectionTimeoutMillis: 5000 },
    };
  }
  return {
    ...common,
    type: 'sqlite',
    driver: SQLITE_DRIVER,
    database: target.path,
    migrations: SQLITE_MIGRATIONS,
    // WAL lets readers run while a writer commits; TypeORM turns foreign keys on for sqlite.
    enableWAL: true,
    busyTimeout: 5000,
  };
}

/**
 * Opens the database, checks that foreign keys are enforced, and runs pending migrations. On
 * SQLite a transaction owns the one connection until it ends ({@link gateSqliteConnection}).
 */
export async function openDatabase(target: DatabaseTarget): Promise<DataSource> {
  // A path from sqlite:///… may name a folder that does not exist yet (./data on a fresh clone).
  if (target.type === 'sqlite') mkdirSync(dirname(target.path), { recursive: true });
  const legacy = target.type === 'sqlite' ? await setAsideLegacyDatabase(target.path) : null;
  const dataSource = new DataSource(dataSourceOptions(target));
  await dataSource.initialize();
  gateSqliteConnection(dataSource);
  try {
    if (target.type === 'sqlite') {
      await dataSource.query('PRAGMA foreign_keys = ON');
      const [row] = (await dataSource.query('PRAGMA foreign_keys')) as { foreign_keys: number }[];
      if (row?.foreign_keys !== 1) throw new Error('SQLite foreign keys could not be enabled');
    }
    await dataSource.runMigrations({ transaction: 'each' });
    if (legacy) await importLegacyDatabase(legacy, dataSource);
  } catch (error) {
    await dataSource.destroy();
    // The earlier version's file goes back where it was, so the next start tries again.
    if (legacy && target.type === 'sqlite') restoreLegacyDatabase(legacy, target.path);
    throw error;
  }
  return dataSource;
}
