import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import request from 'supertest';
import { FakeClock } from '../../test/helpers/fake-clock';
import { startTestApp, TEST_PASSWORD, type TestApp, tempDir } from '../../test/helpers/test-app';
import type { DataSource } from 'typeorm';
import { DATA_SOURCE } from '../database/database.service';
import { SESSION_CACHE_MS } from './session-token.service';
import { SocketAuthenticator } from './socket-auth';

const MINUTE = 60_000;

describe('auth (HTTP, real SQLite, fake clock)', () => {
  let t: TestApp;
  let clock: FakeClock;

  beforeEach(async () => {
    clock = new FakeClock();
    t = await startTestApp({}, { clock });
  });
  afterEach(async () => {
    await t.close();
  });

  const login = (password: string) => request(t.url).post('/api/auth/login').send({ password });

  it('starts unconfigured: status says so, login asks for setup, protected routes answer 401', async () => {
    expect((await request(t.url).get('/api/auth/status').expect(200)).body).toEqual({
      configured: false,
      authenticated: false,
    });
    expect((await login(TEST_PASSWORD).expect(409)).body.code).toBe('SETUP_REQUIRED');
    expect((await request(t.url).get('/api/config').expect(401)).body.code).toBe('UNAUTHORIZED');
  });

  it('lists every password rule a weak password breaks', async () => {
    const res = await request(t.url).post('/api/auth/setup').send({ password: 'abc' }).expect(400);
    expect(res.body.code).toBe('VALIDATION_FAILED');
    expect(res.body.details).toEqual([
      {
        field: 'password',
        errors: [
          'needs at least 8 characters',
          'needs an upper-case letter',
          'needs a digit',
          'needs a special character',
        ],
      },
    ]);
    expect((await request(t.url).get('/api/auth/status')).body.configured).toBe(false);
  });

  it('sets up once, logs in, serves a protected call, logs out and refuses the same token', async () => {
    const setup = await request(t.url)
      .post('/api/auth/setup')
      .send({ password: TEST_PASSWORD })
      .expect(201);
    expect(setup.body).toMatchObject({ token_type: 'bearer', access_token: expect.any(String) });
    expect(
      (await request(t.url).post('/api/auth/setup').send({ password: TEST_PASSWORD }).expect(409))
        .body.code,
    ).toBe('ALREADY_CONFIGURED');

    expect((await login('Wrong-Passw0rd!').expect(401)).body.code).toBe('INVALID_CREDENTIALS');
    const token = (await login(TEST_PASSWORD).expect(200)).body.access_token as string;
    const auth = { Authorization: `Bearer ${token}` };
    await request(t.url).get('/api/config').set(auth).expect(200);
    expect((await request(t.url).get('/api/auth/status').set(auth)).body).toMatchObject({
      configured: true,
      authenticated: true,
    });

    await request(t.url).post('/api/auth/logout').set(auth).expect(204);
    const refused = await request(t.url).get('/api/config').set(auth).expect(401);
    expect(refused.body.message).toBe('Session revoked');
    expect(refused.headers['www-authenticate']).toBe('Bearer');
    expect((await request(t.url).get('/api/auth/status').set(auth)).body.authenticated).toBe(false);
  });

  it('refuses a missing anime directory at setup, suggesting similar folders, and stays unconfigured', async () => {
    const root = tempDir();
    mkdirSync(join(root, 'Anime'));
    const res = await request(t.url)
      .post('/api/auth/setup')
      .send({ password: TEST_PASSWORD, anime_directory: join(root, 'Anmie') })
      .expect(400);
    expect(res.body.details[0]).toMatchObject({
      field: 'anime_directory',
      suggestions: [join(root, 'Anime')],
    });
    expect(res.body.details[0].errors[0]).toMatch(/^does not exist/);
    expect(existsSync(join(root, 'Anmie'))).toBe(false);
    expect((await request(t.url).get('/api/auth/status')).body.configured).toBe(false);
  });

  it('sets the anime directory at setup, creating it when asked to', async () => {
    const dir = join(tempDir(), 'library', 'anime');
    await request(t.url)
      .post('/api/auth/setup')
      .send({ password: TEST_PASSWORD, anime_directory: dir, create_directory: true })
      .expect(201);
    expect(existsSync(dir)).toBe(true);
    const token = (await login(TEST_PASSWORD)).body.access_token as string;
    expect((await t.api(token).get('/api/config')).body.config.anime_directory).toBe(dir);
  });

  it('refuses a relative anime directory at setup and stays unconfigured', async () => {
    const res = await request(t.url)
      .post('/api/auth/setup')
      .send({ password: TEST_PASSWORD, anime_directory: 'anime' })
      .expect(400);
    expect(res.body.details[0].field).toBe('anime_directory');
    expect((await request(t.url).get('/api/auth/status')).body.configured).toBe(false);
  });

  it('expires sessions after the configured lifetime', async () => {
    const token = await t.setUp();
    await t.api(token).get('/api/config').expect(200);
    clock.advance(24 * 3600_000 + MINUTE);
    expect((await t.api(token).get('/api/config').expect(401)).body.message).toBe(
      'Session token expired',
    );
  });

  it('changes the password and revokes every other session', async () => {
    const first = await t.setUp();
    const second = (await login(TEST_PASSWORD)).body.access_token as string;
    const weak = await t
      .api(first)
      .post('/api/auth/password')
      .send({ old_password: TEST_PASSWORD, new_password: 'short' })
      .expect(400);
    expect(weak.body.details[0].field).toBe('new_password');
    const wrongOld = await t
      .api(first)
      .post('/api/auth/password')
      .send({ old_password: 'Nope-123!', new_password: 'N3w-Passw0rd!' })
      .expect(400);
    expect(wrongOld.body.details[0].field).toBe('old_password');

    await t
      .api(first)
      .post('/api/auth/password')
      .send({ old_password: TEST_PASSWORD, new_password: 'N3w-Passw0rd!' })
      .expect(204);
    await t.api(first).get('/api/config').expect(200);
    await t.api(second).get('/api/config').expect(401);
    await login(TEST_PASSWORD).expect(401);
    await login('N3w-Passw0rd!').expect(200);
  });

  it('answers the sixth failed login within a minute with 429, and keeps refusing the right password until the cooldown ends', async () => {
    await t.setUp();
    for (let i = 0; i < 5; i++) await login('Wrong-Passw0rd!').expect(401);
    const sixth = await login('Wrong-Passw0rd!').expect(429);
    expect(Number(sixth.headers['retry-after'])).toBeGreaterThan(0);

    clock.advance(2 * MINUTE); // the per-minute limit has reset; the lockout has not
    const locked = await login(TEST_PASSWORD).expect(429);
    expect(locked.body.code).toBe('ACCOUNT_LOCKED');
    expect(Number(locked.headers['retry-after'])).toBeGreaterThan(10 * 60);

    clock.advance(14 * MINUTE);
    await login(TEST_PASSWORD).expect(200);
  });

  it('limits other routes per session and says when to retry', async () => {
    const token = await t.setUp();
    await t
      .api(token)
      .put('/api/config')
      .send({ security: { session_read_limit_per_minute: 3 } })
      .expect(200);
    for (let i = 0; i < 3; i++) await t.api(token).get('/api/config').expect(200);
    const limited = await t.api(token).get('/api/config').expect(429);
    expect(limited.body).toMatchObject({ statusCode: 429, code: 'RATE_LIMITED' });
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    // Health stays reachable for load balancers.
    await request(t.url).get('/health').expect(200);
    clock.advance(MINUTE);
    await t.api(token).get('/api/config').expect(200);
  });

  it('refuses a body over the size limit with 413 and sends hardening headers', async () => {
    const res = await request(t.url)
      .post('/api/auth/login')
      .set('content-type', 'application/json')
      .send(`{"password":"${'x'.repeat(2_000_000)}"}`)
      .expect(413);
    expect(res.body.code).toBe('PAYLOAD_TOO_LARGE');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['x-powered-by']).toBeUndefined();
  });

  it('applies a revocation made through another instance within the session cache TTL', async () => {
    const token = await t.setUp();
    const api = t.api(token);
    await api.get('/api/config').expect(200);
    // Another instance on the same database revokes it: this one trusts its cached row a while.
    await t.app
      .get<DataSource>(DATA_SOURCE)
      .query(`UPDATE "user_sessions" SET "revoked_at" = CURRENT_TIMESTAMP`);
    await api.get('/api/config').expect(200);
    clock.advance(SESSION_CACHE_MS);
    expect((await api.get('/api/config').expect(401)).body.message).toBe('Session revoked');
  });

  it('authenticates socket handshakes by auth.token only, never a token in the query', async () => {
    const token = await t.setUp();
    const sockets = t.app.get(SocketAuthenticator);
    await expect(sockets.authenticate({ auth: { token } })).resolves.toMatchObject({
      revokedAt: null,
    });
    await expect(sockets.authenticate({ query: { token } })).rejects.toThrow(
      'Socket token in the query string refused',
    );
    await expect(sockets.authenticate({})).rejects.toMatchObject({ code: 'UNAUTHORIZED' });
    await expect(sockets.authenticate({ auth: { token: 'garbage' } })).rejects.toMatchObject({
      code: 'UNAUTHORIZED',
    });
    await t.api(token).post('/api/auth/logout').expect(204);
    await expect(sockets.authenticate({ auth: { token } })).rejects.toThrow('Session revoked');
  });
});

describe('auth with a configured CORS origin', () => {
  it('allows that origin and no other', async () => {
    const t = await startTestApp({ CORS_ORIGINS: 'http://allowed.example' });
    try {
      const ok = await request(t.url)
        .get('/api/auth/status')
        .set('Origin', 'http://allowed.example');
      expect(ok.headers['access-control-allow-origin']).toBe('http://allowed.example');
      const other = await request(t.url)
        .get('/api/auth/status')
        .set('Origin', 'http://evil.example');
      expect(other.headers['access-control-allow-origin']).toBeUndefined();
    } finally {
      await t.close();
    }
  });
});

describe('CORS origins changed at run time', () => {
  it('applies a changed origin list to the next request, without a restart', async () => {
    const t = await startTestApp();
    try {
      const api = t.api(await t.setUp());
      const asked = () =>
        request(t.url).get('/api/auth/status').set('Origin', 'http://new.example');
      expect((await asked()).headers['access-control-allow-origin']).toBeUndefined();
      const put = await api
        .put('/api/config')
        .send({ server: { cors_origins: ['http://new.example'] } })
        .expect(200);
      expect(put.body.restart_required).toEqual([]);
      expect((await asked()).headers['access-control-allow-origin']).toBe('http://new.example');
      await api
        .put('/api/config')
        .send({ server: { cors_origins: [] } })
        .expect(200);
      expect((await asked()).headers['access-control-allow-origin']).toBeUndefined();
    } finally {
      await t.close();
    }
  });
});

describe('secrets', () => {
  it('never puts the password in the logs, and stores only its argon2id hash', async () => {
    const lines: string[] = [];
    const t = await startTestApp({}, { settings: { logging: { level: 'debug' } } });
    try {
      const { JsonLogger } = await import('../common/logging/json-logger');
      t.app.useLogger(new JsonLogger('debug', [{ write: (line: string) => lines.push(line) }]));
      await t.setUp();
      await request(t.url).post('/api/auth/login').send({ password: 'Wrong-S3cret!' }).expect(401);
      const all = lines.join('');
      expect(all).toContain('failed login');
      expect(all).not.toContain('Wrong-S3cret!');
      expect(all).not.toContain(TEST_PASSWORD);
    } finally {
      await t.close();
    }
  });
});

describe('setup with ANIME_DIRECTORY set', () => {
  let t: TestApp;
  let dir: string;

  beforeAll(async () => {
    dir = tempDir();
    t = await startTestApp({ ANIME_DIRECTORY: dir });
  });
  afterAll(async () => {
    await t.close();
  });

  it('shows the directory before the setup, refuses another one, and hides it afterwards', async () => {
    expect((await request(t.url).get('/api/auth/status').expect(200)).body).toEqual({
      configured: false,
      authenticated: false,
      anime_directory_from_env: dir,
    });
    const other = await request(t.url)
      .post('/api/auth/setup')
      .send({ password: TEST_PASSWORD, anime_directory: tempDir() })
      .expect(400);
    expect(other.body.details[0].field).toBe('anime_directory');
    await t.setUp();
    expect((await request(t.url).get('/api/auth/status')).body).toEqual({
      configured: true,
      authenticated: false,
    });
  });
});
