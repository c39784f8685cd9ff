import type * as Undici from 'undici';

/*
 * The engine needs three parts of undici: Agent, the request API and the redirect interceptor.
 * undici's index also loads fetch, WebSocket, caches, mocks and proxies — about 1 MB of code that
 * the CLI would compile on every start (≈ 55 ms, measured, of a download that takes 1.5 s on
 * loopback) — so these come straight from their modules. undici 7 publishes `lib/` without an
 * "exports" map; the types are undici's own.
 */
export const Agent = require('undici/lib/dispatcher/agent') as typeof Undici.Agent;
const requestApi = require('undici/lib/api/api-request') as (
  this: Undici.Dispatcher,
  opts: Undici.Dispatcher.RequestOptions,
) => Promise<Undici.Dispatcher.ResponseData>;
export const redirectInterceptor =
  require('undici/lib/interceptor/redirect') as typeof Undici.interceptors.redirect;

export type Agent = Undici.Agent;
export type { Dispatcher } from 'undici';

/** undici's `request(url, { dispatcher, … })`, for an explicit dispatcher. */
export function request(
  url: string,
  opts: {
    dispatcher: Undici.Dispatcher;
    method?: Undici.Dispatcher.HttpMethod;
    headers?: Record<string, string>;
    signal?: AbortSignal;
  },
): Promise<Undici.Dispatcher.ResponseData> {
  const u = new URL(url);
  return requestApi.call(opts.dispatcher, {
    origin: u.origin,
    path: `${u.pathname}${u.search}`,
    method: opts.method ?? 'GET',
    headers: opts.headers,
    signal: opts.signal,
  });
}
