import { type Sandbox, startSandbox } from '@aniworld/sandbox';
import request from 'supertest';
import type { DetailedHealthResponse, RecentLogsResponse } from '@aniworld/contracts';
import { RECENT_LOGS, type RecentLogs } from '../common/logging/recent-logs';
import { FAST_PROVIDERS, startTestApp, type TestApp } from '../../test/helpers/test-app';
import { waitFor } from '../../test/helpers/wait';

describe('System page endpoints (HTTP)', () => {
  let sandbox: Sandbox;
  let t: TestApp;
  let api: ReturnType<TestApp['api']>;

  beforeAll(async () => {
    sandbox = await startSandbox({ port: 0 });
    // s.to points at a port nobody listens on: the System page must say it is unreachable.
    t = await startTestApp(
      { ANIWORLD_BASE_URL: `${sandbox.baseUrl}/aniworld`, STO_BASE_URL: 'http://127.0.0.1:9/sto' },
      { settings: FAST_PROVIDERS },
    );
    api = t.api(await t.setUp());
  }, 60_000);
  afterAll(async () => {
    await t.close();
    await sandbox.close();
  });

  it('shows recent log lines to a logged-in user only, newest last, without secrets', async () => {
    await request(t.url).get('/api/system/logs').expect(401);
    const ring = t.app.get<RecentLogs>(RECENT_LOGS);
    ring.write(JSON.stringify({ time: 't1', level: 'warn', msg: 'first', token: 'abc' }));
    ring.write(JSON.stringify({ time: 't2', level: 'info', msg: 'second' }));
    const all = (await api.get('/api/system/logs').expect(200)).body as RecentLogsResponse;
    expect(all.capacity).toBe(500);
    expect(all.lines.slice(-2).map((l) => l.msg)).toEqual(['first', 'second']);
    expect(all.lines.find((l) => l.msg === 'first')?.fields).toEqual({ token: '[redacted]' });
    const warnings = (await api.get('/api/system/logs?level=warn&limit=1').expect(200))
      .body as RecentLogsResponse;
    expect(warnings.lines.map((l) => l.msg)).toEqual(['first']);
  });

  it('answers bad parameters with 400 naming them', async () => {
    const res = await api.get('/api/system/logs?limit=0&level=loud').expect(400);
    expect((res.body.details as { field: string }[]).map((d) => d.field).sort()).toEqual([
      'level',
      'limit',
    ]);
  });

  it('says in the detailed health whether each site answers', async () => {
    await request(t.url).get('/health/detailed').expect(401);
    const sites = await waitFor(async () => {
      const body = (await api.get('/health/detailed')).body as DetailedHealthResponse;
      return body.sites.every((s) => s.reachable !== null) ? body.sites : null;
    }, 'both sites probed');
    expect(sites.map((s) => [s.id, s.reachable])).toEqual([
      ['aniworld', true],
      ['sto', false],
    ]);
    expect(sites[1].message).toBeTruthy();
    expect(sites[0].checked_at).toEqual(expect.any(String));
  });
});
