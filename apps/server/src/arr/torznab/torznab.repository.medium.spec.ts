import type { DataSource } from 'typeorm';
import { dialects } from '../../../test/helpers/dialects';
import { openDatabase } from '../../database/data-source.factory';
import { CatalogueRepository } from '../catalogue/catalogue.repository';
import { AvailabilityEntity } from './entities/availability.entity';
import { TorznabRepository } from './torznab.repository';

// Real HTTP, a real sandbox and libxml2: generous on a loaded 2-core machine (no test waits on time).
jest.setTimeout(60_000);

const DIALECTS = dialects();

function availability(patch: Partial<AvailabilityEntity>): AvailabilityEntity {
  return Object.assign(new AvailabilityEntity(), {
    site: 'aniworld',
    key: 'sternenwanderer',
    season: 1,
    episode: 1,
    language: 'german-dub',
    available: true,
    hosters: ['VOE'],
    height: null,
    codec: null,
    bandwidth: null,
    durationSec: null,
    checkedAt: new Date('2026-10-01T00:00:00Z'),
    expiresAt: new Date('2026-10-02T00:00:00Z'),
    ...patch,
  });
}

describe.each(DIALECTS)('Torznab tables on %s (medium)', (_name, setUp, available) => {
  const maybe = available ? it : it.skip;
  let ds: DataSource;
  let tearDown: () => Promise<void>;
  let catalogue: CatalogueRepository;
  let torznab: TorznabRepository;

  beforeAll(async () => {
    if (!available) return;
    const env = await setUp();
    tearDown = env.tearDown;
    ds = await openDatabase(env.target);
    catalogue = new CatalogueRepository(ds);
    torznab = new TorznabRepository(ds);
  });
  afterAll(async () => {
    if (!available) return;
    await ds.destroy();
    await tearDown();
  });

  maybe('replaces a site list, keeping learned ids of series still listed', async () => {
    const t1 = new Date('2026-10-01T00:00:00Z');
    await catalogue.replaceSite(
      'aniworld',
      [
        { site: 'aniworld', key: 'a', title: 'A', altTitles: ['Ä'] },
        { site: 'aniworld', key: 'b', title: 'B', altTitles: [] },
      ],
      t1,
    );
    await catalogue.upsert({ site: 'sto', key: 'a', title: 'A', altTitles: [] }, t1);
    await catalogue.update('aniworld', 'a', { imdbId: 'tt1', tvdbId: 7 });
    const t2 = new Date('2026-10-02T00:00:00Z');
    await catalogue.replaceSite(
      'aniworld',
      [{ site: 'aniworld', key: 'a', title: 'A renamed', altTitles: [] }],
      t2,
    );
    const rows = await catalogue.all();
    expect(rows.map((r) => `${r.site}:${r.key}`)).toEqual(['aniworld:a', 'sto:a']);
    expect(rows[0]).toMatchObject({ title: 'A renamed', imdbId: 'tt1', tvdbId: 7, listedAt: t2 });
  });

  maybe('stores episode lists and availability rows, upserting by their keys', async () => {
    await torznab.replaceEpisodes('aniworld', 'sternenwanderer', [
      { season: 1, episode: 2, title: 'Two' },
      { season: 1, episode: 1, title: null },
      { season: 0, episode: 1, title: 'Film' },
    ]);
    await torznab.replaceEpisodes('aniworld', 'sternenwanderer', [
      { season: 1, episode: 1, title: 'One' },
      { season: 1, episode: 2, title: 'Two' },
    ]);
    const episodes = await torznab.episodesOf('aniworld', 'sternenwanderer');
    expect(episodes.map((e) => [e.season, e.episode, e.title])).toEqual([
      [1, 1, 'One'],
      [1, 2, 'Two'],
    ]);

    await torznab.saveAvailability([availability({}), availability({ language: 'german-sub' })]);
    await torznab.saveAvailability([
      availability({ height: 1080, codec: 'h264', bandwidth: 4_000_000, durationSec: 1420 }),
    ]);
    const rows = await torznab.availabilityOf('aniworld', 'sternenwanderer');
    expect(rows).toHaveLength(2);
    expect(rows.find((r) => r.language === 'german-dub')).toMatchObject({
      available: true,
      hosters: ['VOE'],
      height: 1080,
      bandwidth: 4_000_000,
      durationSec: 1420,
    });
  });
});
