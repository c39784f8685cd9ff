import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { type IncomingHttpHeaders, request as httpRequest } from 'node:http';
import { join } from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { startTestApp, type TestApp, tempDir } from '../../test/helpers/test-app';

interface Raw {
  status: number;
  headers: IncomingHttpHeaders;
  /** The bytes as they came over the wire (not decompressed). */
  body: Buffer;
}

/** One request with exactly these headers, the answer as sent (no client decompresses it). */
function raw(url: string, headers: Record<string, string> = {}, method = 'GET'): Promise<Raw> {
  return new Promise((done, fail) => {
    const req = httpRequest(url, { method, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () =>
        done({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }),
      );
      res.on('error', fail);
    });
    req.on('error', fail);
    req.end();
  });
}

const decoded = (res: Raw): string => {
  const encoding = res.headers['content-encoding'];
  if (encoding === 'br') return brotliDecompressSync(res.body).toString();
  if (encoding === 'gzip') return gunzipSync(res.body).toString();
  return res.body.toString();
};

const BROWSER = 'gzip, deflate, br, zstd';
const MAIN = `${'console.log("a build of the web app");\n'.repeat(400)}`;
const INDEX = `<!doctype html><html><head><script src="main-HFC3M5FO.js" type="module"></script></head><body><aw-root>${'<div class="skeleton"></div>'.repeat(60)}</aw-root></body></html>`;

describe('web app and API responses: compression and caching (HTTP)', () => {
  let t: TestApp;
  let dist: string;

  beforeAll(async () => {
    dist = tempDir('aniworld-web-dist-');
    writeFileSync(join(dist, 'index.html'), INDEX);
    writeFileSync(join(dist, 'main-HFC3M5FO.js'), MAIN);
    writeFileSync(join(dist, 'styles-GEIOPK3C.css'), `${'.a{color:red}\n'.repeat(200)}`);
    writeFileSync(
      join(dist, 'favicon.svg'),
      `<svg xmlns="http://www.w3.org/2000/svg">${' '.repeat(2000)}</svg>`,
    );
    mkdirSync(join(dist, 'media'));
    writeFileSync(join(dist, 'media', 'font-ABCDEFGH.woff2'), Buffer.alloc(4096, 7));
    t = await startTestApp({}, { webDistDir: dist });
  });
  afterAll(async () => {
    await t.close();
    rmSync(dist, { recursive: true, force: true });
  });

  it('sends hashed scripts brotli-compressed when accepted, gzip otherwise, plain to others; immutable', async () => {
    const url = `${t.url}/main-HFC3M5FO.js`;
    const br = await raw(url, { 'accept-encoding': BROWSER });
    expect(br.status).toBe(200);
    expect(br.headers['content-encoding']).toBe('br');
    expect(br.headers['content-type']).toMatch(/javascript/);
    expect(br.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(br.headers['vary']).toMatch(/Accept-Encoding/);
    expect(Number(br.headers['content-length'])).toBe(br.body.length);
    expect(br.body.length).toBeLessThan(MAIN.length / 10);
    expect(decoded(br)).toBe(MAIN);

    const gz = await raw(url, { 'accept-encoding': 'gzip' });
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(decoded(gz)).toBe(MAIN);
    // The representations differ, so their ETags do.
    expect(gz.headers['etag']).not.toBe(br.headers['etag']);

    const plain = await raw(url);
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body.toString()).toBe(MAIN);
    expect(plain.headers['cache-control']).toBe('public, max-age=31536000, immutable');

    const refused = await raw(url, { 'accept-encoding': 'br;q=0, gzip;q=0' });
    expect(refused.headers['content-encoding']).toBeUndefined();

    const css = await raw(`${t.url}/styles-GEIOPK3C.css`, { 'accept-encoding': BROWSER });
    expect(css.headers['content-encoding']).toBe('br');
    expect(css.headers['cache-control']).toBe('public, max-age=31536000, immutable');
  });

  it('sends index.html compressed for / and client routes, revalidated, and answers 304 when unchanged', async () => {
    for (const path of ['/', '/queue', '/series/some-series']) {
      const res = await raw(`${t.url}${path}`, { accept: 'text/html', 'accept-encoding': BROWSER });
      expect({ path, status: res.status }).toEqual({ path, status: 200 });
      expect(res.headers['content-encoding']).toBe('br');
      expect(res.headers['cache-control']).toBe('no-cache');
      expect(res.headers['content-type']).toMatch(/^text\/html/);
      expect(decoded(res)).toBe(INDEX);
    }
    const first = await raw(`${t.url}/`, { accept: 'text/html', 'accept-encoding': BROWSER });
    const again = await raw(`${t.url}/`, {
      accept: 'text/html',
      'accept-encoding': BROWSER,
      'if-none-match': String(first.headers['etag']),
    });
    expect(again.status).toBe(304);
    expect(again.body.length).toBe(0);

    // A new build replaces index.html in place: the next request gets the new one.
    const next = INDEX.replace('main-HFC3M5FO', 'main-ZZZZZZZZ').replace(
      '</body>',
      '<p>new</p></body>',
    );
    writeFileSync(join(dist, 'index.html'), next);
    const changed = await raw(`${t.url}/`, {
      accept: 'text/html',
      'accept-encoding': BROWSER,
      'if-none-match': String(first.headers['etag']),
    });
    expect(changed.status).toBe(200);
    expect(decoded(changed)).toBe(next);
  });

  it('revalidates unhashed files and leaves compressed formats as they are', async () => {
    const icon = await raw(`${t.url}/favicon.svg`, { 'accept-encoding': BROWSER });
    expect(icon.headers['cache-control']).toBe('no-cache');
    expect(icon.headers['content-encoding']).toBe('br');

    const font = await raw(`${t.url}/media/font-ABCDEFGH.woff2`, { 'accept-encoding': BROWSER });
    expect(font.status).toBe(200);
    expect(font.headers['content-encoding']).toBeUndefined();
    expect(font.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(font.body.length).toBe(4096);
  });

  it('answers HEAD without a body and keeps missing files and traversal out', async () => {
    const head = await raw(`${t.url}/main-HFC3M5FO.js`, { 'accept-encoding': BROWSER }, 'HEAD');
    expect(head.status).toBe(200);
    expect(head.headers['content-encoding']).toBe('br');
    expect(head.body.length).toBe(0);
    expect((await raw(`${t.url}/chunk-MISSING1.js`, { 'accept-encoding': BROWSER })).status).toBe(
      404,
    );
    expect(
      (await raw(`${t.url}/..%2f..%2fetc%2fpasswd`, { 'accept-encoding': BROWSER })).status,
    ).toBe(404);
  });

  it('compresses JSON answers above 1 KB, not small ones', async () => {
    const token = await t.setUp();
    const auth = { authorization: `Bearer ${token}` };
    const config = await raw(`${t.url}/api/config`, { ...auth, 'accept-encoding': BROWSER });
    expect(config.status).toBe(200);
    expect(config.headers['content-encoding']).toBe('br');
    expect(config.headers['vary']).toMatch(/Accept-Encoding/);
    expect(JSON.parse(decoded(config))).toMatchObject({ config: expect.any(Object) });

    const gz = await raw(`${t.url}/api/config`, { ...auth, 'accept-encoding': 'gzip' });
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(JSON.parse(decoded(gz))).toEqual(JSON.parse(decoded(config)));

    const plain = await raw(`${t.url}/api/config`, auth);
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(JSON.parse(plain.body.toString())).toEqual(JSON.parse(decoded(config)));

    const small = await raw(`${t.url}/api/auth/status`, { 'accept-encoding': BROWSER });
    expect(small.headers['content-encoding']).toBeUndefined();
    expect(JSON.parse(small.body.toString())).toMatchObject({ configured: true });
  });
});
