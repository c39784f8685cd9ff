import type { DataSource } from 'typeorm';
import { AnimeSeriesEntity } from '../anime/entities/anime-series.entity';
import { EpisodeRepository } from '../anime/episode.repository';
import { EpisodesService } from '../anime/episodes.service';
import { SeriesCountsRepository } from '../anime/series-counts.repository';
import { openDatabase } from '../database/data-source.factory';
import { SystemSettingEntity } from '../database/entities/system-setting.entity';
import { SystemSettingsRepository } from '../database/system-settings.repository';
import { dialects } from '../../test/helpers/dialects';
import { seedEpisodes } from '../../test/helpers/seed';
import { DownloadQueueItemEntity } from './entities/download-queue-item.entity';
import { QueueEntries } from './queue-entries.service';
import { QueueLeaseRepository } from './queue-lease.repository';
import { QueueReadRepository } from './queue-read.repository';
import { QueueStateService } from './queue-state.service';
import { QueueTotalsRepository } from './queue-totals.repository';
import { QueueRepository } from './queue.repository';

const DIALECTS = dialects();

const T0 = new Date('2026-03-01T12:00:00.000Z');
const at = (seconds: number) => new Date(T0.getTime() + seconds * 1000);

describe.each(DIALECTS)('queue repository on %s (medium)', (name, setUp, available) => {
  const maybe = available ? it : it.skip;
  let ds: DataSource;
  /** A second connection (pool) to the same database: another instance, as far as it can tell. */
  let other: DataSource;
  let tearDown: () => Promise<void>;
  let repo: QueueRepository;
  let reads: QueueReadRepository;
  let leases: QueueLeaseRepository;
  let totals: QueueTotalsRepository;

  beforeAll(async () => {
    if (!available) return;
    const env = await setUp();
    tearDown = env.tearDown;
    ds = await openDatabase(env.target);
    other = await openDatabase(env.target);
    repo = new QueueRepository(ds);
    reads = new QueueReadRepository(ds);
    leases = new QueueLeaseRepository(ds);
    totals = new QueueTotalsRepository(ds);
  });
  afterAll(async () => {
    if (!available) return;
    await other.destroy();
    await ds.destroy();
    await tearDown();
  });
  beforeEach(async () => {
    if (!available) return;
    await ds.getRepository(DownloadQueueItemEntity).clear();
    await ds.getRepository(SystemSettingEntity).clear();
  });

  const episodes = (count: number) => seedEpisodes(ds, count);

  const insert = async (episodeId: number, priority: 0 | 1 | 2 = 1) => {
    const result = await repo.insert({ episodeId, priority, language: null });
    if (!result.ok) throw new Error('expected an insert');
    return result.item;
  };

  maybe('lets only one open item per episode in, even from concurrent requests', async () => {
    const [e] = await episodes(1);
    const results = await Promise.all(
      Array.from({ length: 6 }, () =>
        repo.insert({ episodeId: e.id, priority: 1, language: null }),
      ),
    );
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results.filter((r) => !r.ok)).toEqual(
      Array.from({ length: 5 }, () => ({ ok: false, reason: 'already_queued' })),
    );
    expect((await reads.openOfEpisodes([e.id])).map((i) => i.episodeId)).toEqual([e.id]);
  });

  maybe(
    'inserts many in one call at the end of the queue, skipping open episodes',
    async () => {
      const es = await episodes(250);
      const before = await insert(es[0].id);
      const wanted = es.map((e) => ({ episodeId: e.id, priority: 1 as const, language: null }));
      // Two requests at once over the same episodes: each episode goes in exactly once.
      const [first, second] = await Promise.all([
        repo.insertMany(wanted.slice(0, 180)),
        repo.insertMany(wanted.slice(120)),
      ]);
      const ids = [...first, ...second].map((i) => i.episodeId);
      expect(new Set(ids).size).toBe(ids.length);
      expect(ids.sort((a, b) => a - b)).toEqual(es.slice(1).map((e) => e.id));
      const pending = await reads.pendingIds();
      expect(pending).toHaveLength(250);
      // After what was there, each call's items in the order given.
      expect(pending[0]).toBe(before.id);
      for (const call of [first, second])
        expect(pending.filter((id) => call.some((i) => i.id === id))).toEqual(
          call.map((i) => i.id),
        );
      expect((await totals.totals()).counts.pending).toBe(250);
    },
    30_000,
  );

  maybe('claims by priority, then position, and not before next_attempt_at', async () => {
    const es = await episodes(4);
    const low = await insert(es[0].id, 2);
    const normalA = await insert(es[1].id, 1);
    const normalB = await insert(es[2].id, 1);
    const high = await insert(es[3].id, 0);
    await ds
      .getRepository(DownloadQueueItemEntity)
      .update({ id: normalA.id }, { nextAttemptAt: at(60) });

    const order: (string | null)[] = [];
    for (let i = 0; i < 4; i++) order.push(await leases.claim('me', T0, 30_000));
    expect(order).toEqual([high.id, normalB.id, low.id, null]);
    expect(await leases.claim('me', at(61), 30_000)).toBe(normalA.id);

    const claimed = await reads.findById(high.id);
    expect(claimed).toMatchObject({ status: 'downloading', leaseOwner: 'me' });
    expect(claimed?.leaseExpiresAt?.getTime()).toBe(at(30).getTime());
    expect(claimed?.startedAt?.getTime()).toBe(T0.getTime());
  });

  maybe(
    'names items by their episode and series, also once the series left the library',
    async () => {
      const [e] = await episodes(1);
      const item = await insert(e.id);
      const entries = new QueueEntries(
        reads,
        new EpisodesService(new EpisodeRepository(ds, new SeriesCountsRepository(ds))),
      );
      const series = await ds.getRepository(AnimeSeriesEntity).findOneByOrFail({ id: e.seriesId });
      expect((await entries.byId(item.id))?.episode).toMatchObject({
        id: e.id,
        season: 1,
        episodeNumber: 1,
        series: { key: series.key },
      });
      await ds.getRepository(AnimeSeriesEntity).softDelete({ id: series.id });
      expect((await entries.byIds([item.id]))[0]?.episode?.series.key).toBe(series.key);
      // The episode gone (and its item with it, by the foreign key): nothing to name.
      await ds.query(`DELETE FROM "episodes" WHERE "id" = ${e.id}`);
      expect(await entries.byId(item.id)).toBeNull();
    },
  );

  maybe('never gives one item to two concurrent claimers on two connections', async () => {
    const es = await episodes(24);
    for (const e of es) await insert(e.id);
    const repos = [leases, new QueueLeaseRepository(other)];
    const claimer = async (r: QueueLeaseRepository, owner: string) => {
      const got: string[] = [];
      for (;;) {
        const id = await r.claim(owner, T0, 30_000);
        if (!id) return got;
        got.push(id);
      }
    };
    const results = await Promise.all(
      [0, 1, 2, 3, 4, 5].map((i) => claimer(repos[i % 2], `worker-${i}`)),
    );
    const all = results.flat();
    expect(all).toHaveLength(24);
    expect(new Set(all).size).toBe(24);
    const rows = await ds.getRepository(DownloadQueueItemEntity).find();
    for (const [i, ids] of results.entries())
      for (const id of ids) expect(rows.find((r) => r.id === id)?.leaseOwner).toBe(`worker-${i}`);
  });

  maybe(
    'claims nothing while the stored state, set through another instance, is paused or stopped',
    async () => {
      const es = await episodes(3);
      for (const e of es) await insert(e.id);
      // The other instance's view: its own connection and its own services.
      const elsewhere = new QueueStateService(new SystemSettingsRepository(other));

      await elsewhere.set({ paused: true });
      expect(await leases.claim('me', T0, 30_000)).toBeNull();
      await elsewhere.set({ paused: false, running: false });
      expect(await leases.claim('me', T0, 30_000)).toBeNull();
      expect((await totals.totals()).counts).toMatchObject({ pending: 3, downloading: 0 });

      await elsewhere.set({ running: true });
      expect(await leases.claim('me', T0, 30_000)).not.toBeNull();
      // Resume while stopped clears only the pause; start clears both.
      await elsewhere.set({ running: false, paused: true });
      await elsewhere.set({ paused: false });
      expect(await leases.claim('me', T0, 30_000)).toBeNull();
      await elsewhere.set({ running: true, paused: false });
      expect(await leases.claim('me', T0, 30_000)).not.toBeNull();
    },
  );

  maybe(
    'changes the run state atomically across instances; one of them makes a pause',
    async () => {
      const here = new QueueStateService(new SystemSettingsRepository(ds));
      // One SQLite file has one instance (one process), whose updates are serialised in it.
      const elsewhere =
        name === 'sqlite' ? here : new QueueStateService(new SystemSettingsRepository(other));
      expect(await here.read()).toEqual({ running: true, paused: false });

      // Several instances run out of disk space at once: each pauses, exactly one was first.
      const pauses = await Promise.all(
        [here, elsewhere, here, elsewhere].map((s) => s.set({ paused: true })),
      );
      expect(pauses.filter((p) => !p.before.paused)).toHaveLength(1);
      expect(pauses.every((p) => p.after.paused)).toBe(true);

      // A stop and a resume at the same time both take effect, whichever comes first.
      await Promise.all([here.set({ running: false }), elsewhere.set({ paused: false })]);
      expect(await here.read()).toEqual({ running: false, paused: false });
      expect(await elsewhere.read()).toEqual({ running: false, paused: false });
    },
  );

  maybe('renews and ends runs only for the lease owner; releases stale leases', async () => {
    const es = await episodes(2);
    const a = await insert(es[0].id);
    const b = await insert(es[1].id);
    await leases.claim('one', T0, 10_000);
    await leases.claim('two', T0, 60_000);
    expect(await leases.renewLease(a.id, 'two', at(100))).toBe(false);
    expect(await leases.renewLease(a.id, 'one', at(20))).toBe(true);
    expect(await leases.endRun(a.id, 'two', { status: 'completed' })).toBe(false);
    await leases.saveProgress(b.id, 'two', { bytesDone: 1234, bytesTotal: 5000, speed: 10 });

    // At t=30 the lease of `one` (until t=20) has run out, that of `two` (until t=60) has not.
    expect(await leases.releaseStale(at(30))).toBe(1);
    expect(await reads.findById(a.id)).toMatchObject({ status: 'pending', leaseOwner: null });
    expect(await reads.findById(b.id)).toMatchObject({ status: 'downloading', leaseOwner: 'two' });
    // At boot on one instance every lease is stale; bytes are kept for the resume.
    expect(await leases.releaseStale()).toBe(1);
    expect(await reads.findById(b.id)).toMatchObject({
      status: 'pending',
      leaseOwner: null,
      bytesDone: 1234,
      bytesTotal: 5000,
    });
  });

  maybe('reorders pending items and resets failed ones for a retry', async () => {
    const es = await episodes(3);
    const [a, b, c] = [await insert(es[0].id), await insert(es[1].id), await insert(es[2].id)];
    await repo.setPositions([c.id, a.id, b.id]);
    expect((await reads.listByStatus(['pending'])).map((i) => i.id)).toEqual([c.id, a.id, b.id]);

    await leases.claim('me', T0, 1000);
    await leases.endRun(c.id, 'me', { status: 'failed', attempts: 4, error: 'gone' });
    expect(await reads.failedItems()).toEqual([{ id: c.id, attempts: 4 }]);
    expect(await repo.resetForRetry([c.id, a.id], true)).toEqual([c.id]);
    expect(await reads.findById(c.id)).toMatchObject({
      status: 'pending',
      attempts: 0,
      error: null,
      providersTried: [],
    });
    // A failed item whose episode was queued again meanwhile stays failed.
    await leases.claim('me', T0, 1000);
    const claimedFirst = (await reads.listByStatus(['downloading']))[0];
    await leases.endRun(claimedFirst.id, 'me', { status: 'failed' });
    await insert(claimedFirst.episodeId);
    expect(await repo.resetForRetry([claimedFirst.id], false)).toEqual([]);
    expect((await totals.totals()).counts).toMatchObject({ pending: 3, failed: 1 });
  });

  maybe(
    'keeps the totals true through every kind of change, and pages agree with the data',
    async () => {
      const es = await episodes(30);
      const items = [];
      for (const [i, e] of es.entries()) items.push(await insert(e.id, (i % 3) as 0 | 1 | 2));
      const table = ds.getRepository(DownloadQueueItemEntity);
      for (let i = 0; i < 12; i++) {
        const id = await leases.claim('me', T0, 60_000);
        if (!id) throw new Error('expected a claim');
        const fields =
          i % 3 === 0
            ? { status: 'completed' as const, bytesDone: 1000 + i, completedAt: at(i) }
            : i % 3 === 1
              ? { status: 'failed' as const, completedAt: at(i) }
              : { bytesDone: 5 };
        await leases.endRun(id, 'me', fields);
      }
      await leases.releaseStale();
      await repo.delete([items[29].id]);
      await repo.resetForRetry(
        (await reads.page('failed', 0, 1)).map((i) => i.id),
        false,
      );
      // A cascade: the episode goes, its item with it.
      await ds.query(`DELETE FROM "episodes" WHERE "id" = ${es[28].id}`);
      // Enough changes to fold the deltas at least once.
      for (let round = 0; round < 60; round++) {
        const id = await leases.claim('me', T0, 60_000);
        if (id) await leases.releaseStale();
      }

      const rows = await table.find();
      const expected = { pending: 0, downloading: 0, completed: 0, failed: 0, cancelled: 0 };
      for (const row of rows) expected[row.status]++;
      const { counts, completedBytes } = await totals.totals();
      expect(counts).toEqual(expected);
      expect(completedBytes).toBe(
        rows.filter((r) => r.status === 'completed').reduce((a, r) => a + Number(r.bytesDone), 0),
      );
      const [deltas] = (await ds.query(`SELECT COUNT(*) AS "n" FROM "queue_totals"`)) as {
        n: string | number;
      }[];
      expect(Number(deltas.n)).toBeLessThan(250);

      for (const list of ['pending', 'completed', 'failed'] as const) {
        const paged: string[] = [];
        for (let offset = 0; ; offset += 4) {
          const page = await reads.page(list, offset, 4);
          paged.push(...page.map((i) => i.id));
          if (page.length < 4) break;
        }
        const full =
          list === 'pending'
            ? await reads.pendingIds()
            : rows
                .filter((r) => r.status === list)
                .sort(
                  (a, b) =>
                    (b.completedAt?.getTime() ?? 0) - (a.completedAt?.getTime() ?? 0) ||
                    b.updatedAt.getTime() - a.updatedAt.getTime() ||
                    (a.id < b.id ? 1 : -1),
                )
                .map((r) => r.id);
        expect(paged).toEqual(full);
        expect(paged).toHaveLength(expected[list]);
      }
    },
  );
});
