import type { DataSource } from 'typeorm';
import { openDatabase } from '../../database/data-source.factory';
import { DownloadQueueItemEntity } from '../../queue/entities/download-queue-item.entity';
import { QueueLeaseRepository } from '../../queue/queue-lease.repository';
import { QueueRepository } from '../../queue/queue.repository';
import { dialects } from '../../../test/helpers/dialects';
import { seedEpisodes } from '../../../test/helpers/seed';
import { ArrTorrentRepository, type NewTorrent } from './arr-torrent.repository';
import { ArrCategoryEntity } from './entities/arr-category.entity';
import { ArrTorrentEntity } from './entities/arr-torrent.entity';

const torrent = (hash: string, over: Partial<NewTorrent> = {}): NewTorrent => ({
  hash,
  name: `Title.${hash.slice(0, 4)}`,
  site: 'aniworld',
  seriesKey: 'k',
  season: 1,
  episode: 1,
  language: 'german-dub',
  mode: 'download',
  category: 'tv-sonarr',
  tags: [],
  savePath: '/downloads/tv-sonarr',
  contentPath: `/downloads/tv-sonarr/${hash}.mp4`,
  queueItemId: null,
  forceStart: false,
  ...over,
});

describe.each(dialects())(
  'arr torrents and categories on %s (medium)',
  (_name, setUp, available) => {
    const maybe = available ? it : it.skip;
    let ds: DataSource;
    let tearDown: () => Promise<void>;
    let repo: ArrTorrentRepository;

    beforeAll(async () => {
      if (!available) return;
      const env = await setUp();
      tearDown = env.tearDown;
      ds = await openDatabase(env.target);
      repo = new ArrTorrentRepository(ds);
    });
    afterAll(async () => {
      if (!available) return;
      await ds.destroy();
      await tearDown();
    });
    beforeEach(async () => {
      if (!available) return;
      await ds.getRepository(ArrTorrentEntity).clear();
      await ds.getRepository(ArrCategoryEntity).clear();
    });

    maybe('inserts a hash once, filters by category and hashes, updates and deletes', async () => {
      expect(await repo.insert(torrent('a'.repeat(40), { tags: ['x'] }))).toBe(true);
      expect(await repo.insert(torrent('a'.repeat(40)))).toBe(false);
      await repo.insert(torrent('b'.repeat(40), { category: '' }));
      expect((await repo.list({ category: 'tv-sonarr' })).map((t) => t.hash)).toEqual([
        'a'.repeat(40),
      ]);
      expect((await repo.list({ category: '' })).map((t) => t.hash)).toEqual(['b'.repeat(40)]);
      expect(await repo.list({ hashes: ['b'.repeat(40), 'c'.repeat(40)] })).toHaveLength(1);
      await repo.update(['a'.repeat(40)], {
        category: 'tv-imported',
        tags: ['x', 'y'],
        forceStart: true,
      });
      expect(await repo.find('a'.repeat(40))).toMatchObject({
        category: 'tv-imported',
        tags: ['x', 'y'],
        forceStart: true,
        season: 1,
        addedAt: expect.any(Date),
      });
      await repo.delete(['a'.repeat(40)]);
      expect(await repo.find('a'.repeat(40))).toBeNull();
    });

    maybe(
      'creates, changes and removes categories; removed ones leave torrents uncategorised',
      async () => {
        await repo.saveCategory('tv-sonarr', null);
        await repo.saveCategory('tv-sonarr', '/elsewhere');
        await repo.saveCategory('radarr', null);
        expect(
          (await repo.listCategories()).map((c) => ({ name: c.name, savePath: c.savePath })),
        ).toEqual([
          { name: 'radarr', savePath: null },
          { name: 'tv-sonarr', savePath: '/elsewhere' },
        ]);
        await repo.insert(torrent('c'.repeat(40)));
        await repo.removeCategories(['tv-sonarr']);
        expect(await repo.findCategory('tv-sonarr')).toBeNull();
        expect((await repo.find('c'.repeat(40)))?.category).toBe('');
      },
    );

    maybe(
      'keeps a torrent when its queue item goes (no foreign key: the queue owns its table)',
      async () => {
        const [episode] = await seedEpisodes(ds, 1);
        const inserted = await new QueueRepository(ds).insert({
          episodeId: episode.id,
          priority: 1,
          language: 'german-dub',
          targetPath: '/downloads/tv-sonarr/x.mp4',
          category: 'tv-sonarr',
        });
        if (!inserted.ok) throw new Error('not inserted');
        await repo.insert(torrent('d'.repeat(40), { queueItemId: inserted.item.id }));
        await ds.getRepository(DownloadQueueItemEntity).clear();
        expect((await repo.find('d'.repeat(40)))?.queueItemId).toBe(inserted.item.id);
      },
    );

    maybe('the queue claims no held item, and only fixed-target items when asked to', async () => {
      await ds.getRepository(DownloadQueueItemEntity).clear();
      const queue = new QueueRepository(ds);
      const leases = new QueueLeaseRepository(ds);
      const [a, b, c] = await seedEpisodes(ds, 3);
      const insert = async (episodeId: number, targetPath: string | null) => {
        const result = await queue.insert({ episodeId, priority: 1, language: null, targetPath });
        if (!result.ok) throw new Error('not inserted');
        return result.item.id;
      };
      const library = await insert(a.id, null);
      const targeted = await insert(b.id, '/downloads/b.mp4');
      const held = await insert(c.id, '/downloads/c.mp4');
      await queue.setHeld([held], true);
      const now = new Date();
      expect(await leases.claim('me', now, 30_000, { targetedOnly: true })).toBe(targeted);
      expect(await leases.claim('me', now, 30_000, { targetedOnly: true })).toBeNull();
      expect(await leases.claim('me', now, 30_000)).toBe(library);
      expect(await leases.claim('me', now, 30_000)).toBeNull();
      await queue.setHeld([held], false);
      expect(await leases.claim('me', now, 30_000)).toBe(held);
    });
  },
);
