import { createDecipheriv } from 'node:crypto';
import { Agent } from 'node:http';
import { startSandbox, type Sandbox } from '../sandbox';
import { fetchRaw } from '../testing/http-client';
import { AES_SEQ_FIRST_SEQUENCE } from './playlists';

jest.setTimeout(120_000);

let sb: Sandbox;
beforeAll(async () => {
  sb = await startSandbox();
});
afterAll(() => sb.close());

function decrypt(data: Buffer, key: Buffer, iv: Buffer): Buffer {
  const d = createDecipheriv('aes-128-cbc', key, iv);
  return Buffer.concat([d.update(data), d.final()]);
}

describe('sandbox server', () => {
  it('listens on a random loopback port and exposes one URL per prefix', () => {
    expect(sb.baseUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(sb.port).toBeGreaterThan(0);
    expect(sb.urls['aniworld']).toBe(`${sb.baseUrl}/aniworld`);
    expect(sb.urls['cdn']).toBe(`${sb.baseUrl}/cdn`);
  });

  it('closes cleanly, also with a keep-alive connection open', async () => {
    const other = await startSandbox();
    const agent = new Agent({ keepAlive: true });
    const res = await fetchRaw(`${other.baseUrl}/cdn/hls/sample/master.m3u8`, { agent });
    expect(res.status).toBe(200);
    await other.close();
    await expect(fetchRaw(`${other.baseUrl}/cdn/hls/sample/master.m3u8`)).rejects.toThrow();
    agent.destroy();
  });
});

describe('MP4 with Range', () => {
  const url = (): string => `${sb.baseUrl}/cdn/mp4/sample.mp4`;

  it('answers a full GET with Accept-Ranges and an ftyp box', async () => {
    const res = await fetchRaw(url());
    expect(res.status).toBe(200);
    expect(res.headers['accept-ranges']).toBe('bytes');
    expect(Number(res.headers['content-length'])).toBe(res.body.length);
    expect(res.body.subarray(4, 8).toString('latin1')).toBe('ftyp');
  });

  it('answers HEAD with the length and no body', async () => {
    const res = await fetchRaw(url(), { method: 'HEAD' });
    expect(res.status).toBe(200);
    expect(Number(res.headers['content-length'])).toBeGreaterThan(100_000);
    expect(res.body.length).toBe(0);
  });

  it('serves 206 for bounded, open and suffix ranges consistent with the full body', async () => {
    const full = (await fetchRaw(url())).body;
    const size = full.length;
    const agent = new Agent({ keepAlive: true, maxSockets: 1 });
    const a = await fetchRaw(url(), { agent, headers: { range: 'bytes=100-199' } });
    const b = await fetchRaw(url(), { agent, headers: { range: `bytes=${size - 50}-` } });
    const c = await fetchRaw(url(), { agent, headers: { range: 'bytes=-10' } });
    agent.destroy();
    expect(a.status).toBe(206);
    expect(a.headers['content-range']).toBe(`bytes 100-199/${size}`);
    expect(a.body.equals(full.subarray(100, 200))).toBe(true);
    expect(b.body.equals(full.subarray(size - 50))).toBe(true);
    expect(c.headers['content-range']).toBe(`bytes ${size - 10}-${size - 1}/${size}`);
    // Three requests over one keep-alive socket.
    expect(b.reusedSocket && c.reusedSocket).toBe(true);
  });

  it('answers 416 with the size for an unsatisfiable range', async () => {
    const res = await fetchRaw(url(), { headers: { range: 'bytes=999999999-' } });
    expect(res.status).toBe(416);
    expect(res.headers['content-range']).toMatch(/^bytes \*\/\d+$/);
  });
});

describe('HLS', () => {
  it('has a master with two variants and relative URIs', async () => {
    const res = await fetchRaw(`${sb.baseUrl}/cdn/hls/sample/master.m3u8`);
    const text = res.body.toString();
    expect(text.match(/#EXT-X-STREAM-INF:BANDWIDTH=\d+,RESOLUTION=\d+x\d+/g)).toHaveLength(2);
    expect(text).toContain('\n360p/index.m3u8');
    expect(text).toContain('\n240p/index.m3u8');
  });

  it('serves real TS segments, absolute URIs keep the fault segment', async () => {
    const res = await fetchRaw(`${sb.baseUrl}/cdn/_f/latency=1/hls-abs/sample/360p/index.m3u8`);
    const uris = res.body
      .toString()
      .split('\n')
      .filter((l) => l.startsWith('http'));
    expect(uris).toHaveLength(12);
    expect(uris[0]).toBe(`${sb.baseUrl}/cdn/_f/latency=1/hls-abs/sample/360p/seg_000.ts`);
    const seg = await fetchRaw(uris[0]);
    expect(seg.body[0]).toBe(0x47);
    expect(seg.body[188]).toBe(0x47);
  });

  it('encrypts with AES-128 and an explicit IV', async () => {
    const playlist = (
      await fetchRaw(`${sb.baseUrl}/cdn/hls-aes/sample/240p/index.m3u8`)
    ).body.toString();
    const m = /#EXT-X-KEY:METHOD=AES-128,URI="([^"]+)",IV=0x([0-9a-f]{32})/.exec(playlist);
    expect(m).not.toBeNull();
    const key = (await fetchRaw(m?.[1] ?? '')).body;
    expect(key).toHaveLength(16);
    const enc = (await fetchRaw(`${sb.baseUrl}/cdn/hls-aes/sample/240p/seg_003.ts`)).body;
    expect(enc[0] === 0x47 && enc[188] === 0x47).toBe(false);
    const plain = decrypt(enc, key, Buffer.from(m?.[2] ?? '', 'hex'));
    expect(plain[0]).toBe(0x47);
    expect(plain[188]).toBe(0x47);
  });

  it('encrypts with the media sequence number as IV when the IV attribute is absent', async () => {
    const base = `${sb.baseUrl}/cdn/hls-aes-seq/sample/240p/`;
    const playlist = (await fetchRaw(`${base}index.m3u8`)).body.toString();
    expect(playlist).toContain(`#EXT-X-MEDIA-SEQUENCE:${AES_SEQ_FIRST_SEQUENCE}`);
    const keyUri = /URI="([^"]+)"/.exec(playlist)?.[1] ?? '';
    expect(playlist).not.toMatch(/IV=/);
    const key = (await fetchRaw(new URL(keyUri, base).toString())).body;
    const enc = (await fetchRaw(`${base}seg_002.ts`)).body;
    const iv = Buffer.alloc(16);
    iv.writeUInt32BE(AES_SEQ_FIRST_SEQUENCE + 2, 12);
    const plain = decrypt(enc, key, iv);
    expect(plain[0]).toBe(0x47);
    expect(plain[376]).toBe(0x47);
  });

  it('serves a BYTERANGE playlist over one file', async () => {
    const base = `${sb.baseUrl}/cdn/hls-range/sample/360p/`;
    const playlist = (await fetchRaw(`${base}index.m3u8`)).body.toString();
    const ranges = [...playlist.matchAll(/#EXT-X-BYTERANGE:(\d+)@(\d+)\nsingle\.ts/g)];
    expect(ranges.length).toBe(12);
    const [len, off] = [Number(ranges[5][1]), Number(ranges[5][2])];
    const part = await fetchRaw(`${base}single.ts`, {
      headers: { range: `bytes=${off}-${off + len - 1}` },
    });
    expect(part.status).toBe(206);
    expect(part.body.length).toBe(len);
    expect(part.body[0]).toBe(0x47);
  });

  it('counts requests and bytes per path', async () => {
    sb.resetStats();
    const res = await fetchRaw(`${sb.baseUrl}/cdn/hls/sample/240p/seg_000.ts`);
    const stats = sb.stats();
    expect(stats.requests).toBe(1);
    expect(stats.by_path['/cdn/hls/sample/240p/seg_000.ts']).toEqual({
      requests: 1,
      bytes: res.body.length,
    });
    const http = JSON.parse((await fetchRaw(`${sb.baseUrl}/_sandbox/stats`)).body.toString());
    expect(http.bytes_served).toBe(res.body.length);
  });
});
