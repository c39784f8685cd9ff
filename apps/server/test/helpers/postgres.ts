import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { Client } from 'pg';

/** The PostgreSQL the developer and CI machines run (trust auth, database `test`). */
export const POSTGRES_ADMIN_URL =
  process.env['TEST_DATABASE_URL'] ?? 'postgres://postgres@127.0.0.1:5432/test';

/**
 * Whether PostgreSQL answers, decided synchronously so a `describe` can depend on it. In CI a
 * missing server is an error (the tests must fail, not skip); elsewhere the tests are skipped
 * with a message saying so.
 */
export function postgresAvailable(): boolean {
  const { hostname, port } = new URL(POSTGRES_ADMIN_URL);
  const probe = spawnSync(
    process.execPath,
    [
      '-e',
      `const s=require('net').connect(${Number(port) || 5432},${JSON.stringify(hostname)});` +
        `s.setTimeout(1500,()=>process.exit(1));s.on('connect',()=>process.exit(0));s.on('error',()=>process.exit(1));`,
    ],
    { timeout: 5000 },
  );
  const up = probe.status === 0;
  if (!up && process.env['CI']) {
    throw new Error(
      `PostgreSQL is not reachable at ${hostname}:${port} but CI requires the PostgreSQL tests to run.`,
    );
  }
  if (!up) {
    process.stderr.write(
      `\n[postgres] not reachable at ${hostname}:${port}: PostgreSQL tests are SKIPPED (they run in CI).\n`,
    );
  }
  return up;
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
