import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Route {
  body: Buffer;
  ranges?: boolean;
  status?: number;
  contentType?: string;
  /** Range requests that do not start at byte 0 are answered 503 this many times (Infinity: always). */
  failBackPieces?: number;
}

/** A minimal 127.0.0.1 file server for engine tests that need no fault injection. */
export class LocalServer {
  readonly routes = new Map<string, Route>();
  bytesServed = 0;
  requests: { path: string; range?: string }[] = [];
  private server: Server | null = null;
  baseUrl = '';

  async start(): Promise<this> {
    this.server = createServer((req, res) => this.handle(req, res));
    await new Promise<void>((r) => this.server?.listen(0, '127.0.0.1', r));
    this.baseUrl = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise<void>((r) => this.server?.close(() => r()));
  }

  private handle(req: IncomingMessage, res: ServerResponse): void {
    const path = (req.url ?? '/').split('?')[0];
    this.requests.push({ path, range: req.headers.range });
    const route = this.routes.get(path);
    if (!route) {
      res.writeHead(404).end();
      return;
    }
    if (route.status) {
      res.writeHead(route.status).end();
      return;
    }
    const type = { 'content-type': route.contentType ?? 'application/octet-stream' };
    const m = /^bytes=(\d+)-(\d*)$/.exec(req.headers.range ?? '');
    if (m && Number(m[1]) > 0 && (route.failBackPieces ?? 0) > 0) {
      route.failBackPieces = (route.failBackPieces ?? 0) - 1;
      res.writeHead(503).end();
      return;
    }
    let body = route.body;
    if (route.ranges !== false && m) {
      const start = Number(m[1]);
      const end = m[2] ? Math.min(Number(m[2]), body.length - 1) : body.length - 1;
      body = body.subarray(start, end + 1);
      res.writeHead(206, {
        ...type,
        'accept-ranges': 'bytes',
        'content-range': `bytes ${start}-${end}/${route.body.length}`,
        'content-length': body.length,
      });
    } else {
      res.writeHead(200, {
        ...type,
        'content-length': body.length,
        ...(route.ranges !== false ? { 'accept-ranges': 'bytes' } : {}),
      });
    }
    this.bytesServed += req.method === 'HEAD' ? 0 : body.length;
    res.end(req.method === 'HEAD' ? undefined : body);
  }
}

/** Bytes that look like MPEG-TS (sync byte every 188) but are random otherwise. */
export function fakeTs(packets: number, seed: number): Buffer {
  const buf = Buffer.alloc(188 * packets);
  let x = seed;
  for (let i = 0; i < buf.length; i++) {
    x = (x * 1103515245 + 12345) & 0x7fffffff;
    buf[i] = i % 188 === 0 ? 0x47 : x & 0xff;
  }
  return buf;
}
