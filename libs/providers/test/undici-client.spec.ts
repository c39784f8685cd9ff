import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gzipSync } from 'node:zlib';
import { UndiciHttpClient } from '../src';

describe('UndiciHttpClient (loopback)', () => {
  let server: Server;
  let base: string;
  const client = new UndiciHttpClient();

  beforeAll(async () => {
    server = createServer((req, res) => {
      const url = new URL(req.url ?? '/', 'http://x');
      if (url.pathname === '/redirect') {
        res.writeHead(302, { location: '/target?from=redirect' }).end();
      } else if (url.pathname === '/target') {
        res.end(
          `target ${url.search} ua=${req.headers['user-agent']} ref=${req.headers['referer']}`,
        );
      } else if (url.pathname === '/post') {
        let body = '';
        req.on('data', (c: Buffer) => (body += c.toString()));
        req.on('end', () => res.end(`${req.method} ${req.headers['content-type']} ${body}`));
      } else if (url.pathname === '/gzip') {
        res.writeHead(200, { 'content-encoding': 'gzip' }).end(gzipSync('Grüße'));
      } else {
        res.writeHead(404, { 'x-multi': ['a', 'b'] }).end('missing');
      }
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    await client.close();
    await new Promise((resolve) => server.close(resolve));
  });

  it('returns a 3xx with its Location when redirects are not followed', async () => {
    const res = await client.get(`${base}/redirect`, { followRedirects: false });
    expect(res.status).toBe(302);
    expect(res.headers['location']).toBe('/target?from=redirect');
  });

  it('follows relative redirects and reports the final URL', async () => {
    const res = await client.get(`${base}/redirect`, {
      headers: { 'user-agent': 'UA/1', referer: 'http://r/' },
    });
    expect(res.status).toBe(200);
    expect(res.url).toBe(`${base}/target?from=redirect`);
    expect(res.body).toBe('target ?from=redirect ua=UA/1 ref=http://r/');
  });

  it('sends form posts', async () => {
    const res = await client.post(`${base}/post`, { keyword: 'Mädchen & Co' });
    expect(res.body).toBe('POST application/x-www-form-urlencoded keyword=M%C3%A4dchen+%26+Co');
  });

  it('decodes gzip bodies as UTF-8', async () => {
    expect((await client.get(`${base}/gzip`)).body).toBe('Grüße');
  });

  it('returns error statuses instead of throwing, with lower-case joined headers', async () => {
    const res = await client.get(`${base}/nothing`);
    expect(res.status).toBe(404);
    expect(res.headers['x-multi']).toBe('a, b');
  });

  it('HEAD follows redirects too', async () => {
    const res = await client.head(`${base}/redirect`);
    expect(res.url).toBe(`${base}/target?from=redirect`);
    expect(res.body).toBe('');
  });

  it('aborts with the signal', async () => {
    const controller = new AbortController();
    controller.abort();
    await expect(client.get(`${base}/target`, { signal: controller.signal })).rejects.toThrow();
  });
});
