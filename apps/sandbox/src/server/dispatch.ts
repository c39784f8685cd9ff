import type { IncomingMessage, ServerResponse } from 'node:http';
import { challengeReply, expiredReply } from '../challenge/challenge-pages';
import { deliver, type Timing } from './deliver';
import { FaultSpecError, parseFaultSpec, type FaultSpec, type FaultState } from './faults';
import { text, type Reply, type RequestContext, type Route } from './http-types';
import type { StatsRecorder } from './stats';

export interface DispatchDeps {
  mounts: Map<string, Route[]>;
  faults: FaultState;
  stats: StatsRecorder;
  timing: Timing;
  origin(): string;
}

const MAX_BODY = 1024 * 1024;

interface ParsedPath {
  prefix: string;
  mount: string;
  rest: string;
  pathFaults: string | undefined;
  guard: string | undefined;
}

/** Splits `/cdn/_f/<spec>/_g/voe/hls/...` into the prefix, the control segments and the rest. */
function splitPath(pathname: string): ParsedPath {
  const segments = pathname.split('/').slice(1);
  const prefix = segments.shift() ?? '';
  const mountParts = [prefix];
  let pathFaults: string | undefined;
  let guard: string | undefined;
  while (segments.length >= 2 && (segments[0] === '_f' || segments[0] === '_g')) {
    const [kind, value] = segments.splice(0, 2);
    mountParts.push(kind, value);
    if (kind === '_f') pathFaults = decodeURIComponent(value);
    else guard = value;
  }
  return {
    prefix,
    mount: `/${mountParts.join('/')}`,
    rest: `/${segments.join('/')}`,
    pathFaults,
    guard,
  };
}

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const parts: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY) {
        reject(new Error('request body too large'));
        req.destroy();
      } else parts.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(parts)));
    req.on('error', reject);
  });
}

function findRoute(
  routes: Route[],
  method: string,
  path: string,
): { route: Route; params: string[] } | 'method' | undefined {
  let methodMismatch = false;
  for (const route of routes) {
    const m = route.pattern.exec(path);
    if (!m) continue;
    if (route.method === method || (route.method === 'GET' && method === 'HEAD')) {
      return { route, params: m.slice(1).map((p) => p ?? '') };
    }
    methodMismatch = true;
  }
  return methodMismatch ? 'method' : undefined;
}

/** Decides the request-level faults; returns the reply that replaces the handler's, if any. */
function requestFault(faults: FaultSpec, state: FaultState, path: string): Reply | undefined {
  if (faults.challenge) return challengeReply(faults.challenge);
  if (faults.expired) return expiredReply();
  if (faults.failFirst !== undefined) {
    if (state.next('failFirst', path, faults) < faults.failFirst) {
      return text(`injected failure (failFirst=${faults.failFirst})`, faults.status ?? 503);
    }
  } else if (faults.status !== undefined) {
    return text(`injected status ${faults.status}`, faults.status);
  }
  return undefined;
}

export function createDispatcher(deps: DispatchDeps) {
  return async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const url = new URL(req.url ?? '/', 'http://sandbox.invalid');
    const parsed = splitPath(url.pathname);
    const method = (req.method ?? 'GET').toUpperCase();
    const routes = deps.mounts.get(parsed.prefix);
    const counted = parsed.prefix !== '_sandbox';
    if (counted) deps.stats.request(url.pathname);
    const onBytes = (n: number): void => {
      if (counted) deps.stats.bytesSent(url.pathname, n);
    };

    let faults: FaultSpec;
    try {
      faults = {
        ...deps.faults.forPath(`${parsed.prefix}${parsed.rest}`),
        ...(parsed.pathFaults ? parseFaultSpec(parsed.pathFaults) : {}),
        ...(url.searchParams.get('fault')
          ? parseFaultSpec(url.searchParams.get('fault') ?? '')
          : {}),
      };
    } catch (err) {
      if (!(err instanceof FaultSpecError)) throw err;
      await deliver(res, text(err.message, 400), {
        faults: {},
        timing: deps.timing,
        dropActive: false,
        head: false,
        onBytes,
      });
      return;
    }

    if (faults.latency) await deps.timing.pause(faults.latency, res);
    const faultKey = `${parsed.prefix}${parsed.rest}`;
    let reply = routes ? requestFault(faults, deps.faults, faultKey) : undefined;
    if (!reply) {
      const found = routes ? findRoute(routes, method, parsed.rest) : undefined;
      if (found === undefined) reply = text('Not Found', 404);
      else if (found === 'method') reply = text('Method Not Allowed', 405);
      else {
        const ctx: RequestContext = {
          req,
          method,
          path: parsed.rest,
          mount: parsed.mount,
          query: url.searchParams,
          params: found.params,
          origin: deps.origin(),
          host: req.headers.host ?? '',
          guard: parsed.guard,
          header: (name) => {
            const v = req.headers[name.toLowerCase()];
            return Array.isArray(v) ? v.join(', ') : v;
          },
          readBody: () => readBody(req),
        };
        try {
          reply = await found.route.handler(ctx);
        } catch (err) {
          reply = text(`sandbox error: ${err instanceof Error ? err.message : String(err)}`, 500);
        }
      }
    }
    const dropActive =
      faults.drop !== undefined &&
      (faults.dropFirst === undefined ||
        deps.faults.next('dropFirst', faultKey, faults) < faults.dropFirst);
    await deliver(res, reply, {
      faults,
      timing: deps.timing,
      dropActive,
      head: method === 'HEAD',
      onBytes,
    });
  };
}
