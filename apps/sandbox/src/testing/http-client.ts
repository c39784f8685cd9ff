import { Agent, request, type IncomingHttpHeaders } from 'node:http';

export interface RawResponse {
  status: number;
  headers: IncomingHttpHeaders;
  body: Buffer;
  /** Set when the connection broke before the body was complete. */
  aborted: boolean;
  reusedSocket: boolean;
}

export interface RawRequest {
  method?: string;
  headers?: Record<string, string>;
  body?: string;
  agent?: Agent;
}

/** Minimal client for tests: no redirects followed, no decompression, reports aborted bodies. */
export function fetchRaw(url: string, opts: RawRequest = {}): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const req = request(
      url,
      { method: opts.method ?? 'GET', headers: opts.headers, agent: opts.agent },
      (res) => {
        const parts: Buffer[] = [];
        let aborted = false;
        res.on('data', (c: Buffer) => parts.push(c));
        res.on('aborted', () => {
          aborted = true;
        });
        const finish = (): void =>
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            body: Buffer.concat(parts),
            aborted: aborted || !res.complete,
            reusedSocket: req.reusedSocket,
          });
        res.on('end', finish);
        res.on('error', finish);
        res.on('close', () => {
          if (!res.complete) finish();
        });
      },
    );
    req.on('error', reject);
    if (opts.body) req.write(opts.body);
    req.end();
  });
}
