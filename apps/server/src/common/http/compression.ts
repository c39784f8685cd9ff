import type { NextFunction, Request, Response } from 'express';
import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';

export type ContentEncoding = 'br' | 'gzip';

const brotli = promisify(brotliCompress);
const gzipped = promisify(gzip);

/**
 * The encoding to answer with, from an `Accept-Encoding` header: brotli when the client takes it
 * at least as gladly as gzip, else gzip, else none. `q=0` refuses; `*` stands for both.
 */
export function negotiateEncoding(header: string | undefined): ContentEncoding | null {
  if (!header) return null;
  const q: Record<string, number> = {};
  for (const part of header.split(',')) {
    const [name, ...params] = part.trim().toLowerCase().split(';');
    if (!name) continue;
    const qParam = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    const value = qParam ? Number(qParam.slice(2)) : 1;
    q[name] = Number.isFinite(value) ? value : 0;
  }
  const of = (name: ContentEncoding) => q[name] ?? q['*'] ?? 0;
  const br = of('br');
  const gz = of('gzip');
  if (br > 0 && br >= gz) return 'br';
  if (gz > 0) return 'gzip';
  return null;
}

/**
 * Compresses `body`. `effort` is 'max' for files compressed once and kept (brotli 11, gzip 9),
 * 'fast' for a response compressed on every request (brotli 4, gzip 6: a fraction of the CPU, a
 * few per cent larger). Runs on libuv's thread pool, not the event loop.
 */
export function compress(
  body: Buffer,
  encoding: ContentEncoding,
  effort: 'max' | 'fast',
): Promise<Buffer> {
  if (encoding === 'gzip') return gzipped(body, { level: effort === 'max' ? 9 : 6 });
  return brotli(body, {
    params: {
      [constants.BROTLI_PARAM_QUALITY]: effort === 'max' ? 11 : 4,
      [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT,
      [constants.BROTLI_PARAM_SIZE_HINT]: body.length,
    },
  });
}

/** Adds `Accept-Encoding` to the response's `Vary`, once. */
export function varyOnEncoding(res: Response): void {
  const vary = res.getHeader('Vary');
  const current = typeof vary === 'string' ? vary : Array.isArray(vary) ? vary.join(', ') : '';
  if (/(^|,)\s*(accept-encoding|\*)\s*(,|$)/i.test(current)) return;
  res.setHeader('Vary', current ? `${current}, Accept-Encoding` : 'Accept-Encoding');
}

/** JSON bodies smaller than this go out as they are: compressing them saves next to nothing. */
export const JSON_COMPRESSION_THRESHOLD = 1024;

const JSON_TYPE = /^application\/([a-z0-9.+-]*\+)?json\b/i;

/**
 * Compresses JSON answered through `res.send`/`res.json` (every API response and error of the
 * Nest controllers) above {@link JSON_COMPRESSION_THRESHOLD} bytes, brotli or gzip as the client
 * accepts. Streams (`pipe`, `sendFile`: the STRM proxy, downloads, covers), Socket.IO (which
 * answers on the HTTP server itself) and anything that is not JSON are never touched.
 */
export function jsonCompression(threshold = JSON_COMPRESSION_THRESHOLD) {
  return (req: Request, res: Response, next: NextFunction): void => {
    const encoding = negotiateEncoding(req.headers['accept-encoding']);
    const send = res.send.bind(res);
    res.send = (body?: unknown): Response => {
      const end = res.end.bind(res) as (chunk?: unknown, enc?: BufferEncoding) => Response;
      // Express's send settles the type, the ETag (weak: it stays right for every encoding),
      // a 304 and HEAD, then ends with the whole body: that last step is where it is compressed.
      res.end = ((chunk?: unknown, enc?: BufferEncoding) => {
        res.end = end as Response['end'];
        const type = String(res.getHeader('Content-Type') ?? '');
        const size =
          typeof chunk === 'string'
            ? Buffer.byteLength(chunk, enc)
            : Buffer.isBuffer(chunk)
              ? chunk.length
              : 0;
        if (!JSON_TYPE.test(type) || size < threshold || res.getHeader('Content-Encoding'))
          return end(chunk, enc);
        varyOnEncoding(res);
        if (!encoding || req.method === 'HEAD' || res.statusCode === 304 || res.statusCode === 204)
          return end(chunk, enc);
        const raw = typeof chunk === 'string' ? Buffer.from(chunk, enc) : (chunk as Buffer);
        compress(raw, encoding, 'fast').then(
          (compressed) => {
            res.setHeader('Content-Encoding', encoding);
            res.setHeader('Content-Length', compressed.length);
            end(compressed);
          },
          () => end(raw),
        );
        return res;
      }) as Response['end'];
      return send(body);
    };
    next();
  };
}
