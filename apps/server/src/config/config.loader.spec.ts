import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { EventEmitter2 } from '@nestjs/event-emitter';
import { tempDir } from '../../test/helpers/test-app';
import { ConfigError, loadConfig } from './config.loader';
import { ConfigService } from './config.service';
import { DomainEvents } from '../common/events';

describe('loadConfig', () => {
  let dir: string;
  beforeEach(() => {
    dir = tempDir();
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('merges the environment over the file and reports which paths it overrides', async () => {
    writeFileSync(
      join(dir, 'config.json'),
      JSON.stringify({ server: { port: 9000, host: '127.0.0.1' } }),
    );
    const loaded = await loadConfig({
      DATA_DIR: dir,
      PORT: '8123',
      CORS_ORIGINS: 'http://a.example, http://b.example',
      LOG_LEVEL: 'DEBUG',
      TRUSTED_PROXIES: 'loopback, 10.0.0.0/8',
    });
    expect(loaded.effective.server).toEqual({
      port: 8123,
      host: '127.0.0.1',
      cors_origins: ['http://a.example', 'http://b.example'],
      trusted_proxies: ['loopback', '10.0.0.0/8'],
    });
    expect(loaded.effective.logging.level).toBe('debug');
    expect([...loaded.env.sources.keys()].sort()).toEqual([
      'logging.level',
      'server.cors_origins',
      'server.port',
      'server.trusted_proxies',
    ]);
    // The environment is not written into the file.
    expect(JSON.parse(readFileSync(join(dir, 'config.json'), 'utf8')).server.port).toBe(9000);
  });

  it('names the bad environment variable and the fix', async () => {
    await expect(loadConfig({ DATA_DIR: dir, PORT: 'eighty' })).rejects.toThrow(
      /environment variable PORT \(server\.port\).*\n.*Fix/s,
    );
  });

  it('names the bad field of the file', async () => {
    writeFileSync(join(dir, 'config.json'), JSON.stringify({ downloads: { concurrency: 0 } }));
    const error = await loadConfig({ DATA_DIR: dir }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as Error).message).toContain(
      `downloads.concurrency in ${join(dir, 'config.json')}`,
    );
  });

  it('says how to fix a file that is not JSON', async () => {
    writeFileSync(join(dir, 'config.json'), '{ nope');
    await expect(loadConfig({ DATA_DIR: dir })).rejects.toThrow(/not valid JSON.*restore a backup/);
  });

  it('keeps a generated JWT secret across restarts, and refuses a short one from the environment', async () => {
    const first = await loadConfig({ DATA_DIR: dir });
    const second = await loadConfig({ DATA_DIR: dir });
    expect(second.stored.secrets.jwt_secret_key).toBe(first.stored.secrets.jwt_secret_key);
    await expect(loadConfig({ DATA_DIR: dir, JWT_SECRET_KEY: 'short' })).rejects.toThrow(
      /JWT_SECRET_KEY/,
    );
  });

  it('generates the arr secrets once, keeps them in their section of the file, never in the settings', async () => {
    const first = await loadConfig({ DATA_DIR: dir });
    const file = JSON.parse(readFileSync(join(dir, 'config.json'), 'utf8'));
    expect(file.arr.api_key).toMatch(/^[0-9a-f]{32}$/);
    expect(file.arr.qbittorrent).toEqual({ username: 'admin', password: expect.any(String) });
    expect(file.arr.qbittorrent.password.length).toBeGreaterThanOrEqual(16);
    expect(file.secrets.arr_api_key).toBeUndefined();
    expect(file.arr.strm.secret).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(first.effective.arr).toEqual({
      download_directory: null,
      qbittorrent: { username: 'admin' },
      torznab: { search_budget_ms: 5000 },
      strm: { mode: 'off', public_base_url: null, max_requests_per_client: 32 },
    });
    expect(first.stored.secrets.arr_api_key).toBe(file.arr.api_key);
    expect(first.stored.secrets.strm_secret).toBe(file.arr.strm.secret);
    const second = await loadConfig({ DATA_DIR: dir });
    expect(second.stored.secrets.arr_api_key).toBe(file.arr.api_key);
    expect(second.stored.secrets.qbittorrent_password).toBe(file.arr.qbittorrent.password);
    expect(second.stored.secrets.strm_secret).toBe(file.arr.strm.secret);
  });

  it('takes the arr settings and secrets from the environment without writing them', async () => {
    await loadConfig({ DATA_DIR: dir });
    const before = readFileSync(join(dir, 'config.json'), 'utf8');
    const loaded = await loadConfig({
      DATA_DIR: dir,
      ARR_API_KEY: 'k'.repeat(32),
      QBITTORRENT_USERNAME: 'sonarr',
      QBITTORRENT_PASSWORD: 'secret1',
      ARR_DOWNLOAD_DIRECTORY: '/srv/downloads',
      STRM_MODE: 'Both',
      STRM_PUBLIC_BASE_URL: 'https://media.example.org/aniworld/',
      STRM_SECRET: 's'.repeat(32),
    });
    expect(loaded.env.sectionSecrets).toEqual({
      arr_api_key: 'k'.repeat(32),
      qbittorrent_password: 'secret1',
      strm_secret: 's'.repeat(32),
    });
    expect(loaded.effective.arr).toEqual({
      download_directory: '/srv/downloads',
      qbittorrent: { username: 'sonarr' },
      torznab: { search_budget_ms: 5000 },
      strm: {
        mode: 'both',
        public_base_url: 'https://media.example.org/aniworld',
        max_requests_per_client: 32,
      },
    });
    expect([...loaded.env.sources.keys()].sort()).toEqual([
      'arr.api_key',
      'arr.download_directory',
      'arr.qbittorrent.password',
      'arr.qbittorrent.username',
      'arr.strm.mode',
      'arr.strm.public_base_url',
      'arr.strm.secret',
    ]);
    expect(readFileSync(join(dir, 'config.json'), 'utf8')).toBe(before);
  });

  it('names bad arr values in the file and the environment', async () => {
    await expect(loadConfig({ DATA_DIR: dir, ARR_API_KEY: 'short' })).rejects.toThrow(
      /environment variable ARR_API_KEY \(arr\.api_key\): must be 16 to 256/,
    );
    await expect(loadConfig({ DATA_DIR: dir, QBITTORRENT_USERNAME: 'a:b' })).rejects.toThrow(
      /QBITTORRENT_USERNAME \(arr\.qbittorrent\.username\).*colon/,
    );
    await expect(loadConfig({ DATA_DIR: dir, ARR_DOWNLOAD_DIRECTORY: 'rel/dir' })).rejects.toThrow(
      /ARR_DOWNLOAD_DIRECTORY.*absolute path/,
    );
    await expect(loadConfig({ DATA_DIR: dir, STRM_MODE: 'sometimes' })).rejects.toThrow(
      /STRM_MODE \(arr\.strm\.mode\)/,
    );
    await expect(
      loadConfig({ DATA_DIR: dir, STRM_PUBLIC_BASE_URL: 'ftp://media.example.org' }),
    ).rejects.toThrow(/STRM_PUBLIC_BASE_URL \(arr\.strm\.public_base_url\)/);
    await expect(loadConfig({ DATA_DIR: dir, STRM_SECRET: 'too-short' })).rejects.toThrow(
      /environment variable STRM_SECRET \(arr\.strm\.secret\): must be 22 to 256/,
    );
    writeFileSync(
      join(dir, 'config.json'),
      JSON.stringify({ arr: { qbittorrent: { password: 12345678 } } }),
    );
    await expect(loadConfig({ DATA_DIR: dir })).rejects.toThrow(
      /arr\.qbittorrent\.password in .*config\.json: must be a string/,
    );
  });

  it('says when DATA_DIR cannot be created', async () => {
    const file = join(dir, 'file');
    writeFileSync(file, 'x');
    await expect(loadConfig({ DATA_DIR: join(file, 'sub') })).rejects.toThrow(
      /DATA_DIR .* cannot be created/,
    );
    mkdirSync(join(dir, 'ok'));
  });

  it("understands the earlier version's CORS_ORIGINS form and refuses the rest with the form to use", async () => {
    const loaded = await loadConfig({ DATA_DIR: dir, CORS_ORIGINS: 'localhost:3000,8000' });
    expect(loaded.effective.server.cors_origins).toEqual([
      'http://localhost:3000',
      'http://localhost:8000',
    ]);
    await expect(loadConfig({ DATA_DIR: dir, CORS_ORIGINS: '*' })).rejects.toThrow(
      'environment variable CORS_ORIGINS (server.cors_origins): each CORS origin must be an http(s) URL such as http://localhost:3000',
    );
  });

  it('takes DATABASE_URL=sqlite:///path as SQLite at that path', async () => {
    const loaded = await loadConfig({
      DATA_DIR: dir,
      DATABASE_URL: `sqlite:///${join(dir, 'elsewhere', 'aniworld.db')}`,
    });
    expect(new ConfigService(loaded, new DomainEvents(new EventEmitter2())).database).toEqual({
      type: 'sqlite',
      path: join(dir, 'elsewhere', 'aniworld.db'),
    });
    const relative = await loadConfig({
      DATA_DIR: dir,
      DATABASE_URL: 'sqlite:///./data/aniworld.db',
    });
    expect(new ConfigService(relative, new DomainEvents(new EventEmitter2())).database).toEqual({
      type: 'sqlite',
      path: resolve('./data/aniworld.db'),
    });
    await expect(loadConfig({ DATA_DIR: dir, DATABASE_URL: 'mysql://x' })).rejects.toThrow(
      'database_url must be a postgres:// URL, sqlite:///path/to/file.db, or null',
    );
  });

  it('keeps the optional TMDB key in the metadata section, never generated, and takes it from the environment', async () => {
    const first = await loadConfig({ DATA_DIR: dir });
    const file = JSON.parse(readFileSync(join(dir, 'config.json'), 'utf8'));
    expect(file.metadata).toEqual({
      tmdb_base_url: 'https://api.themoviedb.org/3',
      tmdb_image_base_url: 'https://image.tmdb.org/t/p',
      language: 'de-DE',
      overwrite_nfo: false,
      tmdb_api_key: null,
    });
    expect(first.effective.metadata).not.toHaveProperty('tmdb_api_key');
    expect(new ConfigService(first, new DomainEvents(new EventEmitter2())).tmdbApiKey).toBeNull();

    file.metadata.tmdb_api_key = 'f'.repeat(32);
    writeFileSync(join(dir, 'config.json'), JSON.stringify(file));
    const fromFile = await loadConfig({ DATA_DIR: dir });
    expect(new ConfigService(fromFile, new DomainEvents(new EventEmitter2())).tmdbApiKey).toBe(
      'f'.repeat(32),
    );

    const fromEnv = await loadConfig({
      DATA_DIR: dir,
      TMDB_API_KEY: 'e'.repeat(32),
      TMDB_BASE_URL: 'http://127.0.0.1:8090/tmdb/3',
    });
    expect(new ConfigService(fromEnv, new DomainEvents(new EventEmitter2())).tmdbApiKey).toBe(
      'e'.repeat(32),
    );
    expect(fromEnv.effective.metadata.tmdb_base_url).toBe('http://127.0.0.1:8090/tmdb/3');
    expect([...fromEnv.env.sources.keys()].sort()).toEqual([
      'metadata.tmdb_api_key',
      'metadata.tmdb_base_url',
    ]);
    await expect(loadConfig({ DATA_DIR: dir, TMDB_API_KEY: 'short' })).rejects.toThrow(
      /environment variable TMDB_API_KEY \(metadata\.tmdb_api_key\): must be 16 to 1024/,
    );
    await expect(loadConfig({ DATA_DIR: dir, TMDB_IMAGE_BASE_URL: 'nope' })).rejects.toThrow(
      /TMDB_IMAGE_BASE_URL/,
    );
  });
});
