import { io, type Socket } from 'socket.io-client';
import type { ScanFailedEvent } from '@aniworld/contracts';
import { FakeClock } from '../../test/helpers/fake-clock';
import { joinRoom } from '../../test/helpers/socket';
import { startTestApp, TEST_PASSWORD, type TestApp } from '../../test/helpers/test-app';
import { waitUntil } from '../../test/helpers/wait';
import { SessionRepository } from '../auth/session.repository';
import { DomainEvents } from '../common/events';

const HOUR = 3_600_000;

/** A socket.io client that records the scan events and errors it gets, and how it ended. */
interface Client {
  socket: Socket;
  events: string[];
  errors: string[];
  disconnected: () => string | null;
}

function connect(url: string, options: Parameters<typeof io>[1]): Client {
  const socket = io(url, {
    path: '/socket.io',
    transports: ['websocket'],
    reconnection: false,
    ...options,
  });
  const events: string[] = [];
  const errors: string[] = [];
  let reason: string | null = null;
  socket.on('scan_failed', (e: ScanFailedEvent) => events.push(e.scan_id));
  socket.on('error', (e: { message: string }) => errors.push(e.message));
  socket.on('disconnect', (why) => (reason = why));
  return { socket, events, errors, disconnected: () => reason };
}

describe('socket connections end with their session (HTTP, real SQLite)', () => {
  let t: TestApp;
  let clock: FakeClock;
  const clients: Client[] = [];

  beforeEach(async () => {
    clock = new FakeClock();
    t = await startTestApp({}, { clock });
  });
  afterEach(async () => {
    for (const c of clients.splice(0)) c.socket.close();
    await t.close();
  });

  const login = async (): Promise<string> =>
    (
      (await t.api('').post('/api/auth/login').send({ password: TEST_PASSWORD }).expect(200))
        .body as { access_token: string }
    ).access_token;

  const joined = async (token: string): Promise<Client> => {
    const client = connect(t.url, { auth: { token } });
    clients.push(client);
    await joinRoom(client.socket, 'scan_progress');
    client.errors.length = 0;
    return client;
  };

  const scanFailed = (scan_id: string) =>
    t.app.get(DomainEvents).emit('scan.failed', { scan_id, error: 'test' });

  it('stops sending events to a socket once its session logs out', async () => {
    const token = await t.setUp();
    const other = await joined(await login());
    const client = await joined(token);
    scanFailed('before');
    await waitUntil(() => client.events.includes('before'), 'the event before the logout');

    await t.api(token).post('/api/auth/logout').expect(204);
    await waitUntil(() => client.disconnected() !== null, 'the socket to be disconnected');
    expect(client.disconnected()).toBe('io server disconnect');

    scanFailed('after');
    // The other session's socket gets it, so it was sent; the logged-out one never does.
    await waitUntil(() => other.events.includes('after'), 'the event after the logout');
    expect(client.events).toEqual(['before']);
    expect(other.disconnected()).toBeNull();
  });

  it('ends the sockets of every other session on a password change, not its own', async () => {
    const token = await t.setUp();
    const others = [await joined(await login()), await joined(await login())];
    const own = await joined(token);
    await t
      .api(token)
      .post('/api/auth/password')
      .send({ old_password: TEST_PASSWORD, new_password: 'Another-Passw0rd!' })
      .expect(204);
    await waitUntil(
      () => others.every((c) => c.disconnected() === 'io server disconnect'),
      'the other sessions’ sockets to be disconnected',
    );
    scanFailed('after');
    await waitUntil(() => own.events.includes('after'), 'the event on the own socket');
    expect(others.map((c) => c.events)).toEqual([[], []]);
  });

  it('ends a socket when its session expires', async () => {
    const token = await t.setUp();
    // Sessions last 24 h: the socket connects 4 s before the end (the token's own expiry is in
    // whole seconds, so it may end up to a second earlier than the session).
    clock.advance(24 * HOUR - 4000);
    const client = await joined(token);
    await waitUntil(() => client.disconnected() !== null, 'the socket to end at expiry');
    expect(client.disconnected()).toBe('io server disconnect');
    expect(client.errors).toEqual(['Session expired: log in again']);
  });

  it('re-checks the session before a join', async () => {
    const token = await t.setUp();
    const client = await joined(token);
    // Revoked behind the gateway's back (no event): the next join finds out.
    await t.app.get(SessionRepository).revoke(sessionIdOf(token), new Date(clock.now()));
    client.socket.emit('message', { action: 'join', data: { room: 'downloads' } });
    await waitUntil(() => client.disconnected() !== null, 'the socket to be disconnected');
    expect(client.errors).toEqual(['Session revoked: log in again']);
  });

  it('refuses a token in the query string, naming the handshake auth instead', async () => {
    const token = await t.setUp();
    const client = connect(t.url, { query: { token } });
    clients.push(client);
    const error = await new Promise<Error>((resolve) =>
      client.socket.once('connect_error', resolve),
    );
    expect(error.message).toContain('query string refused');
    expect(error.message).toContain('{auth: {token}}');
  });
});

/** The session id a token carries (its `sid` claim). */
function sessionIdOf(token: string): string {
  return (JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString()) as { sid: string })
    .sid;
}
