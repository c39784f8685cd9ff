import type { DataSource } from 'typeorm';
import { dialects } from '../../test/helpers/dialects';
import { openDatabase } from '../database/data-source.factory';
import { StrmStreamEntity } from './entities/strm-stream.entity';
import { StrmStreamRepository } from './strm-stream.repository';

function row(patch: Partial<StrmStreamEntity>): StrmStreamEntity {
  return Object.assign(new StrmStreamEntity(), {
    episodeId: 'aniworld/sternenwanderer/1/1/german-dub',
    resolutionId: 'r1',
    hoster: 'VOE',
    kind: 'hls',
    url: `https://cdn.example.net/engine/hls2/${'x'.repeat(1500)}/master.m3u8?t=a&e=14400`,
    headers: { Referer: 'https://voe.sx/', 'User-Agent': 'Mozilla/5.0' },
    resolvedAt: new Date('2026-10-01T00:00:00Z'),
    freshUntil: new Date('2026-10-01T01:00:00Z'),
    ...patch,
  });
}

describe.each(dialects())('strm_streams on %s (medium)', (_name, setUp, available) => {
  const maybe = available ? it : it.skip;
  let ds: DataSource;
  let tearDown: () => Promise<void>;
  let repo: StrmStreamRepository;

  beforeAll(async () => {
    if (!available) return;
    const env = await setUp();
    tearDown = env.tearDown;
    ds = await openDatabase(env.target);
    repo = new StrmStreamRepository(ds);
  });
  afterAll(async () => {
    if (!available) return;
    await ds.destroy();
    await tearDown();
  });

  maybe('keeps one resolution per episode: the newest replaces the one before', async () => {
    expect(await repo.find('aniworld/sternenwanderer/1/1/german-dub')).toBeNull();
    await repo.save(row({}));
    await repo.save(row({ episodeId: 'sto/sternenwanderer/1/1/german-dub', kind: 'mp4' }));
    const renewed = row({
      resolutionId: 'r2',
      hoster: 'Filemoon',
      url: 'https://cdn.example.net/new/master.m3u8',
      headers: { Referer: 'https://filemoon.sx/' },
      resolvedAt: new Date('2026-10-01T02:00:00Z'),
      freshUntil: new Date('2026-10-01T03:00:00Z'),
    });
    await repo.save(renewed);
    expect(await repo.find('aniworld/sternenwanderer/1/1/german-dub')).toEqual(renewed);
    expect((await repo.find('sto/sternenwanderer/1/1/german-dub'))?.kind).toBe('mp4');
    expect(await ds.getRepository(StrmStreamEntity).count()).toBe(2);
  });
});
