import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { serviceAvailable } from './services';

/** The PostgreSQL the developer and CI machines run (trust auth, database `test`). */
export const POSTGRES_ADMIN_URL =
  process.env['TEST_DATABASE_URL'] ?? 'postgres://postgres@127.0.0.1:5432/test';

/** Whether PostgreSQL answers; see {@link serviceAvailable}. */
export function postgresAvailable(): boolean {
  return serviceAvailable('postgres', POSTGRES_ADMIN_URL, 5432);
}

/** A fresh database for one test file, dropped afterwards. */
export async function createTempDatabase(): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `aniworld_test_${randomBytes(6).toString('hex')}`;
  const admin = new Client({ connectionString: POSTGRES_ADMIN_URL });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(POSTGRES_ADMIN_URL);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      const client = new Client({ connectionString: POSTGRES_ADMIN_URL });
      await client.connect();
      await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await client.end();
    },
  };
}
