import type { HealthResponse } from '@aniworld/contracts';
import request from 'supertest';
import type { DataSource } from 'typeorm';
import { SESSION_CACHE_MS } from '../auth/session-token.service';
import { SessionRepository } from '../auth/session.repository';
import { FakeClock } from '../../test/helpers/fake-clock';
import { createTempDatabase, postgresAvailable } from '../../test/helpers/postgres';
import { startTestApp, type TestApp } from '../../test/helpers/test-app';
import { DATA_SOURCE, READ_DATA_SOURCE } from './database.service';

/**
 * `/health` and the session check behind every request read on their own connection: they
 * answer while a long transaction owns the main one, see only what was committed, and writes
 * still wait their turn (docs/SCALE.md, "Reads beside writes").
 */
describe.each([
  ['sqlite', true],
  ['postgres', postgresAvailable()],
] as const)('reads beside a busy main connection (%s)', (dialect, available) => {
  let t: TestApp;
  let clock: FakeClock;
  let dropDatabase: (() => Promise<void>) | null = null;

  beforeEach(async () => {
    if (!available) return;
    clock = new FakeClock();
    const env: Record<string, string> = {};
    if (dialect === 'postgres') {
      const db = await createTempDatabase();
      env['DATABASE_URL'] = db.url;
      dropDatabase = db.drop;
    }
    t = await startTestApp(env, { clock });
  });
  afterEach(async () => {
    if (!available) return;
    await t.close();
    await dropDatabase?.();
    dropDatabase = null;
  });

  (available ? it : it.skip)(
    'answers /health and an authenticated read while a transaction holds the connection',
    async () => {
      const token = await t.setUp();
      const api = t.api(token);
      await api.get('/api/config').expect(200);
      const main = t.app.get<DataSource>(DATA_SOURCE);
      if (dialect === 'sqlite') expect(t.app.get(READ_DATA_SOURCE)).not.toBe(main);

      // A long transaction on the main connection that revokes every session but has not
      // committed yet.
      let release!: () => void;
      const held = new Promise<void>((resolve) => (release = resolve));
      let entered!: () => void;
      const inside = new Promise<void>((resolve) => (entered = resolve));
      const transaction = main.transaction(async (manager) => {
        await manager.query(`UPDATE "user_sessions" SET "revoked_at" = "created_at"`);
        entered();
        await held;
      });
      await inside;
      // A write of someone else waits for its turn (SQLite: the gate; PostgreSQL: the row lock).
      let written = false;
      const write = t.app
        .get(SessionRepository)
        .touch(sessionOf(token), new Date())
        .then(() => (written = true));

      // The session cache has expired: the guard reads the row, as committed (not revoked).
      clock.advance(SESSION_CACHE_MS);
      const health = (await request(t.url).get('/health').expect(200)).body as HealthResponse;
      expect(health.checks['database']).toMatchObject({ status: 'ok' });
      await api.get('/api/config').expect(200);
      expect(written).toBe(false);

      release();
      await transaction;
      await write;
      expect(written).toBe(true);
      // Committed now: the next read of the row sees the revocation.
      clock.advance(SESSION_CACHE_MS);
      await api.get('/api/config').expect(401);
    },
  );
});

/** The session id (`sid`) inside a token (its signature is checked by the server, not here). */
function sessionOf(token: string): string {
  const payload = JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString()) as {
    sid: string;
  };
  return payload.sid;
}
