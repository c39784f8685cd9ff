import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { startTestApp, type TestApp } from '../../test/helpers/test-app';

describe('config API (HTTP, real SQLite)', () => {
  let t: TestApp;
  let api: ReturnType<TestApp['api']>;

  beforeEach(async () => {
    t = await startTestApp();
    api = t.api(await t.setUp());
  });
  afterEach(async () => {
    await t.close();
  });

  const configFile = () => readFileSync(join(t.dataDir, 'config.json'), 'utf8');

  it('creates config.json with defaults and a generated JWT secret, and never shows secrets', async () => {
    const stored = JSON.parse(configFile());
    expect(stored.secrets.jwt_secret_key).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const res = await api.get('/api/config').expect(200);
    expect(res.body.config.server.port).toBe(8000);
    expect(res.body.master_password_configured).toBe(true);
    expect(stored.secrets.master_password_hash).toMatch(/^\$argon2id\$/);
    const body = JSON.stringify(res.body);
    expect(body).not.toContain(stored.secrets.jwt_secret_key);
    expect(body).not.toContain(stored.secrets.master_password_hash);
    expect(body).not.toMatch(/secret|password_hash/);
  });

  it('answers an invalid PUT with 400 naming the field and leaves config.json unchanged', async () => {
    const before = configFile();
    const res = await api
      .put('/api/config')
      .send({ server: { port: 70000 }, downloads: { naming_template: '{nope}.mkv' } })
      .expect(400);
    expect(res.body.code).toBe('VALIDATION_FAILED');
    const fields = (res.body.details as { field: string }[]).map((d) => d.field).sort();
    expect(fields).toEqual(['downloads.naming_template', 'server.port']);
    expect(configFile()).toBe(before);
  });

  it('keeps the language preference in the order given and refuses an empty one', async () => {
    const order = ['english-sub', 'german-dub', 'english-dub'];
    await api
      .put('/api/config')
      .send({ downloads: { language_preference: order } })
      .expect(200);
    expect((await api.get('/api/config')).body.config.downloads.language_preference).toEqual(order);
    const res = await api
      .put('/api/config')
      .send({ downloads: { language_preference: [] } })
      .expect(400);
    expect(res.body.details[0].field).toBe('downloads.language_preference');
    expect((await api.get('/api/config')).body.config.downloads.language_preference).toEqual(order);
  });

  it('refuses unknown fields and attempts to set secrets', async () => {
    const before = configFile();
    const res = await api
      .put('/api/config')
      .send({ secrets: { master_password_hash: 'x' }, server: { evil: 1 } })
      .expect(400);
    expect(res.body.details.map((d: { field: string }) => d.field).sort()).toEqual([
      'secrets',
      'server.evil',
    ]);
    expect(configFile()).toBe(before);
  });

  it('applies a valid PUT, keeps a backup, and restores it', async () => {
    const put = await api
      .put('/api/config')
      .send({ logging: { level: 'debug' }, downloads: { concurrency: 4 }, server: { port: 9001 } })
      .expect(200);
    expect(put.body.config.downloads.concurrency).toBe(4);
    expect(put.body.config.downloads.max_retries).toBe(3);
    expect(put.body.restart_required).toEqual(['server.port']);
    expect(put.body.backup).toMatch(/^config-\d{8}T\d{9}Z(-\d+)?\.json$/);

    const backups = await api.get('/api/config/backups').expect(200);
    expect(backups.body.map((b: { name: string }) => b.name)).toContain(put.body.backup);

    const restored = await api.post(`/api/config/backups/${put.body.backup}/restore`).expect(200);
    expect(restored.body.config.downloads.concurrency).toBe(2);
    expect(restored.body.config.logging.level).toBe('info');
    expect(JSON.parse(configFile()).downloads.concurrency).toBe(2);
    // The secret survives a restore.
    expect(JSON.parse(configFile()).secrets.jwt_secret_key).toHaveLength(43);
  });

  it('refuses a PUT without a JSON body and writes no backup for one that changes nothing', async () => {
    const before = configFile();
    for (const req of [
      api.put('/api/config'),
      api.put('/api/config').set('Content-Type', 'application/json'),
      api.put('/api/config').set('Content-Type', 'text/plain').send('logging.level=debug'),
    ]) {
      const res = await req.expect(400);
      expect(res.body.code).toBe('BAD_REQUEST');
      expect(res.body.message).toContain('A JSON object body is required');
    }
    expect((await api.put('/api/config').send({}).expect(200)).body.backup).toBeNull();
    const real = await api
      .put('/api/config')
      .send({ logging: { level: 'debug' } })
      .expect(200);
    expect(real.body.backup).toEqual(expect.any(String));
    for (let i = 0; i < 35; i++) {
      const again = await api
        .put('/api/config')
        .send({ logging: { level: 'debug' } })
        .expect(200);
      expect(again.body.backup).toBeNull();
    }
    const backups = (await api.get('/api/config/backups').expect(200)).body as { name: string }[];
    expect(backups.map((b) => b.name)).toEqual([real.body.backup]);
    expect(readFileSync(join(t.dataDir, 'config-backups', real.body.backup), 'utf8')).toBe(before);
  });

  it.each(['..%2Fx', '..%2F..%2Fetc%2Fpasswd', 'config.json', 'x'])(
    'rejects the backup name %s with 400',
    async (name) => {
      const res = await api.post(`/api/config/backups/${name}/restore`).expect(400);
      expect(res.body.code).toBe('VALIDATION_FAILED');
      expect(res.body.details[0].field).toBe('name');
    },
  );

  it('answers 404 for a well-formed backup name that does not exist', async () => {
    const res = await api
      .post('/api/config/backups/config-20200101T000000000Z.json/restore')
      .expect(404);
    expect(res.body.code).toBe('BACKUP_NOT_FOUND');
  });

  it('validates without side effects', async () => {
    const before = configFile();
    const bad = await api
      .post('/api/config/validate')
      .send({ server: { port: 0 } })
      .expect(200);
    expect(bad.body.valid).toBe(false);
    expect(bad.body.errors[0].field).toBe('server.port');
    const good = await api
      .post('/api/config/validate')
      .send({ server: { port: 8080 } })
      .expect(200);
    expect(good.body).toEqual({ valid: true, errors: [] });
    expect(configFile()).toBe(before);
    expect((await api.get('/api/config/backups')).body).toEqual([]);
  });
});
