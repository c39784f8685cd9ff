import { gunzipSync, inflateSync, brotliDecompressSync } from 'node:zlib';
import { Agent, request, type Dispatcher } from 'undici';
import { BaseHttpClient, type HttpRequest, type HttpResponse } from './http-client';

const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);

export interface UndiciHttpClientOptions {
  /** Reused across requests for keep-alive; created when omitted. */
  dispatcher?: Dispatcher;
  maxRedirects?: number;
  /** Per request, headers to body end. */
  timeoutMs?: number;
}

/** The default HttpClient: undici with a keep-alive Agent, redirects followed by hand. */
export class UndiciHttpClient extends BaseHttpClient {
  private readonly dispatcher: Dispatcher;
  private readonly ownsDispatcher: boolean;
  private readonly maxRedirects: number;
  private readonly timeoutMs: number;

  constructor(options: UndiciHttpClientOptions = {}) {
    super();
    this.ownsDispatcher = !options.dispatcher;
    this.dispatcher =
      options.dispatcher ?? new Agent({ keepAliveTimeout: 10_000, connections: 16 });
    this.maxRedirects = options.maxRedirects ?? 10;
    this.timeoutMs = options.timeoutMs ?? 30_000;
  }

  async send(req: HttpRequest): Promise<HttpResponse> {
    let url = req.url;
    let method = req.method;
    let body = req.body;
    for (let hop = 0; ; hop++) {
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
    const raw = Buffer.from(await res.body.arrayBuffer());
    const flat: Record<string, string> = {};
    for (const [k, v] of Object.entries(res.headers)) {
      if (v !== undefined) flat[k.toLowerCase()] = Array.isArray(v) ? v.join(', ') : v;
    }
    return {
      status: res.statusCode,
      headers: flat,
      body: decode(raw, flat['content-encoding']),
      url,
    };
  }
}

function decode(raw: Buffer, encoding: string | undefined): string {
  if (raw.length === 0) return '';
  try {
    if (encoding === 'gzip' || encoding === 'x-gzip') return gunzipSync(raw).toString('utf8');
    if (encoding === 'deflate') return inflateSync(raw).toString('utf8');
    if (encoding === 'br') return brotliDecompressSync(raw).toString('utf8');
  } catch {
    // A mislabelled body is still worth a look as text.
  }
  return raw.toString('utf8');
}
