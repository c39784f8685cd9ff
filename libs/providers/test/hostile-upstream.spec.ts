import { createServer, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import {
  PoliteHttpClient,
  ResponseTooLarge,
  UndiciHttpClient,
  UpstreamTimeout,
  type HttpResponse,
} from '../src';

const MiB = 1024 * 1024;

/** A gzip bomb without the cost of compressing it: gzip members concatenate, and gunzip reads them all. */
function gzipBomb(inflatedMiB: number): Buffer {
  const member = gzipSync(Buffer.alloc(MiB), { level: 9 });
  return Buffer.concat(Array.from({ length: inflatedMiB }, () => member));
}

/** Writes `total` bytes of filler as fast as the client reads; stops when the client hangs up. */
async function stream(res: ServerResponse, total: number): Promise<void> {
  const chunk = Buffer.alloc(64 * 1024, 'a');
  for (let sent = 0; sent < total && !res.destroyed; sent += chunk.length) {
    if (!res.write(chunk))
      await new Promise<void>((resolve) => {
        const done = (): void => {
          res.off('drain', done);
          res.off('close', done);
          resolve();
        };
        res.on('drain', done);
        res.on('close', done);
      });
  }
  res.end();
}

describe('hostile upstreams', () => {
  let server: Server;
  let base: string;
  const open = new Set<ServerResponse>();
  let bombGzip: Buffer;
  let bombBr: Buffer;

  beforeAll(async () => {
    bombGzip = gzipBomb(1024); // 1 GiB inflated, about 1 MB on the wire
    bombBr = brotliCompressSync(Buffer.alloc(64 * MiB), {
      params: { [constants.BROTLI_PARAM_QUALITY]: 4 },
    });
    server = createServer((req, res) => {
      open.add(res);
      res.on('close', () => open.delete(res));
      const path = new URL(req.url ?? '/', 'http://x').pathname;
      if (path === '/huge') {
        // 200 MB, chunked: no Content-Length to refuse it by.
        res.writeHead(200, { 'content-type': 'text/html' });
        void stream(res, 200 * MiB);
      } else if (path === '/declared') {
        res.writeHead(200, { 'content-length': String(200 * MiB) });
        void stream(res, 200 * MiB);
      } else if (path === '/bomb') {
        res.writeHead(200, { 'content-encoding': 'gzip' }).end(bombGzip);
      } else if (path === '/bomb-br') {
        res.writeHead(200, { 'content-encoding': 'br' }).end(bombBr);
      } else if (path === '/drip') {
        // One byte every 50 ms, forever: never idle long enough for an idle timeout.
        res.writeHead(200, { 'content-type': 'text/html' });
        const timer = setInterval(() => res.write('.'), 50);
        res.on('close', () => clearInterval(timer));
      } else {
        res.end('<html>fine</html>');
      }
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    for (const res of open) res.destroy();
    await new Promise((resolve) => server.close(resolve));
  });

  describe('body size', () => {
    const client = new UndiciHttpClient({ maxBodyBytes: 5 * MiB });
    afterAll(() => client.close());

    it('stops reading a 200 MB page past the limit, with a typed error and bounded memory', async () => {
      const before = process.memoryUsage().rss;
      const error = await client.get(`${base}/huge`).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ResponseTooLarge);
      expect(error).toMatchObject({ code: 'UPSTREAM_ERROR', limit: 5 * MiB, stage: 'body' });
      // Far below the 200 MB the upstream meant to send.
      expect(process.memoryUsage().rss - before).toBeLessThan(100 * MiB);
    });

    it('refuses a declared Content-Length above the limit before reading', async () => {
      await expect(client.get(`${base}/declared`)).rejects.toBeInstanceOf(ResponseTooLarge);
    });

    it('inflates a 1 GiB gzip bomb only up to the limit', async () => {
      const before = process.memoryUsage().rss;
      const error = await client.get(`${base}/bomb`).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ResponseTooLarge);
      expect(error).toMatchObject({ stage: 'inflated' });
      expect(process.memoryUsage().rss - before).toBeLessThan(200 * MiB);
    });

    it('applies the same output limit to brotli', async () => {
      await expect(client.get(`${base}/bomb-br`)).rejects.toMatchObject({ stage: 'inflated' });
    });

    it('still reads ordinary pages', async () => {
      expect((await client.get(`${base}/fine`)).body).toBe('<html>fine</html>');
    });
  });

  describe('overall deadline', () => {
    it('ends four dripping pages by their deadline and then serves the site again', async () => {
      const raw = new UndiciHttpClient();
      const http = new PoliteHttpClient(raw, {
        requestsPerSecond: 0,
        maxConcurrent: 4,
        retries: 0,
        deadlineMs: 1_000,
      });
      try {
        const ended: string[] = [];
        const drips = [1, 2, 3, 4].map((n) =>
          http.get(`${base}/drip?n=${n}`).then(
            () => ended.push(`drip ${n} answered`),
            (e: unknown) => ended.push(e instanceof UpstreamTimeout ? 'drip timeout' : String(e)),
          ),
        );
        // All four slots are taken; this one has to wait for a dripper to give its slot back.
        const fine: Promise<HttpResponse> = http
          .get(`${base}/fine`)
          .finally(() => ended.push('fine'));
        const res = await fine;
        await Promise.all(drips);
        expect(res.status).toBe(200);
        expect(ended.filter((e) => e === 'drip timeout')).toHaveLength(4);
        // The waiting request got its slot only once a dripper was cut off.
        expect(ended.indexOf('fine')).toBeGreaterThan(ended.indexOf('drip timeout'));
        expect(http.load(`${base}/fine`)).toEqual({ active: 0, waiting: 0 });
      } finally {
        await raw.close();
      }
    });

    it('releases the slot and the queue place when the caller aborts', async () => {
      const raw = new UndiciHttpClient();
      const http = new PoliteHttpClient(raw, {
        requestsPerSecond: 0,
        maxConcurrent: 1,
        retries: 0,
        deadlineMs: 60_000,
      });
      try {
        const holder = new AbortController();
        const waiter = new AbortController();
        const first = http.get(`${base}/drip`, { signal: holder.signal }).catch((e: unknown) => e);
        const second = http.get(`${base}/fine`, { signal: waiter.signal }).catch((e: unknown) => e);
        expect(http.load(base + '/')).toEqual({ active: 1, waiting: 1 });
        waiter.abort();
        expect(await second).not.toBeInstanceOf(UpstreamTimeout);
        expect(http.load(base + '/')).toEqual({ active: 1, waiting: 0 });
        holder.abort();
        expect(await first).toMatchObject({ name: 'AbortError' });
        expect(http.load(base + '/')).toEqual({ active: 0, waiting: 0 });
        expect((await http.get(`${base}/fine`)).status).toBe(200);
      } finally {
        await raw.close();
      }
    });
  });
});
