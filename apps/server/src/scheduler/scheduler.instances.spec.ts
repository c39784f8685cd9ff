import { randomBytes } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { DATA_SOURCE } from '../database/database.service';
import { createTempDatabase, postgresAvailable } from '../../test/helpers/postgres';
import { serviceAvailable } from '../../test/helpers/services';
import { startTestApp, type TestApp } from '../../test/helpers/test-app';
import { waitUntil } from '../../test/helpers/wait';
import { JobRegistry } from './job-registry';

const TEST_REDIS_URL = process.env['TEST_REDIS_URL'] ?? 'redis://127.0.0.1:6379';
const available = postgresAvailable() && serviceAvailable('redis', TEST_REDIS_URL, 6379);

interface Run {
  instance: string;
  slot: number | null;
}

/**
 * Two instances on one PostgreSQL database and one Redis, with a job every second, a tick of
 * 100 ms and a lease of 2 s: each slot runs exactly once in the cluster; when the instance that
 * holds the job dies mid-run (its database connection gone, so it can neither renew nor
 * release), the other one runs the next slot once the lease has expired.
 */
(available ? describe : describe.skip)(
  'scheduler across two instances (PostgreSQL + Redis)',
  () => {
    let db: Awaited<ReturnType<typeof createTempDatabase>>;
    const apps: Record<string, TestApp> = {};
    const runs: Run[] = [];
    /** Instances whose next run of the test job hangs until aborted (a run in progress when it dies). */
    const hangOn = new Set<string>();
    let running = 0;
    let overlapped = false;

    const settings = {
      scheduler: { tick_seconds: 0.1, lease_seconds: 2 },
    };

    async function start(name: string, env: Record<string, string>): Promise<void> {
      const app = await startTestApp(env, { settings });
      apps[name] = app;
      app.app.get(JobRegistry).register({
        name: 'test_every_second',
        description: 'records which instance ran which slot',
        schedule: () => ({ kind: 'every', ms: 1000 }),
        run: async ({ slot, signal }) => {
          running++;
          if (running > 1) overlapped = true;
          runs.push({ instance: name, slot });
          try {
            if (hangOn.has(name))
              await new Promise<void>((resolve) =>
                signal.addEventListener('abort', () => resolve(), { once: true }),
              );
          } finally {
            running--;
          }
        },
      });
    }

    beforeAll(async () => {
      db = await createTempDatabase();
      const env = {
        DATABASE_URL: db.url,
        REDIS_URL: TEST_REDIS_URL,
        JWT_SECRET_KEY: randomBytes(32).toString('base64'),
      };
      await start('a', env);
      await start('b', env);
    }, 60_000);

    afterAll(async () => {
      for (const app of Object.values(apps)) await app.close().catch(() => undefined);
      await db?.drop();
    });

    it('runs each slot exactly once in the cluster', async () => {
      await waitUntil(() => runs.length >= 6, 'six runs of the test job', 60_000);
      const slots = runs.map((r) => r.slot);
      expect(slots.every((s) => typeof s === 'number')).toBe(true);
      expect(new Set(slots).size).toBe(slots.length);
      expect([...slots].sort((x, y) => (x ?? 0) - (y ?? 0))).toEqual(slots);
      expect(overlapped).toBe(false);
    }, 90_000);

    it('lets the other instance run the next slot when the holder dies mid-run', async () => {
      const leader = runs[runs.length - 1].instance;
      const other = leader === 'a' ? 'b' : 'a';
      // The leader's next run hangs: it dies while holding the job.
      hangOn.add(leader);
      const before = runs.length;
      await waitUntil(
        () => runs.length > before && runs[runs.length - 1].instance === leader,
        `a run by ${leader} that hangs`,
        30_000,
      );
      const hung = runs.length;
      await apps[leader].app.get<DataSource>(DATA_SOURCE).destroy();

      await waitUntil(
        () => runs.slice(hung).some((r) => r.instance === other),
        `${other} to take the job over`,
        30_000,
      );
      const takeover = runs.slice(hung);
      expect(takeover.every((r) => r.instance === other)).toBe(true);
      expect(new Set(runs.map((r) => r.slot)).size).toBe(runs.length);
    }, 90_000);
  },
);
