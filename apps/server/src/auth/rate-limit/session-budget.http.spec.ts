import request from 'supertest';
import { FakeClock } from '../../../test/helpers/fake-clock';
import { startTestApp, TEST_PASSWORD, type TestApp } from '../../../test/helpers/test-app';

const MINUTE = 60_000;

/**
 * The general rate limit never locks a logged-in user out of their own app, and users behind
 * one reverse proxy (one IP here: every request comes from 127.0.0.1) do not share a budget.
 */
describe('rate limits per session and per IP (HTTP, fake clock)', () => {
  let t: TestApp;
  let clock: FakeClock;

  beforeEach(async () => {
    clock = new FakeClock();
    t = await startTestApp(
      {},
      {
        clock,
        settings: {
          security: {
            rate_limit_per_minute: 4,
            session_read_limit_per_minute: 6,
            auth_rate_limit_per_minute: 5,
          },
        },
      },
    );
  });
  afterEach(async () => {
    await t.close();
  });

  const login = async (): Promise<string> =>
    (await request(t.url).post('/api/auth/login').send({ password: TEST_PASSWORD }).expect(200))
      .body.access_token as string;

  it('gives two sessions from one IP a read budget each, apart from the IP budget', async () => {
    await t.setUp();
    const first = await login();
    const second = await login();

    for (let i = 0; i < 6; i++) await t.api(first).get('/api/config').expect(200);
    const limited = await t.api(first).get('/api/config').expect(429);
    expect(limited.body).toMatchObject({ code: 'RATE_LIMITED', details: { limit: 6 } });
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);

    // The other session, same address: its own budget, untouched.
    for (let i = 0; i < 6; i++) await t.api(second).get('/api/queue/status').expect(200);
    // Calls without a session count against the IP, which the sessions' reads did not use up.
    for (let i = 0; i < 4; i++) await request(t.url).get('/api/auth/status').expect(200);
    await request(t.url).get('/api/auth/status').expect(429);
    await t.api(second).get('/api/queue/status').expect(429);

    clock.advance(MINUTE);
    await t.api(first).get('/api/config').expect(200);
    await t.api(second).get('/api/config').expect(200);
  });

  it("counts a session's writes apart from its reads, at the general limit", async () => {
    const token = await t.setUp();
    for (let i = 0; i < 4; i++)
      await t
        .api(token)
        .put('/api/config')
        .send({ logging: { level: 'info' } })
        .expect(200);
    const limited = await t
      .api(token)
      .put('/api/config')
      .send({ logging: { level: 'info' } })
      .expect(429);
    expect(limited.body.details).toMatchObject({ limit: 4 });
    // Reading goes on.
    await t.api(token).get('/api/config').expect(200);
  });

  it('counts a token that does not verify against the IP, so guessing tokens stays limited', async () => {
    const token = await t.setUp();
    const guess = { Authorization: `Bearer ${token.slice(0, -2)}xx` };
    for (let i = 0; i < 4; i++) await request(t.url).get('/api/config').set(guess).expect(401);
    await request(t.url).get('/api/config').set(guess).expect(429);
    await request(t.url).get('/api/auth/status').expect(429);
    // The real session is not affected.
    await t.api(token).get('/api/config').expect(200);
  });

  it('keeps login strict per IP, whatever session the caller already has', async () => {
    const token = await t.setUp();
    const auth = { Authorization: `Bearer ${token}` };
    for (let i = 0; i < 5; i++)
      await request(t.url)
        .post('/api/auth/login')
        .set(auth)
        .send({ password: TEST_PASSWORD })
        .expect(200);
    const limited = await request(t.url)
      .post('/api/auth/login')
      .set(auth)
      .send({ password: TEST_PASSWORD })
      .expect(429);
    expect(limited.body.details).toMatchObject({ limit: 5 });
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    // The session's own budget is untouched.
    await t.api(token).get('/api/config').expect(200);
  });
});
