import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { EventEmitter2 } from '@nestjs/event-emitter';
import { tempDir } from '../../test/helpers/test-app';
import { ConfigError, loadConfig } from './config.loader';
import { ConfigService } from './config.service';

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
    expect(new ConfigService(loaded, new EventEmitter2()).database).toEqual({
      type: 'sqlite',
      path: join(dir, 'elsewhere', 'aniworld.db'),
    });
    const relative = await loadConfig({
      DATA_DIR: dir,
      DATABASE_URL: 'sqlite:///./data/aniworld.db',
    });
    expect(new ConfigService(relative, new EventEmitter2()).database).toEqual({
      type: 'sqlite',
      path: resolve('./data/aniworld.db'),
    });
    await expect(loadConfig({ DATA_DIR: dir, DATABASE_URL: 'mysql://x' })).rejects.toThrow(
      'database_url must be a postgres:// URL, sqlite:///path/to/file.db, or null',
    );
  });
});
