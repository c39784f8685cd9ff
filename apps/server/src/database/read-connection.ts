import { OPEN_READONLY } from 'sqlite3';
import { DataSource } from 'typeorm';
import { SQLITE_DRIVER } from './sqlite-driver';

/**
 * The connection for short reads that must answer at once: the health probe, the session check
 * behind every request, the scheduler's run times in `/health`.
 *
 * Why: on SQLite every other query of the process shares one connection, one statement at a
 * time, and a transaction owns it until it ends (sqlite-connection-gate.ts). A long list query or
 * a long write transaction would make `/health` and every session check wait behind it. In WAL
 * mode a second connection reads beside a writer: it sees what was committed when its statement
 * began (so everything this process committed before it asked), never a write in progress.
 * Opened read-only, so no write can land on it by mistake and bypass the gate; writes, and reads
 * inside a transaction, stay on the main connection. See docs/SCALE.md, "Reads beside writes".
 *
 * PostgreSQL has a pool with real isolation: the main data source is returned as it is. So is an
 * in-memory SQLite database, which a second connection could not see.
 */
export async function openReadConnection(main: DataSource): Promise<DataSource> {
  const options = main.options;
  if (options.type !== 'sqlite' || options.database === ':memory:') return main;
  const reader = new DataSource({
    type: 'sqlite',
    driver: SQLITE_DRIVER,
    database: options.database,
    entities: options.entities,
    flags: OPEN_READONLY,
    busyTimeout: 5000,
    synchronize: false,
    migrationsRun: false,
    logging: false,
  });
  await reader.initialize();
  return reader;
}
