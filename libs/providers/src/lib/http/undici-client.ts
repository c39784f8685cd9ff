import { brotliDecompress, gunzip, inflate } from 'node:zlib';
import { promisify } from 'node:util';
import { Agent, request, type Dispatcher } from 'undici';
import { ResponseTooLarge } from '../errors';
import { BaseHttpClient, type HttpRequest, type HttpResponse } from './http-client';

const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);

/** Pages are a few hundred KB; 5 MiB leaves room for a large catalog and stops a hostile body. */
export const DEFAULT_MAX_BODY_BYTES = 5 * 1024 * 1024;

// The asynchronous zlib calls run on the thread pool, so inflating never blocks the event loop;
// `maxOutputLength` stops a gzip bomb once the limit is passed instead of after it exploded.
const INFLATERS: Record<
  string,
  (buf: Buffer, opts: { maxOutputLength: number }) => Promise<Buffer>
> = {
  gzip: promisify(gunzip),
  'x-gzip': promisify(gunzip),
  deflate: promisify(inflate),
  br: promisify(brotliDecompress),
};

export interface UndiciHttpClientOptions {
  /** Reused across requests for keep-alive; created when omitted. */
  dispatcher?: Dispatcher;
  maxRedirects?: number;
  /** Idle limit: for the headers, and between two body chunks. The overall deadline is the politeness layer's. */
  timeoutMs?: number;
  /** Largest body accepted, on the wire and once inflated. Default {@link DEFAULT_MAX_BODY_BYTES}. */
  maxBodyBytes?: number;
}

/** The default HttpClient: undici with a keep-alive Agent, redirects followed by hand. */
export class UndiciHttpClient extends BaseHttpClient {
  private readonly dispatcher: Dispatcher;
  private readonly ownsDispatcher: boolean;
  private readonly maxRedirects: number;
  private readonly timeoutMs: number;
  private readonly maxBodyBytes: number;

  constructor(options: UndiciHttpClientOptions = {}) {
    super();
    this.ownsDispatcher = !options.dispatcher;
    this.dispatcher =
      options.dispatcher ?? new Agent({ keepAliveTimeout: 10_000, connections: 16 });
    this.maxRedirects = options.maxRedirects ?? 10;
    this.timeoutMs = options.timeoutMs ?? 30_000;
    this.maxBodyBytes = options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  }

  async send(req: HttpRequest): Promise<HttpResponse> {
    let url = req.url;
    let method = req.method;
    let body = req.body;
    for (let hop = 0; ; hop++) {
      if (req.checkUrl) await req.checkUrl(url);
      const res = await this.once(url, method, req.headers ?? {}, body, req.signal);
      const location = res.headers['location'];
      if (req.followRedirects === false || !REDIRECT_STATUSES.has(res.status) || !location) {
        return res;
      }
      if (hop >= this.maxRedirects) return res;
      url = new URL(location, url).toString();
      if (res.status === 303 || ((res.status === 301 || res.status === 302) && method === 'POST')) {
        method = 'GET';
        body = undefined;
      }
    }
  }

  async close(): Promise<void> {
    if (this.ownsDispatcher) await this.dispatcher.close();
  }

  private async once(
    url: string,
    method: HttpRequest['method'],
    headers: Record<string, string>,
    body: string | undefined,
    signal: AbortSignal | undefined,
  ): Promise<HttpResponse> {
    const res = await request(url, {
      method,
      headers,
      body,
      signal,
      dispatcher: this.dispatcher,
      headersTimeout: this.timeoutMs,
      bodyTimeout: this.timeoutMs,
    });
    const flat: Record<string, string> = {};
    for (const [k, v] of Object.entries(res.headers)) {
      if (v !== undefined) flat[k.toLowerCase()] = Array.isArray(v) ? v.join(', ') : v;
    }
    const raw = await this.readCapped(res.body, url, Number(flat['content-length']));
    return {
      status: res.statusCode,
      headers: flat,
      body: await this.decode(raw, flat['content-encoding'], url),
      url,
    };
  }

  /** Reads the body, counting while it streams; past the limit the connection is dropped. */
  private async readCapped(
    stream: Dispatcher.ResponseData['body'],
    url: string,
    declared: number,
  ): Promise<Buffer> {
    const limit = this.maxBodyBytes;
    const tooLarge = (): ResponseTooLarge => {
      stream.destroy();
      return new ResponseTooLarge(url, limit, 'body');
    };
    if (Number.isFinite(declared) && declared > limit) throw tooLarge();
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      size += chunk.length;
      if (size > limit) throw tooLarge();
      chunks.push(chunk);
    }
    return Buffer.concat(chunks, size);
  }

  private async decode(raw: Buffer, encoding: string | undefined, url: string): Promise<string> {
    if (raw.length === 0) return '';
    const inflater = encoding ? INFLATERS[encoding.trim().toLowerCase()] : undefined;
    if (!inflater) return raw.toString('utf8');
    try {
      return (await inflater(raw, { maxOutputLength: this.maxBodyBytes })).toString('utf8');
    } catch (error) {
      if ((error as { code?: unknown }).code === 'ERR_BUFFER_TOO_LARGE')
        throw new ResponseTooLarge(url, this.maxBodyBytes, 'inflated');
      // A mislabelled body is still worth a look as text.
      return raw.toString('utf8');
    }
  }
}
