import { ArrQbittorrentPostgres1765000000000 } from './postgres/1765000000000-arr-qbittorrent';
import { InitialSchemaPostgres1763700000000 } from './postgres/1763700000000-initial-schema';
import { NotificationsLibraryFoldersPostgres1763800000000 } from './postgres/1763800000000-notifications-library-folders';
import { ArrQbittorrentSqlite1765000000000 } from './sqlite/1765000000000-arr-qbittorrent';
import { InitialSchemaSqlite1763700000000 } from './sqlite/1763700000000-initial-schema';
import { NotificationsLibraryFoldersSqlite1763800000000 } from './sqlite/1763800000000-notifications-library-folders';

/**
 * Migrations per dialect, listed explicitly (the server is bundled, so no globbing). Add new
 * ones at the end of both lists; never edit a migration that has shipped.
 */
export const SQLITE_MIGRATIONS = [
  InitialSchemaSqlite1763700000000,
  NotificationsLibraryFoldersSqlite1763800000000,
  ArrQbittorrentSqlite1765000000000,
];
export const POSTGRES_MIGRATIONS = [
  InitialSchemaPostgres1763700000000,
  NotificationsLibraryFoldersPostgres1763800000000,
  ArrQbittorrentPostgres1765000000000,
];
