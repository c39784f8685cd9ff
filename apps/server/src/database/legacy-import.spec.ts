import { execFileSync } from 'node:child_process';
import { existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { AnimeSummary, Page } from '@aniworld/contracts';
import { startTestApp, tempDir } from '../../test/helpers/test-app';

/** The earlier version's tables, as its SQLite file holds them. */
const LEGACY_SQL = `
CREATE TABLE anime_series (id INTEGER PRIMARY KEY, key VARCHAR(255) UNIQUE NOT NULL,
  name VARCHAR(500) NOT NULL, site VARCHAR(500), folder VARCHAR(1000), created_at DATETIME);
CREATE TABLE episodes (id INTEGER PRIMARY KEY, series_id INTEGER REFERENCES anime_series(id),
  season INTEGER NOT NULL, episode_number INTEGER NOT NULL, title VARCHAR(500),
  file_path VARCHAR(1000), is_downloaded BOOLEAN DEFAULT 0);
CREATE TABLE download_queue_item (id INTEGER PRIMARY KEY, series_id INTEGER, episode_id INTEGER,
  status VARCHAR(20), priority VARCHAR(10), error_message TEXT);
INSERT INTO anime_series VALUES (1, 'sternenwanderer', 'Sternenwanderer', 'https://aniworld.to', 'Sternenwanderer (2020)', NULL);
INSERT INTO anime_series VALUES (2, 'kleiner-drache', 'Kleiner Drache', 'sto', 'Kleiner Drache', NULL);
INSERT INTO episodes VALUES (1, 1, 1, 1, 'Aufbruch', '/anime/Sternenwanderer (2020)/Season 01/S01E01.mp4', 1);
INSERT INTO episodes VALUES (2, 1, 1, 2, 'Die Reise', NULL, 0);
INSERT INTO episodes VALUES (3, 2, 1, 1, NULL, NULL, 0);
INSERT INTO download_queue_item VALUES (1, 1, 2, 'pending', 'NORMAL', NULL);
`;

describe("the earlier version's SQLite database in the data directory", () => {
  let dir: string;
  beforeEach(() => {
    dir = tempDir();
    execFileSync('sqlite3', [join(dir, 'aniworld.db')], { input: LEGACY_SQL });
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('is set aside and its series and episodes imported once', async () => {
    const list = async () => {
      const t = await startTestApp({ DATA_DIR: dir });
      try {
        const token = await t.setUp().catch(async () => {
          const res = await t
            .api('')
            .post('/api/auth/login')
            .send({ password: 'Test-Passw0rd!' })
            .expect(200);
          return (res.body as { access_token: string }).access_token;
        });
        return (await t.api(token).get('/api/anime?missing_only=false&sort=name').expect(200))
          .body as Page<AnimeSummary>;
      } finally {
        await t.close();
      }
    };
    const first = await list();
    expect(first.items.map((s) => [s.key, s.site])).toEqual([
      ['kleiner-drache', 'sto'],
      ['sternenwanderer', 'aniworld'],
    ]);
    expect(first.items.map((s) => [s.folder, s.total_episodes, s.downloaded_episodes])).toEqual([
      ['Kleiner Drache', 1, 0],
      ['Sternenwanderer (2020)', 2, 1],
    ]);
    expect(existsSync(join(dir, 'aniworld.legacy.db'))).toBe(true);
    // A restart imports nothing again.
    expect((await list()).total).toBe(2);
  }, 60_000);

  it('puts the earlier file back when the import fails, so nothing is lost', async () => {
    // Without an episodes table the import cannot read it.
    execFileSync('sqlite3', [join(dir, 'aniworld.db')], { input: 'DROP TABLE episodes;' });
    await expect(startTestApp({ DATA_DIR: dir })).rejects.toThrow(/episodes/);
    expect(existsSync(join(dir, 'aniworld.legacy.db'))).toBe(false);
    const tables = execFileSync('sqlite3', [join(dir, 'aniworld.db'), '.tables']).toString();
    expect(tables).toContain('download_queue_item');
    expect(tables).not.toContain('migrations');
  }, 60_000);
});
