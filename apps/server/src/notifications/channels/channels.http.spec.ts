import { createHmac, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import request from 'supertest';
import type { ChannelPayload, ChannelTestResult, NotificationChannel } from '@aniworld/contracts';
import { DomainEvents } from '../../common/events';
import { FakeClock } from '../../../test/helpers/fake-clock';
import { startTestApp, type TestApp } from '../../../test/helpers/test-app';
import { waitUntil } from '../../../test/helpers/wait';
import { FLAG_AFTER_FAILURES } from './delivery-policy';

interface Received {
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
}

/** A local receiver standing in for the webhook, ntfy, … endpoints (nothing leaves loopback). */
async function startReceiver(): Promise<{
  url: string;
  received: Received[];
  status: { code: number };
  close(): Promise<void>;
}> {
  const received: Received[] = [];
  const status = { code: 200 };
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      received.push({
        path: req.url ?? '',
        headers: req.headers,
        body: Buffer.concat(chunks).toString('utf8'),
      });
      res.writeHead(status.code).end(status.code === 200 ? 'ok' : 'boom');
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    received,
    status,
    close: () => new Promise((r) => server.close(() => r())),
  };
}

function verified(r: Received, secret: string): boolean {
  const expected = `sha256=${createHmac('sha256', secret).update(r.body).digest('hex')}`;
  const got = String(r.headers['x-aniworld-signature'] ?? '');
  return got.length === expected.length && timingSafeEqual(Buffer.from(got), Buffer.from(expected));
}

jest.setTimeout(30_000);

describe('outbound notification channels (HTTP, local receiver)', () => {
  const clock = new FakeClock();
  let t: TestApp;
  let api: ReturnType<TestApp['api']>;
  let receiver: Awaited<ReturnType<typeof startReceiver>>;
  const SECRET = 'channel-s3cret-value';

  beforeAll(async () => {
    receiver = await startReceiver();
    t = await startTestApp({}, { clock });
    api = t.api(await t.setUp());
  });
  afterAll(async () => {
    await t?.close();
    await receiver?.close();
  });

  const emitComplete = (episode: number) =>
    t.app.get(DomainEvents).emit('download.complete', {
      download_id: `d-${episode}`,
      key: 'sternenwanderer',
      folder: 'Sternenwanderer (2019)',
      series_name: 'Sternenwanderer',
      season: 1,
      episode,
      file_path: `/anime/x-${episode}.mp4`,
      hoster: 'VOE',
      bytes: 1234,
      language: 'german-dub',
      fallback_from: null,
    });
  const channel = async (id: string) =>
    ((await api.get('/api/notifications/channels').expect(200)).body as NotificationChannel[]).find(
      (c) => c.id === id,
    );

  it('needs a session', async () => {
    await request(t.url).get('/api/notifications/channels').expect(401);
  });

  it('creates, lists, updates and deletes channels without ever returning a secret', async () => {
    const created = (
      await api
        .post('/api/notifications/channels')
        .send({
          name: 'Hook',
          kind: 'webhook',
          events: ['download_completed'],
          settings: { url: `${receiver.url}/hook` },
          secrets: { secret: SECRET },
        })
        .expect(201)
    ).body as NotificationChannel;
    expect(created).toMatchObject({ kind: 'webhook', enabled: true, secrets_set: ['secret'] });
    const listed = await api.get('/api/notifications/channels').expect(200);
    expect(JSON.stringify(listed.body)).not.toContain(SECRET);
    expect(JSON.stringify(created)).not.toContain(SECRET);

    const renamed = (
      await api
        .put(`/api/notifications/channels/${created.id}`)
        .send({ name: 'Renamed' })
        .expect(200)
    ).body as NotificationChannel;
    expect(renamed).toMatchObject({ name: 'Renamed', secrets_set: ['secret'] });
    await api.delete(`/api/notifications/channels/${created.id}`).expect(204);
    await api.delete(`/api/notifications/channels/${created.id}`).expect(404);
  });

  it('answers bad input with a 400 naming the field', async () => {
    const noUrl = await api
      .post('/api/notifications/channels')
      .send({ name: 'x', kind: 'webhook', events: [] })
      .expect(400);
    expect(JSON.stringify(noUrl.body.details)).toContain('settings.url');
    const badEvent = await api
      .post('/api/notifications/channels')
      .send({ name: 'x', kind: 'ntfy', events: ['nope'], settings: { topic: 't' } })
      .expect(400);
    expect(JSON.stringify(badEvent.body.details)).toContain('events');
    await api
      .post('/api/notifications/channels')
      .send({ name: 'x', kind: 'carrier-pigeon', events: [] })
      .expect(400);
  });

  it('sends a signed test message and a signed download_completed through the outbox', async () => {
    const created = (
      await api
        .post('/api/notifications/channels')
        .send({
          name: 'Signed',
          kind: 'webhook',
          events: ['download_completed', 'download_failed'],
          settings: { url: `${receiver.url}/signed` },
          secrets: { secret: SECRET },
        })
        .expect(201)
    ).body as NotificationChannel;
    const test = (await api.post(`/api/notifications/channels/${created.id}/test`).expect(200))
      .body as ChannelTestResult;
    expect(test).toEqual({ ok: true, status: 200, error: null });
    const testMessage = receiver.received.find((r) => r.path === '/signed');
    expect(testMessage && verified(testMessage, SECRET)).toBe(true);
    expect((JSON.parse(testMessage?.body ?? '{}') as ChannelPayload).event).toBe('test');

    emitComplete(2);
    await waitUntil(
      () =>
        receiver.received.some(
          (r) => r.path === '/signed' && r.body.includes('download_completed'),
        ),
      'the download_completed webhook',
    );
    const hook = receiver.received.find((r) => r.body.includes('download_completed'));
    expect(hook && verified(hook, SECRET)).toBe(true);
    expect(hook && verified(hook, 'another-secret')).toBe(false);
    const payload = JSON.parse(hook?.body ?? '{}') as ChannelPayload;
    expect(payload).toMatchObject({ event: 'download_completed', priority: 'normal' });
    expect(payload.data).toMatchObject({ key: 'sternenwanderer', season: 1, episode: 2 });
    expect((await channel(created.id))?.last_success_at).not.toBeNull();
    await api.delete(`/api/notifications/channels/${created.id}`).expect(204);
  });

  it('delivers ntfy to its configured base URL', async () => {
    const created = (
      await api
        .post('/api/notifications/channels')
        .send({
          name: 'Phone',
          kind: 'ntfy',
          events: ['download_completed'],
          settings: { base_url: `${receiver.url}/ntfy`, topic: 'anime' },
        })
        .expect(201)
    ).body as NotificationChannel;
    emitComplete(3);
    await waitUntil(
      () => receiver.received.some((r) => r.path === '/ntfy/anime'),
      'the ntfy message',
    );
    const message = receiver.received.find((r) => r.path === '/ntfy/anime');
    expect(message?.headers['tags']).toBe('download_completed');
    expect(message?.body).toContain('/anime/x-3.mp4');
    await api.delete(`/api/notifications/channels/${created.id}`).expect(204);
  });

  it('retries with backoff, shows the last error, and flags a channel that keeps failing', async () => {
    receiver.status.code = 500;
    const created = (
      await api
        .post('/api/notifications/channels')
        .send({
          name: 'Broken',
          kind: 'webhook',
          events: ['download_completed'],
          settings: { url: `${receiver.url}/broken` },
        })
        .expect(201)
    ).body as NotificationChannel;
    emitComplete(4);
    for (let failures = 1; failures <= FLAG_AFTER_FAILURES; failures++) {
      await waitUntil(
        async () => (await channel(created.id))?.consecutive_failures === failures,
        `failed attempt ${failures}`,
      );
      // The next attempt is due after the backoff: move the clock past it instead of waiting.
      clock.advance(2 * 60 * 60 * 1000);
    }
    const flagged = await channel(created.id);
    expect(flagged).toMatchObject({
      failing: true,
      last_error: expect.stringContaining('HTTP 500'),
    });
    const attempts = receiver.received.filter((r) => r.path === '/broken').length;
    expect(attempts).toBe(FLAG_AFTER_FAILURES);

    // Flagged: new events are not sent at all.
    emitComplete(5);
    const test = (await api.post(`/api/notifications/channels/${created.id}/test`).expect(200))
      .body as ChannelTestResult;
    expect(test).toMatchObject({ ok: false, status: 500 });
    expect(receiver.received.filter((r) => r.path === '/broken').length).toBe(attempts + 1);

    // Saving it (the user fixed the endpoint) clears the flag.
    receiver.status.code = 200;
    const saved = (
      await api.put(`/api/notifications/channels/${created.id}`).send({ enabled: true }).expect(200)
    ).body as NotificationChannel;
    expect(saved).toMatchObject({ failing: false, consecutive_failures: 0 });
  }, 60_000);
});
