import type { IncomingMessage } from 'node:http';

/** A byte range of a file on disk; `end` is inclusive, as in Content-Range. */
export interface FileBody {
  file: string;
  start: number;
  end: number;
}

export type HeaderValue = string | number | string[];

/** What a handler answers; the delivery layer applies faults, HEAD and accounting. */
export interface Reply {
  status: number;
  headers?: Record<string, HeaderValue>;
  body?: Buffer | string | FileBody;
  /** Media segment: eligible for the `gzip` and `fakeHeader` faults. */
  segment?: boolean;
}

export interface RequestContext {
  req: IncomingMessage;
  method: string;
  /** Path below the mount prefix with `_f/<spec>` and `_g/<guard>` segments removed; starts with '/'. */
  path: string;
  /** The request path before `path`, e.g. `/cdn/_f/latency=5` — keeps fault segments in built URIs. */
  mount: string;
  query: URLSearchParams;
  /** Capture groups of the matched route pattern. */
  params: string[];
  /** Public origin of the sandbox, e.g. `http://127.0.0.1:8090`. */
  origin: string;
  /** Host header as sent (used by VOE's rotating-domain hop). */
  host: string;
  guard: string | undefined;
  header(name: string): string | undefined;
  readBody(): Promise<Buffer>;
}

export type Handler = (ctx: RequestContext) => Reply | Promise<Reply>;

export interface Route {
  /** GET routes also answer HEAD. */
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  pattern: RegExp;
  handler: Handler;
}

export function html(body: string, status = 200, headers: Record<string, HeaderValue> = {}): Reply {
  return { status, headers: { 'content-type': 'text/html; charset=utf-8', ...headers }, body };
}

export function json(
  value: unknown,
  status = 200,
  headers: Record<string, HeaderValue> = {},
): Reply {
  return {
    status,
    headers: { 'content-type': 'application/json; charset=utf-8', ...headers },
    body: JSON.stringify(value),
  };
}

export function text(body: string, status = 200, contentType = 'text/plain; charset=utf-8'): Reply {
  return { status, headers: { 'content-type': contentType }, body };
}

export function redirect(location: string, status = 302): Reply {
  return { status, headers: { location, 'content-type': 'text/html; charset=utf-8' }, body: '' };
}

export function notFound(message = 'Not Found'): Reply {
  return text(message, 404);
}

export function escapeHtml(value: string): string {
  return value
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#039;');
}
