import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import request from 'supertest';
import { startTestApp, tempDir } from '../../test/helpers/test-app';
import { loadConfig } from './config.loader';

/** A config.json as the earlier (Python) Aniworld wrote it. */
const LEGACY = {
  name: 'Aniworld',
  data_dir: 'data',
  scheduler: { enabled: true, interval_minutes: 60, schedule_time: '04:30', auto_download: true },
  logging: { level: 'INFO', file: null, max_bytes: null, backup_count: 3 },
  backup: { enabled: false, path: 'data/backups', keep_days: 30 },
  other: {
    master_password_hash: '$pbkdf2-sha256$29000$abc$def',
    anime_directory: '/srv/anime',
  },
};

describe('the earlier version’s config.json at first start', () => {
  let dir: string;
  beforeEach(() => {
    dir = tempDir();
    writeFileSync(join(dir, 'config.json'), JSON.stringify(LEGACY, null, 2));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('keeps the anime directory, the schedule and the log level, drops the hash, keeps the original', async () => {
    const original = readFileSync(join(dir, 'config.json'), 'utf8');
    const loaded = await loadConfig({ DATA_DIR: dir });
    expect(loaded.effective.anime_directory).toBe('/srv/anime');
    expect(loaded.effective.logging.level).toBe('info');
    expect(loaded.effective.scheduler).toMatchObject({
      enabled: true,
      schedule_time: '04:30',
      interval_minutes: 60,
      timezone: null,
    });
    expect(loaded.stored.secrets.master_password_hash).toBeNull();
    expect(loaded.migrated.join('\n')).toContain('run the first-run setup again');
    expect(loaded.migrated.join('\n')).toContain('dropped: backup, data_dir, name');
    expect(readFileSync(join(dir, 'config.legacy.json'), 'utf8')).toBe(original);

    const written = JSON.parse(readFileSync(join(dir, 'config.json'), 'utf8'));
    expect(written).toMatchObject({ version: 1, anime_directory: '/srv/anime' });
    expect(JSON.stringify(written)).not.toContain('pbkdf2');

    // The second start reads the migrated file as its own: no second migration.
    const again = await loadConfig({ DATA_DIR: dir });
    expect(again.migrated).toEqual([]);
    expect(again.effective.scheduler.schedule_time).toBe('04:30');
  });

  it('starts the server on it, asking for the setup again', async () => {
    const t = await startTestApp({ DATA_DIR: dir });
    try {
      expect((await request(t.url).get('/api/auth/status').expect(200)).body).toEqual({
        configured: false,
        authenticated: false,
      });
      const token = await t.setUp();
      const view = await t.api(token).get('/api/config').expect(200);
      expect(view.body.config).toMatchObject({
        anime_directory: '/srv/anime',
        scheduler: { schedule_time: '04:30', interval_minutes: 60 },
      });
    } finally {
      await t.close();
    }
  });
});
