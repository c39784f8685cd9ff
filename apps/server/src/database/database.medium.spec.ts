import { randomUUID } from 'node:crypto';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import type { DataSource } from 'typeorm';
import { AnimeSeriesEntity } from '../anime/entities/anime-series.entity';
import { EpisodeEntity } from '../anime/entities/episode.entity';
import { UserSessionEntity } from '../auth/entities/user-session.entity';
import type { DatabaseTarget } from '../config/config.service';
import { DownloadQueueItemEntity } from '../queue/entities/download-queue-item.entity';
import { tempDir } from '../../test/helpers/test-app';
import { createTempDatabase, postgresAvailable } from '../../test/helpers/postgres';
import { openDatabase } from './data-source.factory';
import { SystemSettingEntity } from './entities/system-setting.entity';
import { POSTGRES_MIGRATIONS, SQLITE_MIGRATIONS } from './migrations';

interface Dialect {
  name: string;
  migrations: unknown[];
  setUp(): Promise<{ target: DatabaseTarget; tearDown(): Promise<void> }>;
}

const sqlite: Dialect = {
  name: 'sqlite',
  migrations: SQLITE_MIGRATIONS,
  setUp: async () => {
    const dir = tempDir();
    return {
      target: { type: 'sqlite', path: join(dir, 'aniworld.db') },
      tearDown: async () => rmSync(dir, { recursive: true, force: true }),
    };
  },
};

const postgres: Dialect = {
  name: 'postgres',
  migrations: POSTGRES_MIGRATIONS,
  setUp: async () => {
    const db = await createTempDatabase();
    return { target: { type: 'postgres', url: db.url }, tearDown: db.drop };
  },
};

const dialects: [string, Dialect, boolean][] = [
  ['sqlite', sqlite, true],
  ['postgres', postgres, postgresAvailable()],
];

describe.each(dialects)('database on %s (medium)', (_name, dialect, available) => {
  const maybe = available ? it : it.skip;
  let ds: DataSource;
  let tearDown: () => Promise<void>;

  beforeAll(async () => {
    if (!available) return;
    const env = await dialect.setUp();
    tearDown = env.tearDown;
    ds = await openDatabase(env.target);
  });
  afterAll(async () => {
    if (!available) return;
    await ds.destroy();
    await tearDown();
  });

  async function series(key = `s-${randomUUID().slice(0, 8)}`): Promise<AnimeSeriesEntity> {
    return ds.getRepository(AnimeSeriesEntity).save({
      key,
      name: 'Mädchen & Drachen',
      site: 'aniworld',
      folder: 'Mädchen & Drachen (2020)',
      year: 2020,
      coverUrl: 'https://example.invalid/c.jpg',
      description: 'Umlaute: äöü ß',
      altTitles: ['Girls & Dragons', '少女と竜'],
      languagePreference: ['german-sub', 'german-dub'],
    });
  }

  async function episode(seriesId: number, season = 1, number = 1): Promise<EpisodeEntity> {
    return ds.getRepository(EpisodeEntity).save({
      seriesId,
      season,
      episodeNumber: number,
      absoluteNumber: 12,
      titleDe: 'Die Reise',
      titleEn: 'The Journey',
      languages: ['german-dub', 'english-sub'],
      isDownloaded: true,
      filePath: '/anime/x.mkv',
    });
  }

  function queueItem(episodeId: number, status: DownloadQueueItemEntity['status'] = 'pending') {
    return ds.getRepository(DownloadQueueItemEntity).insert({
      id: randomUUID(),
      episodeId,
      status,
      priority: 1,
      position: 1,
      language: 'german-dub',
      bytesDone: 5_000_000_000,
      providersTried: [
        {
          hoster: 'VOE',
          language: 'german-dub',
          error_code: 'VIDEO_GONE',
          error: 'gone',
          at: '2026-01-01T00:00:00Z',
        },
      ],
    });
  }

  maybe('ran every migration and records them', async () => {
    const rows = (await ds.query('SELECT name FROM migrations')) as { name: string }[];
    expect(rows.map((r) => r.name)).toEqual(
      dialect.migrations.map((m) => (m as { name: string }).name),
    );
    expect(await ds.showMigrations()).toBe(false);
  });

  maybe('round-trips every entity', async () => {
    const s = await series();
    const loaded = await ds.getRepository(AnimeSeriesEntity).findOneByOrFail({ id: s.id });
    expect(loaded).toMatchObject({
      name: 'Mädchen & Drachen',
      year: 2020,
      altTitles: ['Girls & Dragons', '少女と竜'],
      deletedAt: null,
    });
    expect(loaded.createdAt).toBeInstanceOf(Date);

    const e = await episode(s.id);
    expect(await ds.getRepository(EpisodeEntity).findOneByOrFail({ id: e.id })).toMatchObject({
      isDownloaded: true,
      languages: ['german-dub', 'english-sub'],
      titleDe: 'Die Reise',
    });

    await queueItem(e.id);
    const item = await ds
      .getRepository(DownloadQueueItemEntity)
      .findOneByOrFail({ episodeId: e.id });
    expect(item.bytesDone).toBe(5_000_000_000);
    expect(item.providersTried[0].hoster).toBe('VOE');
    expect(item.nextAttemptAt).toBeNull();

    const expires = new Date('2030-01-01T12:00:00.000Z');
    const session = {
      id: randomUUID(),
      expiresAt: expires,
      lastSeenAt: new Date(),
      userAgent: 'jest',
      ip: '127.0.0.1',
      revokedAt: null,
    };
    await ds.getRepository(UserSessionEntity).insert(session);
    expect(
      (
        await ds.getRepository(UserSessionEntity).findOneByOrFail({ id: session.id })
      ).expiresAt.getTime(),
    ).toBe(expires.getTime());

    await ds.getRepository(SystemSettingEntity).save({ key: 'queue.paused', value: 'true' });
    expect(
      (await ds.getRepository(SystemSettingEntity).findOneByOrFail({ key: 'queue.paused' })).value,
    ).toBe('true');
  });

  maybe('rejects a duplicate series key', async () => {
    await series('dup-key');
    await expect(series('dup-key')).rejects.toThrow(/unique|duplicate/i);
  });

  maybe('rejects a duplicate (series, season, episode)', async () => {
    const s = await series();
    await episode(s.id, 1, 1);
    await episode(s.id, 2, 1);
    await expect(episode(s.id, 1, 1)).rejects.toThrow(/unique|duplicate/i);
  });

  maybe('allows at most one pending or downloading item per episode', async () => {
    const s = await series();
    const e = await episode(s.id);
    await queueItem(e.id, 'completed');
    await queueItem(e.id, 'failed');
    await queueItem(e.id, 'pending');
    await expect(queueItem(e.id, 'pending')).rejects.toThrow(/unique|duplicate/i);
    await expect(queueItem(e.id, 'downloading')).rejects.toThrow(/unique|duplicate/i);
  });

  maybe('enforces foreign keys and cascades deletes', async () => {
    await expect(episode(999_999)).rejects.toThrow(/foreign key/i);
    const s = await series();
    const e = await episode(s.id);
    await queueItem(e.id);
    await ds.getRepository(AnimeSeriesEntity).delete({ id: s.id });
    expect(await ds.getRepository(EpisodeEntity).countBy({ seriesId: s.id })).toBe(0);
    expect(await ds.getRepository(DownloadQueueItemEntity).countBy({ episodeId: e.id })).toBe(0);
  });

  maybe('soft-deletes series', async () => {
    const s = await series();
    await ds.getRepository(AnimeSeriesEntity).softDelete({ id: s.id });
    expect(await ds.getRepository(AnimeSeriesEntity).findOneBy({ id: s.id })).toBeNull();
    expect(
      (
        await ds
          .getRepository(AnimeSeriesEntity)
          .findOne({ where: { id: s.id }, withDeleted: true })
      )?.deletedAt,
    ).toBeInstanceOf(Date);
  });
});
