import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { SessionRepository } from '../auth/session.repository';
import { NotificationEntity } from '../notifications/entities/notification.entity';
import { DownloadQueueItemEntity } from '../queue/entities/download-queue-item.entity';
import { QueueLeaseRepository } from '../queue/queue-lease.repository';
import { QueueReadRepository } from '../queue/queue-read.repository';
import { QueueRepository } from '../queue/queue.repository';
import { dialects } from '../../test/helpers/dialects';
import { seedEpisodes } from '../../test/helpers/seed';
import { waitUntil } from '../../test/helpers/wait';
import { openDatabase } from './data-source.factory';
import { sqliteGateWaiters } from './sqlite-connection-gate';
import { SystemSettingEntity } from './entities/system-setting.entity';
import { SystemSettingsRepository } from './system-settings.repository';

const DIALECTS = dialects();

const T0 = new Date('2026-03-01T12:00:00.000Z');

function deferred(): { promise: Promise<void>; resolve(): void } {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
}

/**
 * Transactions of one process at the same time as each other and as other queries: requests and
 * the queue workers overlap all the time. On SQLite the whole process shares one connection.
 */
describe.each(DIALECTS)('concurrent transactions on %s (medium)', (name, setUp, available) => {
  const maybe = available ? it : it.skip;
  let ds: DataSource;
  let tearDown: () => Promise<void>;
  let queue: QueueRepository;
  let reads: QueueReadRepository;
  let leases: QueueLeaseRepository;
  let settings: SystemSettingsRepository;
  let sessions: SessionRepository;

  beforeAll(async () => {
    if (!available) return;
    const env = await setUp();
    tearDown = env.tearDown;
    ds = await openDatabase(env.target);
    queue = new QueueRepository(ds);
    reads = new QueueReadRepository(ds);
    leases = new QueueLeaseRepository(ds);
    settings = new SystemSettingsRepository(ds);
    sessions = new SessionRepository(ds);
  });
  afterAll(async () => {
    if (!available) return;
    await ds.destroy();
    await tearDown();
  });
  beforeEach(async () => {
    if (!available) return;
    await ds.getRepository(DownloadQueueItemEntity).clear();
    await ds.getRepository(SystemSettingEntity).clear();
  });

  /** Pending queue items, one per new episode, in insertion order. */
  async function pendingItems(count: number): Promise<string[]> {
    const episodes = await seedEpisodes(ds, count);
    const ids: string[] = [];
    for (const e of episodes) {
      const result = await queue.insert({ episodeId: e.id, priority: 1, language: null });
      if (!result.ok) throw new Error('expected an insert');
      ids.push(result.item.id);
    }
    return ids;
  }

  const pendingOrder = async () => (await reads.listByStatus(['pending'])).map((i) => i.id);

  maybe('runs two reorders at once; the queue ends in one of the two orders', async () => {
    const ids = await pendingItems(6);
    const reversed = [...ids].reverse();
    const rotated = [...ids.slice(3), ...ids.slice(0, 3)];

    await Promise.all([queue.setPositions(reversed), queue.setPositions(rotated)]);

    expect([reversed, rotated]).toContainEqual(await pendingOrder());
  });

  maybe('reorders, claims, updates settings and logs in, all at once', async () => {
    const ids = await pendingItems(6);
    const reversed = [...ids].reverse();
    const sessionIds = [randomUUID(), randomUUID(), randomUUID()];

    const [, first, second] = await Promise.all([
      queue.setPositions(reversed),
      leases.claim('worker-1', T0, 60_000),
      leases.claim('worker-2', T0, 60_000),
      ...[1, 2, 3, 4].map(() => settings.update<number>('counter', (n) => (n ?? 0) + 1)),
      ...sessionIds.map((id) =>
        sessions.create({ id, expiresAt: T0, now: T0, userAgent: null, ip: null }),
      ),
      queue.setPositions(reversed),
    ]);

    expect(await settings.get('counter')).toBe(4);
    for (const id of sessionIds) expect(await sessions.findById(id)).not.toBeNull();
    expect(first).not.toBeNull();
    expect(second).not.toBeNull();
    expect(first).not.toBe(second);
    expect(await reads.findById(first as string)).toMatchObject({
      status: 'downloading',
      leaseOwner: 'worker-1',
    });
    expect(await reads.findById(second as string)).toMatchObject({
      status: 'downloading',
      leaseOwner: 'worker-2',
    });
    expect(await pendingOrder()).toEqual(reversed.filter((id) => id !== first && id !== second));
  });

  maybe(
    'rolls back a failed transaction alone: others are neither shown its rows nor undone with it',
    async () => {
      const [item] = await pendingItems(1);
      const opened = deferred();
      const hold = deferred();
      const failing = ds.transaction(async (manager) => {
        await manager.getRepository(SystemSettingEntity).insert({ key: 'doomed', value: '1' });
        opened.resolve();
        await hold.promise;
        throw new Error('abort');
      });
      await opened.promise;

      // While the transaction is open, a worker claims, someone logs in, someone reads.
      const sessionId = randomUUID();
      let settled = false;
      const others = Promise.all([
        leases.claim('worker-1', T0, 60_000),
        sessions.create({ id: sessionId, expiresAt: T0, now: T0, userAgent: null, ip: null }),
        settings.get('doomed'),
      ]).finally(() => (settled = true));
      // Until each has either gone on (inside the open transaction, which it must not; on
      // PostgreSQL on a connection of its own) or queued for the SQLite connection; then it fails.
      await waitUntil(
        () => settled || sqliteGateWaiters(ds) >= 3,
        'the other queries to run or to queue behind the transaction',
      );
      hold.resolve();
      await expect(failing).rejects.toThrow('abort');

      const [claimed, , seen] = await others;
      expect(seen).toBeNull();
      expect(claimed).toBe(item);
      expect(await reads.findById(item)).toMatchObject({
        status: 'downloading',
        leaseOwner: 'worker-1',
      });
      expect(await sessions.findById(sessionId)).not.toBeNull();
      expect(await settings.get('doomed')).toBeNull();
    },
  );

  // On PostgreSQL such code runs on another connection, outside the transaction: not asked there.
  if (name === 'sqlite')
    it('runs code in a transaction that bypasses its manager inside it', async () => {
      const notification = {
        id: randomUUID(),
        kind: 'system',
        level: 'info',
        title: 't',
        message: 'm',
        seriesKey: null,
        data: null,
        readAt: null,
      } as const;
      const failing = ds.transaction(async (manager) => {
        await manager.getRepository(SystemSettingEntity).insert({ key: 'inner', value: '1' });
        // The data source's own repositories (a query, a save with its own transaction) and a
        // nested transaction: all on the connection this transaction holds, so all inside it.
        expect(await settings.get('inner')).toBe(1);
        await settings.set('outer', 2);
        await ds.getRepository(NotificationEntity).save(notification);
        await ds.transaction((nested) =>
          nested.getRepository(SystemSettingEntity).insert({ key: 'nested', value: '3' }),
        );
        throw new Error('abort');
      });
      await expect(failing).rejects.toThrow('abort');

      expect(await settings.get('inner')).toBeNull();
      expect(await settings.get('outer')).toBeNull();
      expect(await settings.get('nested')).toBeNull();
      const notifications = ds.getRepository(NotificationEntity);
      expect(await notifications.findOneBy({ id: notification.id })).toBeNull();
      // And the connection is free again.
      await settings.set('after', 4);
      expect(await settings.get('after')).toBe(4);
    });
});
