import { randomBytes } from 'node:crypto';
import { rmSync } from 'node:fs';
import { io, type Socket } from 'socket.io-client';
import type { RescanResponse, ScanCompleteEvent } from '@aniworld/contracts';
import { createTempDatabase, postgresAvailable } from '../../test/helpers/postgres';
import { serviceAvailable } from '../../test/helpers/services';
import { startTestApp, tempDir, TEST_PASSWORD, type TestApp } from '../../test/helpers/test-app';
import { waitUntil } from '../../test/helpers/wait';
import { joinRoom } from '../../test/helpers/socket';
import { EventsGateway } from './events.gateway';

const TEST_REDIS_URL = process.env['TEST_REDIS_URL'] ?? 'redis://127.0.0.1:6379';
const available = postgresAvailable() && serviceAvailable('redis', TEST_REDIS_URL, 6379);

/**
 * Scale-out as docker-compose runs it: two instances on one PostgreSQL database and one Redis. A
 * browser connected to instance A sees what instance B does.
 */
(available ? describe : describe.skip)('socket events across two instances (Redis)', () => {
  let db: Awaited<ReturnType<typeof createTempDatabase>>;
  let a: TestApp;
  let b: TestApp;
  let library: string;
  let socket: Socket | null = null;

  beforeAll(async () => {
    db = await createTempDatabase();
    library = tempDir('aniworld-anime-');
    const env = {
      DATABASE_URL: db.url,
      REDIS_URL: TEST_REDIS_URL,
      // Instances share sessions through the secret, as the compose file tells users to do.
      JWT_SECRET_KEY: randomBytes(32).toString('base64'),
      ANIME_DIRECTORY: library,
    };
    // The two instances share this file's own fan-out channel and rate-limit keys (test-app's
    // defaults): other runs on the same Redis reach neither its clients nor its counters.
    a = await startTestApp(env);
    b = await startTestApp(env);
  }, 60_000);

  afterAll(async () => {
    socket?.close();
    await a?.close();
    await b?.close();
    await db?.drop();
    rmSync(library, { recursive: true, force: true });
  });

  it("delivers instance B's scan events to a client of instance A", async () => {
    const token = await b.setUp();
    socket = io(a.url, { path: '/socket.io', auth: { token }, transports: ['websocket'] });
    const completed: ScanCompleteEvent[] = [];
    socket.on('scan_complete', (e: ScanCompleteEvent) => completed.push(e));
    await joinRoom(socket, 'scan_progress');

    // B sees A's socket through Redis: A's subscriptions are in place before B raises anything.
    const serverB = b.app.get(EventsGateway).server;
    await waitUntil(
      async () => (await serverB.fetchSockets()).length === 1,
      'instance B to see the socket connected to A',
    );

    const { scan_id } = (await b.api(token).post('/api/anime/rescan').expect(202))
      .body as RescanResponse;
    // The scan id is made on B: A cannot have raised this event itself.
    await waitUntil(
      () => completed.some((e) => e.scan_id === scan_id),
      `scan_complete ${scan_id} on the socket of instance A`,
    );
    expect(completed.find((e) => e.scan_id === scan_id)).toMatchObject({
      series_matched: 0,
      unmatched: 0,
    });
  }, 60_000);

  it('ends the socket on instance A when its session logs out through instance B', async () => {
    const token = await b.api('').post('/api/auth/login').send({ password: TEST_PASSWORD });
    const access = (token.body as { access_token: string }).access_token;
    const client = io(a.url, {
      path: '/socket.io',
      auth: { token: access },
      transports: ['websocket'],
      reconnection: false,
    });
    try {
      let reason: string | null = null;
      client.on('disconnect', (why) => (reason = why));
      await joinRoom(client, 'scan_progress');
      await b.api(access).post('/api/auth/logout').expect(204);
      await waitUntil(() => reason !== null, 'the socket on instance A to be disconnected');
      expect(reason).toBe('io server disconnect');
    } finally {
      client.close();
    }
  }, 60_000);
});
