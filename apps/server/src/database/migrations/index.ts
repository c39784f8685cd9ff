import { InitialSchemaPostgres1763700000000 } from './postgres/1763700000000-initial-schema';
import { NotificationsLibraryFoldersPostgres1763800000000 } from './postgres/1763800000000-notifications-library-folders';
import { ArrTorznabPostgres1764100000000 } from './postgres/1764100000000-arr-torznab';
import { ArrTorznabSqlite1764100000000 } from './sqlite/1764100000000-arr-torznab';
import { InitialSchemaSqlite1763700000000 } from './sqlite/1763700000000-initial-schema';
import { NotificationsLibraryFoldersSqlite1763800000000 } from './sqlite/1763800000000-notifications-library-folders';

/**
 * Migrations per dialect, listed explicitly (the server is bundled, so no globbing). Add new
 * ones at the end of both lists; never edit a migration that has shipped.
 */
export const SQLITE_MIGRATIONS = [
  InitialSchemaSqlite1763700000000,
  NotificationsLibraryFoldersSqlite1763800000000,
  ArrTorznabSqlite1764100000000,
];
export const POSTGRES_MIGRATIONS = [
  InitialSchemaPostgres1763700000000,
  NotificationsLibraryFoldersPostgres1763800000000,
  ArrTorznabPostgres1764100000000,
];
