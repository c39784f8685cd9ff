import { setUpOwner, type ServerProcess, startServer } from './support/server-process';

const PASSWORD = 'E2e-Passw0rd!';

async function login(server: ServerProcess, from: string, password = 'Wrong-Passw0rd!') {
  const res = await fetch(`${server.url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-forwarded-for': from },
    body: JSON.stringify({ password }),
  });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

describe('rotating X-Forwarded-For from loopback against the built server', () => {
  let server: ServerProcess | null = null;
  afterEach(async () => {
    await server?.stop();
    server = null;
  });

  it('is ignored by default: the sixth guess is refused whatever address it claims', async () => {
    server = await startServer();
    await setUpOwner(server, PASSWORD);
    for (let i = 1; i <= 5; i++) expect((await login(server, `203.0.113.${i}`)).status).toBe(401);
    const sixth = await login(server, '203.0.113.6');
    expect(sixth.status).toBe(429);
  });

  it('behind a trusted proxy, rotating addresses still run into the account delay', async () => {
    server = await startServer({ TRUSTED_PROXIES: 'loopback' });
    await setUpOwner(server, PASSWORD);
    let delayed: Record<string, unknown> | null = null;
    for (let i = 1; i <= 30 && !delayed; i++) {
      const res = await login(server, `198.51.100.${i}`);
      if (res.status === 429) delayed = res.body;
      else expect(res.status).toBe(401);
    }
    expect(delayed).toMatchObject({ code: 'RATE_LIMITED', details: { scope: 'account' } });
  });
});
