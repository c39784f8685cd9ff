import type { AnimeSummary, Page } from '@aniworld/contracts';
import { randomBytes } from 'node:crypto';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import type { DataSource } from 'typeorm';
import { DATA_SOURCE } from '../database/database.service';
import { FakeClock } from '../../test/helpers/fake-clock';
import { createTempDatabase, postgresAvailable } from '../../test/helpers/postgres';
import { startTestApp, tempDir, type TestApp } from '../../test/helpers/test-app';
import { EpisodeRepository } from './episode.repository';
import { EpisodesService } from './episodes.service';
import { SeriesRepository } from './series.repository';

type Database = () => Promise<{ url: string; drop(): Promise<void> }>;

const sqlite: Database = () => {
  const dir = tempDir('aniworld-list-cache-');
  return Promise.resolve({
    url: `sqlite:///${join(dir, 'shared.db')}`,
    drop: () => Promise.resolve(rmSync(dir, { recursive: true, force: true })),
  });
};
const postgres: Database = async () => {
  const db = await createTempDatabase();
  return { url: db.url, drop: db.drop };
};

const dialects: [string, Database, boolean][] = [
  ['sqlite', sqlite, true],
  ['postgres', postgres, postgresAvailable()],
];

const ALL = '/api/anime?missing_only=false';

/**
 * The library list is served from a cache while the library does not change (docs/SCALE.md,
 * "Library list"). Every kind of write — through this instance or another one on the same
 * database, through the repositories or behind them — is in the very next list read; the ETag
 * answers 304 only while the page is the same.
 */
describe.each(dialects)('library list cache on %s (HTTP)', (_name, db, available) => {
  const maybe = available ? it : it.skip;
  let database: Awaited<ReturnType<Database>>;
  let clock: FakeClock;
  let a: TestApp;
  let b: TestApp;
  let api: ReturnType<TestApp['api']>;
  let other: ReturnType<TestApp['api']>;
  let seriesId: number;

  beforeEach(async () => {
    if (!available) return;
    database = await db();
    clock = new FakeClock();
    const env = {
      DATABASE_URL: database.url,
      // Instances share sessions through the secret, as the compose file tells users to do.
      JWT_SECRET_KEY: randomBytes(32).toString('base64'),
      // Offline: nothing here needs the sites.
      ANIWORLD_BASE_URL: 'http://127.0.0.1:9/aniworld',
      STO_BASE_URL: 'http://127.0.0.1:9/sto',
    };
    const settings = { downloads: { language_preference: ['german-dub'] } };
    a = await startTestApp(env, { settings, clock });
    const token = await a.setUp();
    b = await startTestApp(env, { settings });
    api = a.api(token);
    other = b.api(token);
    const series = await a.app.get(SeriesRepository).upsert({
      key: 'sternenwanderer',
      name: 'Sternenwanderer',
      site: 'aniworld',
      folder: 'Sternenwanderer (2019)',
      year: 2019,
    });
    seriesId = series.id;
    await a.app.get(EpisodeRepository).upsertMany(
      seriesId,
      [1, 2, 3].map((n) => ({
        season: 1,
        episodeNumber: n,
        titleDe: null,
        titleEn: null,
        languages: ['german-dub' as const, 'german-sub' as const],
      })),
    );
  });
  afterEach(async () => {
    if (!available) return;
    await b.close();
    await a.close();
    await database.drop();
  });

  async function list(url = ALL): Promise<{ page: Page<AnimeSummary>; etag: string }> {
    const res = await api.get(url).expect(200);
    return { page: res.body as Page<AnimeSummary>, etag: String(res.headers['etag']) };
  }

  const only = async () => {
    const { page } = await list();
    expect(page.items).toHaveLength(1);
    return page.items[0];
  };

  maybe('answers 304 to the current ETag and 200 with the new page after a write', async () => {
    const first = await list();
    const again = await list();
    expect(again.etag).toBe(first.etag);
    expect(again.page).toEqual(first.page);

    const notModified = await api.get(ALL).set('If-None-Match', first.etag).expect(304);
    expect(notModified.text).toBe('');
    expect(notModified.headers['etag']).toBe(first.etag);
    // Another page has its own validator.
    await api.get(`${ALL}&page=2`).set('If-None-Match', first.etag).expect(200);

    await a.app.get(EpisodesService).markDownloaded(await episodeId(1), '/library/1.mkv');
    const changed = await api.get(ALL).set('If-None-Match', first.etag).expect(200);
    expect(changed.headers['etag']).not.toBe(first.etag);
    expect((changed.body as Page<AnimeSummary>).items[0]).toMatchObject({
      downloaded_episodes: 1,
      missing_episodes: 2,
    });
  });

  maybe('shows every kind of write in the next read, from either instance', async () => {
    expect(await only()).toMatchObject({ total_episodes: 3, missing_episodes: 3 });

    // A download completes (the worker, on this instance).
    await a.app
      .get(EpisodesService)
      .markDownloaded(await episodeId(1), '/library/1.mkv', 'german-dub');
    expect(await only()).toMatchObject({ downloaded_episodes: 1 });
    expect(await missing()).toEqual({ '1': [2, 3] });

    // A scan on the other instance finds a file and loses one.
    await b.app
      .get(EpisodeRepository)
      .applyDiskState(seriesId, { files: new Map([['1:3', '/library/3.mkv']]), strm: new Map() });
    expect(await only()).toMatchObject({ downloaded_episodes: 1 });
    expect(await missing()).toEqual({ '1': [1, 2] });

    // The site lists a new episode (a refresh on the other instance).
    await b.app
      .get(EpisodeRepository)
      .upsertMany(seriesId, [
        { season: 2, episodeNumber: 1, titleDe: null, titleEn: null, languages: ['german-sub'] },
      ]);
    expect(await only()).toMatchObject({ total_episodes: 4 });
    expect(await missing()).toEqual({ '1': [1, 2] });

    // The series' own language preference, set through the other instance's API.
    await other
      .patch('/api/anime/sternenwanderer')
      .send({ language_preference: ['german-sub'] })
      .expect(200);
    expect(await missing()).toEqual({ '1': [1, 2], '2': [1] });
    await other.patch('/api/anime/sternenwanderer').send({ language_preference: null }).expect(200);
    expect(await missing()).toEqual({ '1': [1, 2] });

    // The global preference (this instance's configuration).
    await api
      .put('/api/config')
      .send({ downloads: { language_preference: ['german-sub'] } })
      .expect(200);
    expect(await missing()).toEqual({ '1': [1, 2], '2': [1] });

    // An episode's languages learnt during a download.
    await b.app.get(EpisodesService).setLanguages(await episodeId(2), ['english-sub']);
    expect(await missing()).toEqual({ '1': [1], '2': [1] });

    // Metadata: a stored poster.
    expect((await only()).poster_url).toBeNull();
    await b.app.get(SeriesRepository).update(seriesId, { posterVersion: 'abc123' });
    expect((await only()).poster_url).toContain('v=abc123');

    // A write behind the repositories' back.
    await b.app
      .get<DataSource>(DATA_SOURCE)
      .query(`UPDATE "anime_series" SET "name" = 'Renamed' WHERE "id" = ${seriesId}`);
    expect((await only()).name).toBe('Renamed');

    // Removed through the other instance.
    await other.delete('/api/anime/sternenwanderer').expect(204);
    expect((await list()).page).toMatchObject({ items: [], total: 0 });
  });

  maybe('builds the page again when the signed image URLs in it would expire', async () => {
    await a.app.get(SeriesRepository).update(seriesId, { posterVersion: 'abc123' });
    const before = await list();
    clock.advance(3600_000);
    const after = await list();
    expect(after.etag).not.toBe(before.etag);
    expect(after.page.items[0].poster_url).not.toBe(before.page.items[0].poster_url);
  });

  const missing = async () => (await only()).missing;

  async function episodeId(episode: number, season = 1): Promise<number> {
    const row = await a.app.get(EpisodeRepository).find(seriesId, season, episode);
    if (!row) throw new Error(`no episode ${season}:${episode}`);
    return row.id;
  }
});
