import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import request from 'supertest';
import { startTestApp, type TestApp } from '../../test/helpers/test-app';

describe('arr credentials API (HTTP, real SQLite)', () => {
  let t: TestApp;
  afterEach(async () => {
    await t.close();
  });

  const file = () => JSON.parse(readFileSync(join(t.dataDir, 'config.json'), 'utf8'));

  it('requires a session, and shows the secrets only here', async () => {
    t = await startTestApp();
    const api = t.api(await t.setUp());
    await request(t.url).get('/api/arr/credentials').expect(401);
    const res = await api.get('/api/arr/credentials').expect(200);
    expect(res.body).toEqual({
      api_key: file().arr.api_key,
      torznab_path: '/torznab/api',
      qbittorrent: { username: 'admin', password: file().arr.qbittorrent.password, url_base: '' },
      from_env: [],
    });
    const config = JSON.stringify((await api.get('/api/config').expect(200)).body);
    expect(config).not.toContain(res.body.api_key);
    expect(config).not.toContain(res.body.qbittorrent.password);
    // The STRM secret is shown nowhere, not even here: nobody needs it but the server.
    expect(file().arr.strm.secret).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(config).not.toContain(file().arr.strm.secret);
    expect(JSON.stringify(res.body)).not.toContain(file().arr.strm.secret);
    expect((await api.get('/api/config').expect(200)).body.config.arr).toEqual({
      download_directory: null,
      qbittorrent: { username: 'admin' },
      torznab: { search_budget_ms: 5000 },
      strm: { mode: 'off', public_base_url: null, max_requests_per_client: 32 },
    });
  });

  it('regenerates a secret, persists it, and refuses secrets through PUT /api/config', async () => {
    t = await startTestApp();
    const api = t.api(await t.setUp());
    const before = (await api.get('/api/arr/credentials').expect(200)).body;
    const after = (
      await api.post('/api/arr/credentials/regenerate').send({ secret: 'api_key' }).expect(200)
    ).body;
    expect(after.api_key).toMatch(/^[0-9a-f]{32}$/);
    expect(after.api_key).not.toBe(before.api_key);
    expect(after.qbittorrent.password).toBe(before.qbittorrent.password);
    expect(file().arr.api_key).toBe(after.api_key);

    const bad = await api
      .post('/api/arr/credentials/regenerate')
      .send({ secret: 'jwt' })
      .expect(400);
    expect(bad.body.details[0].field).toBe('secret');
    const put = await api
      .put('/api/config')
      .send({ arr: { api_key: 'x'.repeat(32) } })
      .expect(400);
    expect(put.body.details[0].field).toBe('arr.api_key');
    await api
      .put('/api/config')
      .send({ arr: { qbittorrent: { username: 'sonarr' } } })
      .expect(200);
    expect(file().arr.qbittorrent).toEqual({
      username: 'sonarr',
      password: before.qbittorrent.password,
    });

    const secret = file().arr.strm.secret;
    const strmPut = await api
      .put('/api/config')
      .send({ arr: { strm: { secret: 'y'.repeat(43) } } })
      .expect(400);
    expect(strmPut.body.details[0].field).toBe('arr.strm.secret');
    const badMode = await api
      .put('/api/config')
      .send({ arr: { strm: { mode: 'sometimes' } } })
      .expect(400);
    expect(badMode.body.details[0].field).toBe('arr.strm.mode');
    await api
      .put('/api/config')
      .send({ arr: { strm: { mode: 'both', public_base_url: 'https://media.example.org' } } })
      .expect(200);
    expect(file().arr.strm).toEqual({
      mode: 'both',
      public_base_url: 'https://media.example.org',
      max_requests_per_client: 32,
      secret,
    });
  });

  it('refuses to regenerate a secret the environment sets', async () => {
    t = await startTestApp({ QBITTORRENT_PASSWORD: 'from-env-1' });
    const api = t.api(await t.setUp());
    const res = await api.get('/api/arr/credentials').expect(200);
    expect(res.body.qbittorrent.password).toBe('from-env-1');
    expect(res.body.from_env).toEqual(['qbittorrent_password']);
    const refused = await api
      .post('/api/arr/credentials/regenerate')
      .send({ secret: 'qbittorrent_password' })
      .expect(409);
    expect(refused.body.code).toBe('SECRET_FROM_ENV');
  });
});
