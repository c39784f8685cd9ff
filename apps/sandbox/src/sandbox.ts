import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { cdnRoutes } from './cdn/cdn.routes';
import type { Clip, ClipOptions } from './media/clip-types';
import { SAMPLE_CLIP, ensureClip } from './media/clips';
import { controlRoutes } from './server/control.routes';
import { createDispatcher } from './server/dispatch';
import { realTiming, type Timing } from './server/deliver';
import { FaultState } from './server/faults';
import type { Route } from './server/http-types';
import { StatsRecorder, type SandboxStats } from './server/stats';
import { SandboxState } from './server/state';
import { siteMounts, SANDBOX_PREFIXES } from './mounts';
import { SANDBOX_CATALOG, publishEpisode } from './catalog/catalog';

export interface SandboxOptions {
  /** 0 (default) picks a free port. */
  port?: number;
  /** Media cache root (default SANDBOX_MEDIA_DIR or `<repo>/.sandbox-cache/media`). */
  mediaDir?: string;
  /** Initial per-prefix faults, e.g. `{ voe: 'status=500' }`. */
  faults?: Record<string, string>;
  /** Extra clips to generate (cached) and serve besides `sample`. */
  clips?: ClipOptions[];
  /** Origin used in absolute URLs the sandbox hands out; default `http://127.0.0.1:<port>`. */
  publicBaseUrl?: string;
  /** Clock for latency/ttfb/stall/rate; tests pass a virtual one. Default: real time. */
  timing?: Timing;
}

export interface Sandbox {
  /** `http://127.0.0.1:<port>` */
  readonly baseUrl: string;
  readonly port: number;
  /** Base URL per prefix: `{ aniworld: 'http://127.0.0.1:P/aniworld', … }`. */
  readonly urls: Readonly<Record<string, string>>;
  setFaults(prefix: string, spec: string): void;
  clearFaults(prefix?: string): void;
  faults(): Record<string, string>;
  stats(): SandboxStats;
  resetStats(): void;
  /** A new episode of a series comes out now (see `publishEpisode`); returns its number. */
  publishEpisode(slug: string): { season: number; episode: number };
  /** Serves an already generated clip (see `ensureClip`) under its name. */
  registerClip(clip: Clip): void;
  close(): Promise<void>;
}

export async function startSandbox(options: SandboxOptions = {}): Promise<Sandbox> {
  const clipOptions = [SAMPLE_CLIP, ...(options.clips ?? [])];
  const clips: Clip[] = [];
  // Sequential on purpose: parallel ffmpeg runs only fight over the same cores.
  for (const c of clipOptions)
    clips.push(await ensureClip({ ...c, mediaDir: c.mediaDir ?? options.mediaDir }));

  let origin = '';
  const state = new SandboxState(() => origin);
  for (const clip of clips) state.clips.set(clip.name, clip);
  const faults = new FaultState();
  for (const [prefix, spec] of Object.entries(options.faults ?? {})) faults.set(prefix, spec);
  const stats = new StatsRecorder();

  const mounts = new Map<string, Route[]>(siteMounts(state));
  mounts.set('cdn', cdnRoutes(state));
  mounts.set(
    '_sandbox',
    controlRoutes(faults, stats, () => SANDBOX_CATALOG, publishEpisode),
  );

  const dispatch = createDispatcher({
    mounts,
    faults,
    stats,
    timing: options.timing ?? realTiming,
    origin: () => origin,
  });
  const server: Server = createServer((req, res) => {
    dispatch(req, res).catch((err: unknown) => {
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'text/plain' });
      res.end(`sandbox error: ${err instanceof Error ? err.message : String(err)}`);
    });
  });
  server.keepAliveTimeout = 5000;

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  const baseUrl = `http://127.0.0.1:${port}`;
  origin = (options.publicBaseUrl ?? baseUrl).replace(/\/+$/, '');
  const urls = Object.fromEntries(SANDBOX_PREFIXES.map((p) => [p, `${baseUrl}/${p}`]));

  return {
    baseUrl,
    port,
    urls,
    setFaults: (prefix, spec) => faults.set(prefix, spec),
    clearFaults: (prefix) => faults.clear(prefix),
    faults: () => faults.snapshot(),
    stats: () => stats.snapshot(),
    resetStats: () => {
      stats.reset();
      faults.resetCounters();
    },
    publishEpisode,
    registerClip: (clip) => {
      state.clips.set(clip.name, clip);
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((err) => (err ? reject(err) : resolve()));
        server.closeAllConnections();
      }),
  };
}
