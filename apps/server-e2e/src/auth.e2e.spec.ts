import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { decodePayload, signHs256 } from './support/jwt';
import { type ServerProcess, startServer } from './support/server-process';

const PASSWORD = 'E2e-Passw0rd!';

/** Routes anyone may call; everything else in the OpenAPI document must demand a session. */
const PUBLIC_ROUTES = new Set([
  'get /api/auth/status',
  'post /api/auth/setup',
  'post /api/auth/login',
  'get /health',
  'get /health/ready',
  // An <img> sends no token: cover addresses are signed instead (apps/server/src/covers).
  'get /api/covers/{signature}/{source}',
]);
/**
 * The Torznab routes do not use sessions: they check the *arr API key themselves and answer a
 * wrong one with Torznab error 100 (or 401 for a download); apps/server/src/arr/torznab tests that.
 */
const isPublic = (method: string, path: string) =>
  PUBLIC_ROUTES.has(`${method} ${path}`) ||
  path.startsWith('/health') ||
  path.startsWith('/torznab/');

interface Json {
  status: number;
  body: Record<string, unknown>;
}

async function call(
  server: ServerProcess,
  method: string,
  path: string,
  token?: string,
  body?: unknown,
): Promise<Json> {
  const res = await fetch(`${server.url}${path}`, {
    method: method.toUpperCase(),
    headers: {
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      'content-type': 'application/json',
    },
    body:
      body === undefined
        ? method === 'get' || method === 'delete'
          ? undefined
          : '{}'
        : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, body: text ? (JSON.parse(text) as Record<string, unknown>) : {} };
}

describe('authentication against the built server', () => {
  let server: ServerProcess;

  beforeAll(async () => {
    // Generous general limit: the enumeration below makes a few hundred requests from one IP.
    const dataDir = mkdtempSync(join(tmpdir(), 'aniworld-auth-e2e-'));
    writeFileSync(
      join(dataDir, 'config.json'),
      JSON.stringify({ security: { rate_limit_per_minute: 100000 } }),
    );
    server = await startServer({ DATA_DIR: dataDir });
  });
  afterAll(async () => {
    await server.stop();
  });

  it('walks setup → login → protected call → logout → the same token refused', async () => {
    expect((await call(server, 'get', '/api/auth/status')).body).toEqual({
      configured: false,
      authenticated: false,
    });

    const weak = await call(server, 'post', '/api/auth/setup', undefined, { password: 'password' });
    expect(weak.status).toBe(400);
    expect(weak.body['details']).toEqual([
      {
        field: 'password',
        errors: ['needs an upper-case letter', 'needs a digit', 'needs a special character'],
      },
    ]);

    const setup = await call(server, 'post', '/api/auth/setup', undefined, { password: PASSWORD });
    expect(setup.status).toBe(201);
    expect(
      (await call(server, 'post', '/api/auth/setup', undefined, { password: PASSWORD })).status,
    ).toBe(409);

    const login = await call(server, 'post', '/api/auth/login', undefined, { password: PASSWORD });
    expect(login.status).toBe(200);
    const token = login.body['access_token'] as string;
    expect(login.body['token_type']).toBe('bearer');

    const config = await call(server, 'get', '/api/config', token);
    expect(config.status).toBe(200);
    expect(JSON.stringify(config.body)).not.toMatch(/argon2|jwt_secret|master_password_hash/);

    expect((await call(server, 'post', '/api/auth/logout', token)).status).toBe(204);
    const after = await call(server, 'get', '/api/config', token);
    expect(after.status).toBe(401);
    expect(after.body['code']).toBe('UNAUTHORIZED');
  });

  it('keeps only the hash: the password appears nowhere on disk or in the logs', () => {
    const stored = JSON.parse(readFileSync(join(server.dataDir, 'config.json'), 'utf8')) as {
      secrets: { master_password_hash: string };
    };
    expect(stored.secrets.master_password_hash).toMatch(/^\$argon2id\$/);
    expect(readFileSync(join(server.dataDir, 'config.json'), 'utf8')).not.toContain(PASSWORD);
    expect(server.output()).not.toContain(PASSWORD);
  });

  it('refuses every non-public route of the OpenAPI document without a valid session', async () => {
    const doc = (await (await fetch(`${server.url}/api/docs-json`)).json()) as {
      paths: Record<string, Record<string, unknown>>;
    };
    const secret = (
      JSON.parse(readFileSync(join(server.dataDir, 'config.json'), 'utf8')) as {
        secrets: { jwt_secret_key: string };
      }
    ).secrets.jwt_secret_key;

    const live = (await call(server, 'post', '/api/auth/login', undefined, { password: PASSWORD }))
      .body['access_token'] as string;
    const { sid, iss } = decodePayload(live);
    const now = Math.floor(Date.now() / 1000);
    const expired = signHs256({ sid, iss, iat: now - 7200, exp: now - 3600 }, secret);
    const foreign = signHs256(
      { sid, iss, iat: now, exp: now + 3600 },
      'another-key-another-key-another-key!!',
    );
    const revoked = (
      await call(server, 'post', '/api/auth/login', undefined, { password: PASSWORD })
    ).body['access_token'] as string;
    expect((await call(server, 'post', '/api/auth/logout', revoked)).status).toBe(204);

    const routes = Object.entries(doc.paths).flatMap(([path, ops]) =>
      Object.keys(ops).map((method) => ({ method, path, url: path.replace(/\{[^}]+\}/g, 'x') })),
    );
    const protectedRoutes = routes.filter((r) => !isPublic(r.method, r.path));
    expect(protectedRoutes.length).toBeGreaterThanOrEqual(7);

    const failures: string[] = [];
    for (const route of protectedRoutes) {
      for (const [label, token] of [
        ['no token', undefined],
        ['expired token', expired],
        ['token signed by another key', foreign],
        ['revoked token', revoked],
      ] as const) {
        const res = await call(server, route.method, route.url, token);
        if (res.status !== 401 || res.body['code'] !== 'UNAUTHORIZED') {
          failures.push(`${route.method.toUpperCase()} ${route.path} with ${label}: ${res.status}`);
        }
      }
    }
    expect(failures).toEqual([]);

    // The live token still works, so the 401s above are about the tokens, not a broken server.
    expect((await call(server, 'get', '/api/config', live)).status).toBe(200);
  });
});
