import { type Clip, ensureClip, SAMPLE_CLIP, type Sandbox, startSandbox } from '@aniworld/sandbox';
import type { StrmWriteResponse } from '@aniworld/contracts';
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import request from 'supertest';
import type { DataSource } from 'typeorm';
import { expectedSha256, play } from '../../test/helpers/strm-player';
import { FAST_PROVIDERS, startTestApp, tempDir, type TestApp } from '../../test/helpers/test-app';
import { AnimeSeriesEntity } from '../anime/entities/anime-series.entity';
import { EpisodeEntity } from '../anime/entities/episode.entity';
import { DomainEvents, type StrmWrittenEvent } from '../common/events';
import { DATA_SOURCE } from '../database/database.service';

describe('STRM files into the library (POST /api/strm/series/{key}, HTTP, real SQLite + sandbox)', () => {
  let sandbox: Sandbox;
  let clip: Clip;
  let t: TestApp;
  let api: ReturnType<TestApp['api']>;
  let library: string;
  const written: StrmWrittenEvent[] = [];
  const folder = () => join(library, 'Sternenwanderer (2019)');

  beforeAll(async () => {
    sandbox = await startSandbox({ port: 0 });
    clip = await ensureClip(SAMPLE_CLIP);
    library = tempDir('aniworld-strm-library-');
    t = await startTestApp(
      {
        ANIWORLD_BASE_URL: `${sandbox.baseUrl}/aniworld`,
        STO_BASE_URL: `${sandbox.baseUrl}/sto`,
        ANIME_DIRECTORY: library,
      },
      { settings: FAST_PROVIDERS },
    );
    api = t.api(await t.setUp());
    t.app.get(DomainEvents).on('strm.written', (e) => written.push(e));
    await api.post('/api/anime/add').send({ key: 'sternenwanderer', site: 'aniworld' }).expect(201);
  }, 60_000);

  afterAll(async () => {
    await t.close();
    await sandbox.close();
    rmSync(library, { recursive: true, force: true });
  });

  it('writes a season as Series (Year)/Season NN/<naming template>.strm, in the preferred language, and they play', async () => {
    const res = (await api.post('/api/strm/series/sternenwanderer').send({ season: 2 }).expect(200))
      .body as StrmWriteResponse;
    // Season 2 has no German dub: the next language of the preference, German sub.
    expect(res.skipped).toEqual([]);
    expect(res.written.map((w) => [w.season, w.episode, w.language])).toEqual([
      [2, 1, 'german-sub'],
      [2, 2, 'german-sub'],
      [2, 3, 'german-sub'],
    ]);
    for (const w of res.written) {
      expect(
        w.path.startsWith(join(folder(), 'Season 02', `Sternenwanderer - S02E0${w.episode} - `)),
      ).toBe(true);
      expect(w.path.endsWith('.strm')).toBe(true);
      const [line, rest] = readFileSync(w.path, 'utf8').split('\n');
      expect(rest).toBe('');
      expect(line).toMatch(new RegExp(`^${t.url}/strm/stream\\?`));
      expect(new URL(line).searchParams.get('lang')).toBe('german-sub');
      expect(written).toContainEqual({
        site: 'aniworld',
        series_key: 'sternenwanderer',
        season: 2,
        episode: w.episode,
        language: 'german-sub',
        path: w.path,
        target: 'library',
      });
    }
    const playback = await play(readFileSync(res.written[0].path, 'utf8').trim());
    expect(playback.sha256).toBe(expectedSha256(clip, playback));
  });

  it('leaves out episodes on disk and those not offered in the language asked for', async () => {
    const ds = t.app.get<DataSource>(DATA_SOURCE);
    const series = await ds
      .getRepository(AnimeSeriesEntity)
      .findOneByOrFail({ key: 'sternenwanderer' });
    await ds
      .getRepository(EpisodeEntity)
      .update({ seriesId: series.id, season: 1, episodeNumber: 2 }, { isDownloaded: true });
    const res = (
      await api
        .post('/api/strm/series/sternenwanderer')
        .send({ season: 1, language: 'english-dub' })
        .expect(200)
    ).body as StrmWriteResponse;
    expect(res.written.map((w) => [w.episode, w.language])).toEqual([[1, 'english-dub']]);
    expect(res.skipped).toEqual([
      { season: 1, episode: 2, reason: 'on disk' },
      { season: 1, episode: 3, reason: 'not offered in english-dub' },
      { season: 1, episode: 4, reason: 'not offered in english-dub' },
    ]);
  });

  it('writes the public base URL when one is set (a reverse proxy in front)', async () => {
    await api
      .put('/api/config')
      .send({ arr: { strm: { public_base_url: 'https://media.example.org/aniworld/' } } })
      .expect(200);
    const res = (await api.post('/api/strm/series/sternenwanderer').send({ season: 0 }).expect(200))
      .body as StrmWriteResponse;
    expect(res.written.map((w) => w.path)).toEqual([
      expect.stringContaining(join(folder(), 'Season 00', 'Sternenwanderer - S00E01 - ')),
      expect.stringContaining(join(folder(), 'Season 00', 'Sternenwanderer - S00E02 - ')),
    ]);
    for (const w of res.written)
      expect(readFileSync(w.path, 'utf8')).toMatch(
        /^https:\/\/media\.example\.org\/aniworld\/strm\/stream\?[^\n]+\n$/,
      );
    await api
      .put('/api/config')
      .send({ arr: { strm: { public_base_url: null } } })
      .expect(200);
  });

  it('needs a session, names bad fields, and says what is not there', async () => {
    await request(t.url).post('/api/strm/series/sternenwanderer').send({}).expect(401);
    const bad = await api
      .post('/api/strm/series/sternenwanderer')
      .send({ season: -1, language: 'klingon' })
      .expect(400);
    expect((bad.body.details as { field: string }[]).map((d) => d.field).sort()).toEqual([
      'language',
      'season',
    ]);
    const key = await api.post('/api/strm/series/..%2Fetc').send({}).expect(400);
    expect(key.body.details[0].field).toBe('key');
    expect((await api.post('/api/strm/series/nobody-knows').send({}).expect(404)).body.code).toBe(
      'SERIES_NOT_FOUND',
    );
    expect(
      (await api.post('/api/strm/series/sternenwanderer').send({ season: 9 }).expect(404)).body
        .code,
    ).toBe('EPISODE_NOT_FOUND');
  });
});
