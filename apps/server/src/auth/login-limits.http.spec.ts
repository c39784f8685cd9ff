import request from 'supertest';
import { FakeClock } from '../../test/helpers/fake-clock';
import { startTestApp, TEST_PASSWORD, type TestApp } from '../../test/helpers/test-app';

const MINUTE = 60_000;
const WRONG = 'Wrong-Passw0rd!';

/** Login attempts that claim a new address each time, as an attacker behind loopback would. */
describe('login limits with rotating X-Forwarded-For (HTTP, real SQLite, fake clock)', () => {
  let t: TestApp;
  let clock: FakeClock;
  let n = 0;

  afterEach(async () => {
    await t.close();
  });

  const login = (password: string, from = `203.0.113.${++n % 250}`) =>
    request(t.url).post('/api/auth/login').set('X-Forwarded-For', from).send({ password });

  it('ignores the header by default: the TCP peer is limited and locked out', async () => {
    clock = new FakeClock();
    t = await startTestApp({}, { clock });
    await t.setUp();
    for (let i = 0; i < 5; i++)
      expect((await login(WRONG).expect(401)).body.code).toBe('INVALID_CREDENTIALS');
    expect((await login(WRONG).expect(429)).body.code).toBe('RATE_LIMITED');
    clock.advance(2 * MINUTE); // the per-minute limit is over, the lockout of 127.0.0.1 is not
    const locked = await login(TEST_PASSWORD).expect(429);
    expect(locked.body.code).toBe('ACCOUNT_LOCKED');
  });

  it('believes a trusted proxy, and still delays the account when the addresses rotate', async () => {
    clock = new FakeClock();
    t = await startTestApp({ TRUSTED_PROXIES: 'loopback' }, { clock });
    await t.setUp();
    // The owner's address is known once it has logged in.
    await login(TEST_PASSWORD, '198.51.100.7').expect(200);

    const failures: number[] = [];
    let retryAfter = 0;
    while (retryAfter < 16) {
      const res = await login(WRONG);
      if (res.status === 401) {
        failures.push(1);
        continue;
      }
      expect(res.status).toBe(429);
      expect(res.body).toMatchObject({ code: 'RATE_LIMITED', details: { scope: 'account' } });
      retryAfter = Number(res.headers['retry-after']);
      // Each address tried once: only the account count can have refused it.
      if (retryAfter < 16) clock.advance(retryAfter * 1000);
    }
    // 5 failures free, then waits of 1, 2, 4, 8 s: 9 failures before a wait of 16 s (more only
    // if a wait ran out in real time between two requests on a very slow machine).
    expect(failures.length).toBeGreaterThanOrEqual(9);

    // Refused before the password is checked, even the right one from a new address…
    const early = await login(TEST_PASSWORD).expect(429);
    expect(early.body.message).toMatch(
      /^Too many failed logins for this account: try again in \d+ s\.$/,
    );
    // …but the owner's known address is not delayed by someone else's guessing…
    await login(TEST_PASSWORD, '198.51.100.7').expect(200);
    // …and after the wait anyone with the password gets in: a delay, never a lockout.
    clock.advance(retryAfter * 1000);
    await login(TEST_PASSWORD).expect(200);
  });

  it('applies a changed trusted_proxies setting without a restart', async () => {
    clock = new FakeClock();
    t = await startTestApp({}, { clock });
    const api = t.api(await t.setUp());
    await api
      .put('/api/config')
      .send({ server: { trusted_proxies: ['127.0.0.0/8'] } })
      .expect(200);
    // Five failures from one claimed address lock that address only.
    for (let i = 0; i < 5; i++) await login(WRONG, '198.51.100.9').expect(401);
    clock.advance(2 * MINUTE);
    expect((await login(TEST_PASSWORD, '198.51.100.9').expect(429)).body.code).toBe(
      'ACCOUNT_LOCKED',
    );
    clock.advance(MINUTE); // past the account's delay
    await login(TEST_PASSWORD, '198.51.100.10').expect(200);

    const bad = await api
      .put('/api/config')
      .send({ server: { trusted_proxies: ['localhost'] } })
      .expect(400);
    expect(bad.body.details[0].field).toBe('server.trusted_proxies');
  });
});
