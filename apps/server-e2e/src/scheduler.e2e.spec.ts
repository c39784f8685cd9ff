import { type Sandbox, startSandbox } from '@aniworld/sandbox';
import { apiRequest, waitFor } from '@aniworld/testing';
import type {
  AnimeDetail,
  ChannelPayload,
  HealthResponse,
  NotificationChannel,
  SchedulerResponse,
} from '@aniworld/contracts';
import { createHmac, timingSafeEqual } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type QueueSnapshot, queueSnapshot } from './support/queue';
import { type ServerProcess, setUpOwner, startServer } from './support/server-process';

const PASSWORD = 'Sched-J0b-Passw0rd!';
const SECRET = 'e2e-webhook-secret';

interface Received {
  headers: IncomingHttpHeaders;
  body: string;
}

/**
 * The library keeps itself complete, against the built server and the sandbox: a monitored
 * series with missing episodes → trigger-rescan → the episodes are queued and downloaded without
 * any queue call by the test; the sandbox publishes a new episode → the new-episodes job finds
 * and downloads it; a webhook receiver here gets each `download_completed`, signed with the
 * channel's secret, and checks the HMAC.
 */
describe('scheduler, monitoring and webhooks against the built server', () => {
  let sandbox: Sandbox;
  let server: ServerProcess;
  let library: string;
  let token: string;
  let receiver: Server;
  let receiverUrl: string;
  const received: Received[] = [];

  const api = <T>(method: string, path: string, body?: unknown) =>
    apiRequest<T>(server.url, token, method, path, body);

  const until = <T>(what: string, probe: () => Promise<T | null>, timeoutMs = 120_000) =>
    waitFor(probe, what, { timeoutMs, intervalMs: 200 });

  const completed = (): Promise<QueueSnapshot> =>
    queueSnapshot(async (path) => (await api('GET', path)).body);

  beforeAll(async () => {
    sandbox = await startSandbox({ port: 0 });
    receiver = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        received.push({ headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
        res.writeHead(204).end();
      });
    });
    await new Promise<void>((r) => receiver.listen(0, '127.0.0.1', r));
    receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`;

    library = mkdtempSync(join(tmpdir(), 'aniworld-scheduler-'));
    const dataDir = mkdtempSync(join(tmpdir(), 'aniworld-scheduler-data-'));
    writeFileSync(
      join(dataDir, 'config.json'),
      JSON.stringify({
        // No page cache: the sandbox publishes an episode and the next read must see it.
        providers: { requests_per_second: 50, retries: 1, cache_ttl_seconds: 0 },
        downloads: { retry_backoff_seconds: 1 },
        scheduler: { tick_seconds: 1 },
        // The queue polls below last as long as the downloads do: not the rate limit's business.
        security: { rate_limit_per_minute: 100000 },
      }),
    );
    server = await startServer({
      DATA_DIR: dataDir,
      ANIME_DIRECTORY: library,
      ANIWORLD_BASE_URL: `${sandbox.baseUrl}/aniworld`,
      STO_BASE_URL: `${sandbox.baseUrl}/sto`,
    });
    token = await setUpOwner(server, PASSWORD);
  }, 120_000);

  afterAll(async () => {
    await server?.stop();
    server?.cleanUp();
    await sandbox?.close();
    await new Promise((r) => receiver?.close(r));
    rmSync(library, { recursive: true, force: true });
  });

  it('shows the schedule and the next run in /health', async () => {
    const view = (await api<SchedulerResponse>('GET', '/api/scheduler')).body;
    const rescan = view.jobs.find((j) => j.name === 'library_rescan');
    expect(rescan?.next_run).toMatch(/T03:00:00\.000Z$/);
    const health = (await (await fetch(`${server.url}/health`)).json()) as HealthResponse;
    expect(health.scheduler_next_run).toBe(rescan?.next_run);
    expect(health.scheduler_last_run).toBeNull();
    expect((await api('PUT', '/api/scheduler', { schedule_time: '25:99' })).status).toBe(400);
  });

  it('downloads the missing episodes of a monitored series after trigger-rescan, and a newly published one after the new-episodes check', async () => {
    const channel = await api<NotificationChannel>('POST', '/api/notifications/channels', {
      name: 'Receiver',
      kind: 'webhook',
      events: ['download_completed'],
      settings: { url: receiverUrl },
      secrets: { secret: SECRET },
    });
    expect(channel.status).toBe(201);

    const added = await api<AnimeDetail>('POST', '/api/anime/add', {
      key: 'kleine-katze-kuro',
      site: 'aniworld',
      monitor: true,
    });
    expect(added.status).toBe(201);
    expect(added.body.monitored).toBe(true);
    const folder = join(library, added.body.folder ?? '');
    mkdirSync(folder, { recursive: true });
    writeFileSync(join(folder, 'Kleine Katze Kuro - S01E01.mkv'), 'already here');

    expect((await api('POST', '/api/scheduler/trigger-rescan')).status).toBe(202);
    const first = await until('the two missing episodes', async () => {
      const status = await completed();
      return status.completed_downloads.length + status.failed_downloads.length >= 2
        ? status
        : null;
    });
    expect(first.failed_downloads).toEqual([]);
    expect(first.completed_downloads.map((i) => i.episode).sort()).toEqual([2, 3]);

    const published = sandbox.publishEpisode('kleine-katze-kuro');
    expect((await api('POST', '/api/scheduler/jobs/new_episodes/run')).status).toBe(202);
    const second = await until('the published episode', async () => {
      const status = await completed();
      return status.completed_downloads.some((i) => i.episode === published.episode)
        ? status
        : null;
    });
    expect(second.failed_downloads).toEqual([]);
    const detail = (await api<AnimeDetail>('GET', '/api/anime/kleine-katze-kuro')).body;
    expect(detail.missing_episodes).toBe(0);

    const hooks = await until('three signed download_completed webhooks', async () =>
      received.length >= 3 ? received : null,
    );
    for (const hook of hooks) {
      const expected = `sha256=${createHmac('sha256', SECRET).update(hook.body).digest('hex')}`;
      const got = String(hook.headers['x-aniworld-signature'] ?? '');
      expect(
        got.length === expected.length && timingSafeEqual(Buffer.from(got), Buffer.from(expected)),
      ).toBe(true);
      expect((JSON.parse(hook.body) as ChannelPayload).event).toBe('download_completed');
    }
    expect(hooks.map((h) => (JSON.parse(h.body) as ChannelPayload).data['episode']).sort()).toEqual(
      [2, 3, published.episode],
    );

    const view = (await api<SchedulerResponse>('GET', '/api/scheduler')).body;
    expect(view.jobs.find((j) => j.name === 'library_rescan')?.last_run?.outcome).toBe('succeeded');
    const health = (await (await fetch(`${server.url}/health`)).json()) as HealthResponse;
    expect(health.scheduler_last_run).not.toBeNull();
  }, 300_000);
});
