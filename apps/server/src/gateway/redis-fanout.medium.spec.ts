import { randomUUID } from 'node:crypto';
import { createServer, type Server as HttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import Redis from 'ioredis';
import { Server } from 'socket.io';
import { io, type Socket } from 'socket.io-client';
import {
  freePort,
  type PrivateRedis,
  redisServerAvailable,
  startRedisServer,
} from '@aniworld/testing';
import { waitUntil } from '../../test/helpers/wait';
import { RedisFanout } from './redis-fanout';

describe('redis fan-out (medium)', () => {
  it('refuses to start with the reason when Redis cannot be reached', async () => {
    const port = await freePort();
    await expect(RedisFanout.connect(`redis://127.0.0.1:${port}/3`)).rejects.toThrow(
      `Redis at 127.0.0.1:${port}/3 is not reachable (connect ECONNREFUSED 127.0.0.1:${port}).`,
    );
  });
});

/**
 * Two socket servers (instances) on a Redis of the test's own that it kills and restarts: an
 * outage must not take the process down, and fan-out must resume on its own afterwards. The
 * adapter drops the promises of its publishes: a rejected one would be unhandled, which fails
 * the test here and ends the process in production.
 */
(redisServerAvailable() ? describe : describe.skip)(
  'redis fan-out through an outage (medium)',
  () => {
    const channel = `aniworld:test:${randomUUID()}`;
    let redis: PrivateRedis;
    const fanouts: RedisFanout[] = [];
    const servers: Server[] = [];
    const http: HttpServer[] = [];
    let client: Socket | null = null;

    beforeAll(async () => {
      redis = await startRedisServer();
      for (let i = 0; i < 2; i++) {
        const fanout = await RedisFanout.connect(redis.url, channel);
        const httpServer = createServer();
        const server = new Server(httpServer);
        server.adapter(fanout.adapter());
        server.on('connection', (socket) => void socket.join('downloads'));
        await new Promise<void>((resolve) => httpServer.listen(0, '127.0.0.1', resolve));
        fanouts.push(fanout);
        servers.push(server);
        http.push(httpServer);
      }
    });

    afterAll(async () => {
      client?.close();
      for (const server of servers) await server.close();
      for (const fanout of fanouts) await fanout.close();
      await redis.kill();
    });

    it('names its channel after the Redis database, so deployments on other databases stay apart', async () => {
      const fanout = await RedisFanout.connect(`${redis.url}/2`);
      await fanout.close();
      expect(fanout.channel).toBe('aniworld:socket.io:2');
    });

    it('keeps serving during the outage and fans out again when Redis is back', async () => {
      const [a, b] = servers;
      const { port } = http[0].address() as AddressInfo;
      client = io(`http://127.0.0.1:${port}`, { transports: ['websocket'] });
      const received: number[] = [];
      client.on('tick', (n: number) => received.push(n));
      await waitUntil(
        async () => (await b.fetchSockets()).length === 1,
        'B to see the client of A',
      );

      b.to('downloads').emit('tick', 1);
      await waitUntil(() => received.includes(1), 'the first event from B');

      await redis.kill();
      await waitUntil(
        () => fanouts.every((f) => !f.connected),
        'both instances to notice the outage',
      );
      // Raised during the outage: A's own clients still get A's events; B's cannot reach A.
      b.to('downloads').emit('tick', 2);
      a.to('downloads').emit('tick', 3);
      await waitUntil(() => received.includes(3), "A's own event during the outage");

      redis = await startRedisServer(redis.port);
      const probe = new Redis(redis.url);
      try {
        // Both instances' subscriber connections hold their pattern subscription again.
        await waitUntil(async () => {
          const list = (await probe.client('LIST')) as string;
          const resubscribed = list
            .split('\n')
            .filter((line) => line.includes('name=aniworld-socket-sub') && / psub=1 /.test(line));
          return fanouts.every((f) => f.connected) && resubscribed.length === 2;
        }, 'both instances to subscribe again');
      } finally {
        probe.disconnect();
      }
      b.to('downloads').emit('tick', 4);
      await waitUntil(() => received.includes(4), 'an event from B after the outage');
    }, 60_000);
  },
);
