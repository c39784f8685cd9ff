import { ArrQbittorrentPostgres1765000000000 } from './postgres/1765000000000-arr-qbittorrent';
import { InitialSchemaPostgres1763700000000 } from './postgres/1763700000000-initial-schema';
import { NotificationsLibraryFoldersPostgres1763800000000 } from './postgres/1763800000000-notifications-library-folders';
import { SeriesCountsPostgres1765000000000 } from './postgres/1765000000000-series-counts';
import { QueueTotalsPostgres1765000000001 } from './postgres/1765000000001-queue-totals';
import { ArrQbittorrentSqlite1765000000000 } from './sqlite/1765000000000-arr-qbittorrent';
import { ArrTorznabPostgres1764100000000 } from './postgres/1764100000000-arr-torznab';
import { ArrTorznabSqlite1764100000000 } from './sqlite/1764100000000-arr-torznab';
import { InitialSchemaSqlite1763700000000 } from './sqlite/1763700000000-initial-schema';
import { NotificationsLibraryFoldersSqlite1763800000000 } from './sqlite/1763800000000-notifications-library-folders';
import { SeriesCountsSqlite1765000000000 } from './sqlite/1765000000000-series-counts';
import { QueueTotalsSqlite1765000000001 } from './sqlite/1765000000001-queue-totals';
import { SchedulerPostgres1765100000000 } from './postgres/1765100000000-scheduler';
import { NotificationChannelsPostgres1765200000000 } from './postgres/1765200000000-notification-channels';
import { SchedulerSqlite1765100000000 } from './sqlite/1765100000000-scheduler';
import { NotificationChannelsSqlite1765200000000 } from './sqlite/1765200000000-notification-channels';
import { StrmStreamsPostgres1766000000000 } from './postgres/1766000000000-strm-streams';
import { StrmStreamsSqlite1766000000000 } from './sqlite/1766000000000-strm-streams';
import { MetadataPostgres1766100000000 } from './postgres/1766100000000-metadata';
import { MetadataSqlite1766100000000 } from './sqlite/1766100000000-metadata';
import { DownloadedLanguagePostgres1766200000000 } from './postgres/1766200000000-downloaded-language';
import { DownloadedLanguageSqlite1766200000000 } from './sqlite/1766200000000-downloaded-language';
import { LibraryFingerprintPostgres1766300000000 } from './postgres/1766300000000-library-fingerprint';
import { LibraryFingerprintSqlite1766300000000 } from './sqlite/1766300000000-library-fingerprint';
import { EpisodeReleasesPostgres1766300000001 } from './postgres/1766300000001-episode-releases';
import { EpisodeReleasesSqlite1766300000001 } from './sqlite/1766300000001-episode-releases';
import { LibraryVersionPostgres1766400000000 } from './postgres/1766400000000-library-version';
import { LibraryVersionSqlite1766400000000 } from './sqlite/1766400000000-library-version';
import { EpisodeStrmPostgres1766400000001 } from './postgres/1766400000001-episode-strm';
import { EpisodeStrmSqlite1766400000001 } from './sqlite/1766400000001-episode-strm';
import { UnifiedReleasesPostgres1766500000000 } from './postgres/1766500000000-unified-releases';
import { UnifiedReleasesSqlite1766500000000 } from './sqlite/1766500000000-unified-releases';

/**
 * Migrations per dialect, listed explicitly (the server is bundled, so no globbing), in the order
 * TypeORM runs them (by timestamp). Add new ones at the end of both lists with a later timestamp;
 * never edit a migration that has shipped.
 */
export const SQLITE_MIGRATIONS = [
  InitialSchemaSqlite1763700000000,
  NotificationsLibraryFoldersSqlite1763800000000,
  ArrTorznabSqlite1764100000000,
  SeriesCountsSqlite1765000000000,
  ArrQbittorrentSqlite1765000000000,
  QueueTotalsSqlite1765000000001,
  SchedulerSqlite1765100000000,
  NotificationChannelsSqlite1765200000000,
  StrmStreamsSqlite1766000000000,
  MetadataSqlite1766100000000,
  DownloadedLanguageSqlite1766200000000,
  LibraryFingerprintSqlite1766300000000,
  EpisodeReleasesSqlite1766300000001,
  LibraryVersionSqlite1766400000000,
  EpisodeStrmSqlite1766400000001,
  UnifiedReleasesSqlite1766500000000,
];
export const POSTGRES_MIGRATIONS = [
  InitialSchemaPostgres1763700000000,
  NotificationsLibraryFoldersPostgres1763800000000,
  ArrTorznabPostgres1764100000000,
  SeriesCountsPostgres1765000000000,
  ArrQbittorrentPostgres1765000000000,
  QueueTotalsPostgres1765000000001,
  SchedulerPostgres1765100000000,
  NotificationChannelsPostgres1765200000000,
  StrmStreamsPostgres1766000000000,
  MetadataPostgres1766100000000,
  DownloadedLanguagePostgres1766200000000,
  LibraryFingerprintPostgres1766300000000,
  EpisodeReleasesPostgres1766300000001,
  LibraryVersionPostgres1766400000000,
  EpisodeStrmPostgres1766400000001,
  UnifiedReleasesPostgres1766500000000,
];
