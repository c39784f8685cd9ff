import { request as httpRequest } from 'node:http';
import { setUpOwner, type ServerProcess, startServer } from './support/server-process';

const PASSWORD = 'E2e-Passw0rd!';

/** `{"a":{"a":…1…}}`, `depth` levels deep, as text. */
const deepJson = (depth: number) => `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`;

interface Answer {
  status: number;
  text: string;
}

describe('hostile request bodies against the built server', () => {
  let server: ServerProcess;
  let token: string;

  beforeAll(async () => {
    server = await startServer();
    token = await setUpOwner(server, PASSWORD);
  });
  afterAll(async () => {
    await server.stop();
  });

  const send = async (method: string, path: string, body: string): Promise<Answer> => {
    const res = await fetch(`${server.url}${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body,
    });
    return { status: res.status, text: await res.text() };
  };

  it('answers /health while an attack body is still arriving, then refuses the attack', async () => {
    const { port } = new URL(server.url);
    const body = deepJson(30_000);
    const answer = new Promise<Answer>((resolve, reject) => {
      const req = httpRequest(
        {
          host: '127.0.0.1',
          port,
          method: 'PUT',
          path: '/api/config',
          headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        },
        (res) => {
          let text = '';
          res.on('data', (chunk: Buffer) => (text += chunk.toString()));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, text }));
        },
      );
      req.on('error', reject);
      req.write(body.slice(0, body.length / 2));
      // The attack is half sent: the server answers others meanwhile.
      void fetch(`${server.url}/health`).then(async (health) => {
        expect(health.status).toBe(200);
        expect(((await health.json()) as { status: string }).status).toEqual(expect.any(String));
        req.end(body.slice(body.length / 2));
      }, reject);
    });
    const res = await answer;
    expect(res.status).toBe(400);
    expect(JSON.parse(res.text)).toMatchObject({ code: 'BAD_REQUEST' });
    expect(res.text).toContain('nested deeper than 10 levels');
  });

  it('refuses a burst of attack bodies with short answers and stays healthy', async () => {
    const keys = JSON.stringify(
      Object.fromEntries(Array.from({ length: 20_000 }, (_, i) => [`k${i}`, 1])),
    );
    const items = JSON.stringify({ item_ids: new Array(60_000).fill(0) });
    const bad = JSON.stringify({
      serie_id: 'x',
      episodes: Array.from({ length: 2000 }, () => ({ season: -1, episode: 'x' })),
    });
    const attacks: [string, string, string, number][] = [
      ['POST', '/api/auth/login', JSON.stringify({ password: 'x'.repeat(1_000_000) }), 413],
      ['POST', '/api/auth/setup', keys, 413],
      ['PUT', '/api/config', keys, 400],
      ['PUT', '/api/config', deepJson(40_000), 400],
      ['POST', '/api/queue/retry', items, 400],
      ['POST', '/api/queue/add', bad, 400],
      ['PUT', '/api/config', 'x'.repeat(1_000_000), 413],
    ];
    const pending = [...attacks, ...attacks, ...attacks].map(([method, path, body]) =>
      send(method, path, body),
    );
    const health = await fetch(`${server.url}/health`);
    expect(health.status).toBe(200);
    const answers = await Promise.all(pending);
    answers.forEach((res, i) => {
      const [method, path, , status] = attacks[i % attacks.length];
      expect(`${method} ${path} ${res.status}`).toBe(`${method} ${path} ${status}`);
      expect(res.text.length).toBeLessThan(5000);
    });
    const config = await fetch(`${server.url}/api/config`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(config.status).toBe(200);
    // Nothing answered 500, nothing overflowed the stack.
    expect(server.output()).not.toMatch(/RangeError|Maximum call stack|"status":5\d\d/);
  });
});
