import request from 'supertest';
import { startTestApp, TEST_PASSWORD, type TestApp } from '../../../test/helpers/test-app';

/** `{"a":{"a":…1…}}`, `depth` levels deep, as text (JSON.stringify of it would recurse). */
const deepJson = (depth: number) => `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`;

describe('hostile request bodies (HTTP, real SQLite)', () => {
  let t: TestApp;
  let token: string;

  beforeAll(async () => {
    t = await startTestApp();
    token = await t.setUp();
  });
  afterAll(async () => {
    await t.close();
  });

  const send = (method: 'post' | 'put', path: string, raw: string, auth = true) => {
    const req = request(t.url)[method](path).set('Content-Type', 'application/json');
    return (auth ? req.set('Authorization', `Bearer ${token}`) : req).send(raw);
  };

  it('gives the public login a body of a few KB only', async () => {
    const res = await send(
      'post',
      '/api/auth/login',
      JSON.stringify({ password: TEST_PASSWORD, pad: 'x'.repeat(5000) }),
      false,
    ).expect(413);
    expect(res.body).toEqual({
      statusCode: 413,
      code: 'PAYLOAD_TOO_LARGE',
      message: 'Request body is too large',
    });
  });

  it('refuses many keys, huge arrays, deep nesting and non-objects with a short 400', async () => {
    const keys = JSON.stringify(
      Object.fromEntries(Array.from({ length: 20_000 }, (_, i) => [`k${i}`, 1])),
    );
    const cases: [string, string, string][] = [
      ['/api/config', keys, 'more than 100 keys'],
      ['/api/config', deepJson(40_000), 'nested deeper than 10 levels'],
      ['/api/config', '[1,2,3]', 'must be a JSON object'],
      ['/api/config', '"text"', 'is not valid JSON'],
    ];
    for (const [path, raw, reason] of cases) {
      const res = await send('put', path, raw).expect(400);
      expect(res.body.code).toBe('BAD_REQUEST');
      expect(res.body.message).toContain(reason);
      expect(res.text.length).toBeLessThan(500);
    }
    const items = JSON.stringify({ item_ids: new Array(40_000).fill(0) });
    const res = await send('post', '/api/queue/retry', items).expect(400);
    expect(res.body.message).toContain('more than 5000 items');
  });

  it('caps the list of validation errors at 20 and names only the first few in the message', async () => {
    const episodes = Array.from({ length: 2000 }, () => ({ season: -1, episode: 'x' }));
    const res = await send(
      'post',
      '/api/queue/add',
      JSON.stringify({ serie_id: 'sternenwanderer', episodes }),
    ).expect(400);
    expect(res.body.code).toBe('VALIDATION_FAILED');
    expect(res.body.details).toHaveLength(20);
    expect(res.body.details[0]).toEqual({
      field: 'episodes.0.season',
      errors: ['season must not be less than 0'],
    });
    expect(res.body.message).toMatch(
      /^Invalid input: episodes\.0\.season .* and 17 more \(see details\)$/,
    );
    expect(res.text.length).toBeLessThan(5000);
  });

  it('still serves ordinary bodies and requests without one', async () => {
    await send('put', '/api/config', JSON.stringify({ logging: { level: 'warn' } })).expect(200);
    await request(t.url).get('/api/config').set('Authorization', `Bearer ${token}`).expect(200);
    await request(t.url).get('/health').expect(200);
  });
});
