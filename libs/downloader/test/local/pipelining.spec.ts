import { mkdtempSync, promises as fs, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { download } from '../../src';
import { fakeTs } from '../support/local-server';
import { PipelineServer } from '../support/pipeline-server';

describe('HLS over pipelined keep-alive connections', () => {
  let server: PipelineServer;
  let dir: string;
  const segments = Array.from({ length: 12 }, (_, i) => fakeTs(500 + i * 13, i + 1));
  const whole = Buffer.concat(segments);

  beforeEach(async () => {
    server = await new PipelineServer().start();
    const lines = ['#EXTM3U', '#EXT-X-TARGETDURATION:2'];
    segments.forEach((s, i) => {
      server.routes.set(`/s${i}.ts`, s);
      lines.push('#EXTINF:2.0,', `s${i}.ts`);
    });
    lines.push('#EXT-X-ENDLIST');
    server.routes.set('/index.m3u8', Buffer.from(lines.join('\n')));
    dir = mkdtempSync(join(tmpdir(), 'dl-pipe-'));
  });
  afterEach(async () => {
    await server.stop();
    await fs.rm(dir, { recursive: true, force: true });
  });

  const run = (pipelining: number) =>
    download(
      { kind: 'hls', url: `${server.baseUrl}/index.m3u8`, headers: {} },
      join(dir, 'out.ts'),
      {
        connections: 2,
        pipelining,
        verify: false,
        retryBaseDelayMs: 10,
      },
    );

  it('sends a second request on a connection before the first response ended, within the connection cap', async () => {
    await run(2);
    expect(readFileSync(join(dir, 'out.ts')).equals(whole)).toBe(true);
    expect(server.maxPipelined()).toBe(2);
    expect(server.sockets.size).toBeLessThanOrEqual(2);
  });

  it('sends one request at a time per connection with pipelining 1', async () => {
    await run(1);
    expect(readFileSync(join(dir, 'out.ts')).equals(whole)).toBe(true);
    expect(server.maxPipelined()).toBe(1);
  });

  it('retries both requests of a pipelined pair whose connection breaks; nothing is skipped', async () => {
    server.killFirstPipelinedPair = true;
    const r = await run(2);
    expect(server.killed).toBe(1);
    expect(r.segments).toBe(12);
    expect(readFileSync(join(dir, 'out.ts')).equals(whole)).toBe(true);
  });
});
