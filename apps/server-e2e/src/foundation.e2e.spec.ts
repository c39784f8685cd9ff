import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { waitUntil } from '@aniworld/testing';
import {
  runServerExpectingFailure,
  type ServerProcess,
  setUpOwner,
  startServer,
} from './support/server-process';

describe('the built server on a fresh data dir', () => {
  let server: ServerProcess;

  beforeAll(async () => {
    server = await startServer();
  });
  afterAll(async () => {
    await server.stop();
    server.cleanUp();
  });

  it('answers /health with 200 JSON', async () => {
    const res = await fetch(`${server.url}/health`);
    expect(res.status).toBe(200);
    const body = (await res.json()) as {
      status: string;
      version: string;
      anime_directory_configured: boolean;
      checks: object;
    };
    expect(['healthy', 'degraded']).toContain(body.status);
    expect(body.anime_directory_configured).toBe(false);
    expect(Object.keys(body.checks)).toEqual(
      expect.arrayContaining(['database', 'anime_directory', 'ffmpeg', 'dns']),
    );
    // States only: no paths, messages, versions of tools or figures of the host.
    expect(Object.keys(body).sort()).toEqual([
      'anime_directory_configured',
      'checks',
      'scheduler_last_run',
      'scheduler_next_run',
      'status',
      'timestamp',
      'version',
    ]);
    for (const check of Object.values(body.checks))
      expect(Object.keys(check as object).sort()).toEqual(['critical', 'status']);
    expect(JSON.stringify(body)).not.toContain(server.dataDir);
  });

  it('is not ready without an anime directory, and names the failing check', async () => {
    const res = await fetch(`${server.url}/health/ready`);
    expect(res.status).toBe(503);
    expect(await res.json()).toEqual({ ready: false, critical_failures: ['anime_directory'] });
  });

  it('reports database latency, disk and memory in /health/detailed, to a session only', async () => {
    const anonymous = await fetch(`${server.url}/health/detailed`);
    expect(anonymous.status).toBe(401);
    expect(await anonymous.text()).not.toContain(server.dataDir);
    const token = await setUpOwner(server, 'E2e-Passw0rd!');
    const detailed = await fetch(`${server.url}/health/detailed`, {
      headers: { authorization: `Bearer ${token}` },
    });
    const body = (await detailed.json()) as {
      database: { dialect: string; latency_ms: number };
      disk: { data: { free_bytes: number } };
      checks: Record<string, { message: string }>;
      memory: { rss_bytes: number };
      uptime_seconds: number;
    };
    expect(body.database.dialect).toBe('sqlite');
    expect(body.database.latency_ms).toBeGreaterThanOrEqual(0);
    expect(body.disk.data.free_bytes).toBeGreaterThan(0);
    expect(body.memory.rss_bytes).toBeGreaterThan(0);
    expect(body.checks['data_directory'].message).toContain(server.dataDir);
  });

  it('serves Swagger UI at /api/docs and the document at /api/docs-json', async () => {
    const ui = await fetch(`${server.url}/api/docs`);
    expect(ui.status).toBe(200);
    expect(ui.headers.get('content-type')).toContain('text/html');
    const doc = (await (await fetch(`${server.url}/api/docs-json`)).json()) as {
      openapi: string;
      paths: object;
    };
    expect(doc.openapi).toMatch(/^3\./);
    expect(Object.keys(doc.paths)).toContain('/api/config');
  });

  it('serves the Angular shell at / and for client routes, with security headers', async () => {
    for (const path of ['/', '/library/some-series', '/queue']) {
      const res = await fetch(`${server.url}${path}`, { headers: { accept: 'text/html' } });
      expect({ path, status: res.status }).toEqual({ path, status: 200 });
      expect(await res.text()).toContain('<aw-root>');
      expect(res.headers.get('content-security-policy')).toContain("script-src 'self'");
    }
  });

  it('sends the built web app compressed, its hashed files immutable and index.html revalidated', async () => {
    const index = await fetch(`${server.url}/`, {
      headers: { accept: 'text/html', 'accept-encoding': 'gzip, deflate, br' },
    });
    expect(index.headers.get('content-encoding')).toBe('br');
    expect(index.headers.get('cache-control')).toBe('no-cache');
    // Every script and style the page names, as the browser asks for them.
    const files = [...(await index.text()).matchAll(/(?:src|href)="([^"]+\.(?:js|css))"/g)].map(
      (m) => m[1],
    );
    expect(files.length).toBeGreaterThan(1);
    for (const file of files) {
      const plain = await fetch(`${server.url}/${file}`, { headers: { 'accept-encoding': '' } });
      const text = await plain.text();
      expect(plain.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
      // A few hundred bytes gain nothing from compression; everything else is sent compressed.
      if (text.length < 1024) continue;
      for (const encoding of ['br', 'gzip']) {
        const res = await fetch(`${server.url}/${file}`, {
          headers: { 'accept-encoding': encoding === 'br' ? 'gzip, deflate, br' : 'gzip' },
        });
        expect({ file, status: res.status, encoding: res.headers.get('content-encoding') }).toEqual(
          { file, status: 200, encoding },
        );
        expect(res.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
        expect(await res.text()).toBe(text);
      }
    }
  });

  it.each(['/api/nope', '/api/config/nope', '/health/nope', '/missing.js', '/assets/nope.css'])(
    'answers %s with a JSON 404, never the shell',
    async (path) => {
      const res = await fetch(`${server.url}${path}`, { headers: { accept: 'text/html' } });
      expect(res.status).toBe(404);
      expect(await res.json()).toMatchObject({ statusCode: 404, code: 'NOT_FOUND' });
    },
  );

  it('logs structured lines with a correlation id to data/logs/app.log', async () => {
    const res = await fetch(`${server.url}/api/auth/status`, {
      headers: { 'x-request-id': 'e2e-correlation-1' },
    });
    expect(res.headers.get('x-request-id')).toBe('e2e-correlation-1');
    // The log file is written asynchronously: wait for the line, not for a fixed time.
    const logLines = (): Record<string, unknown>[] =>
      readFileSync(join(server.dataDir, 'logs', 'app.log'), 'utf8')
        .trim()
        .split('\n')
        .filter((l) => l.endsWith('}'))
        .map((l) => JSON.parse(l) as Record<string, unknown>);
    await waitUntil(
      () =>
        logLines().some((l) => l['request_id'] === 'e2e-correlation-1' && l['msg'] === 'request'),
      'the request line in app.log',
    );
    const lines = logLines();
    expect(lines).toContainEqual(
      expect.objectContaining({
        msg: 'request',
        request_id: 'e2e-correlation-1',
        path: '/api/auth/status',
        status: 200,
      }),
    );
    // Health polls are only logged at debug level.
    expect(lines.some((l) => l['path'] === '/health')).toBe(false);
  });
});

describe('the built server with an anime directory', () => {
  it('is ready, and stops cleanly on SIGTERM', async () => {
    const anime = mkdtempSync(join(tmpdir(), 'aniworld-anime-'));
    const server = await startServer({ ANIME_DIRECTORY: anime });
    try {
      const res = await fetch(`${server.url}/health/ready`);
      expect(res.status).toBe(200);
      expect(await res.json()).toEqual({ ready: true });
    } finally {
      expect(await server.stop('SIGTERM')).toBe(0);
      expect(server.output()).toContain('database closed');
      server.cleanUp();
      rmSync(anime, { recursive: true, force: true });
    }
  });
});

describe('start-up validation', () => {
  it('refuses a bad environment value, naming the variable and the fix', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'aniworld-e2e-'));
    const { code, output } = await runServerExpectingFailure({ DATA_DIR: dataDir, PORT: '99999' });
    expect(code).toBe(1);
    expect(output).toContain('environment variable PORT (server.port)');
    expect(output).toContain('Fix');
    rmSync(dataDir, { recursive: true, force: true });
  });
});
