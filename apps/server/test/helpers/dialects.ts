import { rmSync } from 'node:fs';
import { join } from 'node:path';
import type { DatabaseTarget } from '../../src/config/config.service';
import { createTempDatabase, postgresAvailable } from './postgres';
import { tempDir } from './test-app';

/** A fresh, empty database for one test file, and how to get rid of it. */
export type DatabaseSetup = () => Promise<{ target: DatabaseTarget; tearDown(): Promise<void> }>;

const sqlite: DatabaseSetup = async () => {
  const dir = tempDir();
  return {
    target: { type: 'sqlite', path: join(dir, 'aniworld.db') },
    tearDown: async () => rmSync(dir, { recursive: true, force: true }),
  };
};

const postgres: DatabaseSetup = async () => {
  const db = await createTempDatabase();
  return { target: { type: 'postgres', url: db.url }, tearDown: db.drop };
};

/**
 * Both dialects for `describe.each`: name, setup, and whether it can run here (PostgreSQL is
 * skipped outside CI when it is not reachable, and fails the run in CI; see postgresAvailable).
 */
export function dialects(): [string, DatabaseSetup, boolean][] {
  return [
    ['sqlite', sqlite, true],
    ['postgres', postgres, postgresAvailable()],
  ];
}
