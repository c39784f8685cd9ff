import { type Sandbox, startSandbox } from '@aniworld/sandbox';
import type { AnimeSummary, Page, ScanStatus, UnmatchedFolder } from '@aniworld/contracts';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import request from 'supertest';
import {
  FAST_PROVIDERS,
  startTestApp,
  type TestApp,
  tempDir,
} from '../../../test/helpers/test-app';
import { scanToEnd as scanOver } from '../../../test/helpers/scan';

jest.setTimeout(60_000);

/** Unmatched folders as the library page works with them: candidates, covers, ignore, match. */
describe('unmatched folders and site covers (HTTP, sandbox)', () => {
  let sandbox: Sandbox;
  let t: TestApp;
  let api: ReturnType<TestApp['api']>;
  let library: string;

  beforeAll(async () => {
    sandbox = await startSandbox({ port: 0 });
    library = tempDir('aniworld-library-');
    for (const folder of ['Wanderer (2019)', 'Drachen (2021)']) {
      mkdirSync(join(library, folder));
      writeFileSync(join(library, folder, 'S01E01.mkv'), 'not really a video');
    }
    t = await startTestApp(
      {
        ANIWORLD_BASE_URL: `${sandbox.baseUrl}/aniworld`,
        STO_BASE_URL: `${sandbox.baseUrl}/sto`,
        ANIME_DIRECTORY: library,
      },
      { settings: FAST_PROVIDERS },
    );
    api = t.api(await t.setUp());
  }, 60_000);
  afterAll(async () => {
    await t.close();
    await sandbox.close();
    rmSync(library, { recursive: true, force: true });
  });

  const scanToEnd = () => scanOver(api);
  const unmatched = async () =>
    (await api.get('/api/anime/unmatched').expect(200)).body as UnmatchedFolder[];
  const scan = async () => (await api.get('/api/anime/scan').expect(200)).body as ScanStatus;

  it('lists candidates with year, site link and a cover the server caches and serves for good', async () => {
    expect(await scanToEnd()).toMatchObject({ unmatched: 2, series_matched: 0 });
    const wanderer = (await unmatched()).find((u) => u.folder === 'Wanderer (2019)');
    const candidate = wanderer?.candidates.find((c) => c.key === 'sternenwanderer');
    expect(candidate).toMatchObject({
      site: 'aniworld',
      name: 'Sternenwanderer',
      year: 2019,
      url: `${sandbox.baseUrl}/aniworld/anime/stream/sternenwanderer`,
    });
    const cover = candidate?.cover_url ?? '';
    expect(cover).toMatch(/^\/api\/covers\/[\w-]{32}\/[\w-]+$/);

    // An <img> sends no token: the signed address is public, and the answer is cached for good.
    sandbox.resetStats();
    const first = await request(t.url).get(cover).expect(200);
    expect(first.headers['content-type']).toMatch(/^image\//);
    expect(first.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect((first.body as Buffer).length).toBeGreaterThan(0);
    const fetched = sandbox.stats().requests;
    expect(fetched).toBe(1);
    await request(t.url).get(cover).expect(200);
    expect(sandbox.stats().requests).toBe(fetched);

    // An address the server did not sign is nothing.
    const [, , , signature, source] = cover.split('/');
    const forged = Buffer.from('http://example.com/x.jpg').toString('base64url');
    await request(t.url).get(`/api/covers/${signature}/${forged}`).expect(404);
    await request(t.url)
      .get(`/api/covers/${'A'.repeat(32)}/${source}`)
      .expect(404);
    await request(t.url).get(`/api/covers/short/${source}`).expect(400);
  });

  it('ignores a folder: gone from the list and the summary, left alone by the next scan', async () => {
    await request(t.url)
      .post('/api/anime/unmatched/ignore')
      .send({ folder: 'Drachen (2021)' })
      .expect(401);
    await api.post('/api/anime/unmatched/ignore').send({ folder: 'Drachen (2021)' }).expect(204);
    expect((await unmatched()).map((u) => u.folder)).toEqual(['Wanderer (2019)']);
    expect((await scan()).unmatched).toBe(1);
    await api.post('/api/anime/unmatched/ignore').send({ folder: 'Nope' }).expect(404);
    await api.post('/api/anime/unmatched/ignore').send({ folder: '../x' }).expect(400);

    sandbox.resetStats();
    expect(await scanToEnd()).toMatchObject({ unmatched: 1, folders_done: 2 });
    expect((await unmatched()).map((u) => u.folder)).toEqual(['Wanderer (2019)']);
    expect(Object.keys(sandbox.stats().by_path).filter((p) => /search/i.test(p))).toEqual([]);
  });

  it('updates the summary after a match, and the library shows the cover through the cache', async () => {
    await api
      .post('/api/anime/unmatched/match')
      .send({ folder: 'Wanderer (2019)', key: 'sternenwanderer', site: 'aniworld' })
      .expect(201);
    expect(await unmatched()).toEqual([]);
    expect(await scan()).toMatchObject({ unmatched: 0, series_matched: 1 });
    const list = (await api.get('/api/anime?missing_only=false').expect(200))
      .body as Page<AnimeSummary>;
    const cover = list.items.find((s) => s.key === 'sternenwanderer')?.cover_url ?? '';
    expect(cover).toMatch(/^\/api\/covers\//);
    await request(t.url).get(cover).expect(200);
  });
});
