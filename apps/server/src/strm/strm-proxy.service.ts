import { Injectable, Logger, type OnModuleDestroy } from '@nestjs/common';
import type { Request, Response } from 'express';
import { pipeline } from 'node:stream/promises';
import { DomainError } from '../common/errors';
import { ConfigService } from '../config/config.service';
import { ProvidersService } from '../providers/providers.service';
import { ClientLimiter } from './client-limiter';
import {
  findStep,
  isPlaylistStep,
  isPlaylistText,
  playlistDurationSec,
  rewritePlaylist,
} from './hls-playlist';
import { PlaylistCache } from './playlist-cache';
import { type ResolvedEpisodeStream, ResolvedStreamsService } from './resolved-streams.service';
import { describeEpisode, type StrmEpisode } from './strm-episode';
import { StrmLinksService } from './strm-links.service';
import { StrmUpstream, type UpstreamMedia, UpstreamUnreachable } from './strm-upstream';
import { RangeNotSatisfiable, StreamUnavailable, TooManyStreams } from './errors/strm.errors';

/** Upstream answers that mean "this link is no good any more": re-resolve once (docs/strm.md). */
const RENEW_STATUSES = new Set([403, 404, 410, 429, 451]);
/** Upstream headers a client may see; everything else (cookies, hoster internals) stays here. */
const SAFE_HEADERS = [
  'content-type',
  'content-length',
  'content-range',
  'accept-ranges',
  'etag',
  'last-modified',
  'content-encoding',
];
const M3U8 = 'application/vnd.apple.mpegurl';
/**
 * Proxy URLs in a playlist expire after this, or after three times the playlist's duration when
 * that is longer: players fetch a VOD playlist once, so its URLs must outlast the playback,
 * pauses included. Every fetch of the playlist signs them anew (docs/strm.md, "Signed URLs").
 */
const PROXY_TTL_SEC = 6 * 3600;
const RANGE = /^bytes=\d*-\d*(\s*,\s*\d*-\d*)*$/;

/** Where a request stands: the resolution it uses and the upstream URL that gives its bytes. */
interface Source {
  entry: ResolvedEpisodeStream;
  url: string;
}

/**
 * The STRM proxy (docs/strm.md): `/strm/stream` resolves the episode a `.strm` file names and
 * serves it (MP4 with Range, or the HLS playlist rewritten through `/strm/proxy`), and
 * `/strm/proxy/<name>` serves what those playlists name. An upstream refusal (403/404/410/429/451)
 * or a lost connection renews the resolution once and retries, for segments as for the first
 * request. Bodies are streamed with backpressure; a client that hangs up ends the upstream
 * request; each client address has a limit of requests in flight.
 */
@Injectable()
export class StrmProxyService implements OnModuleDestroy {
  private readonly logger = new Logger(StrmProxyService.name);
  private readonly limiter = new ClientLimiter();
  private readonly playlists = new PlaylistCache();
  private readonly upstream: StrmUpstream;

  constructor(
    private readonly links: StrmLinksService,
    private readonly streams: ResolvedStreamsService,
    private readonly providers: ProvidersService,
    private readonly config: ConfigService,
  ) {
    this.upstream = new StrmUpstream((url) => this.providers.checkUrl(url));
  }

  /** Requests in flight and upstream bodies open (tests, the benchmark). */
  load(): { requests: number; upstreamBodies: number } {
    return { requests: this.limiter.total, upstreamBodies: this.upstream.open };
  }

  async onModuleDestroy(): Promise<void> {
    await this.upstream.close();
  }

  /** `GET|HEAD /strm/stream?site&key&s&e&lang&sig`. */
  stream(req: Request, res: Response): Promise<void> {
    const ep = this.links.verifyStream(req.query);
    return this.limited(req, res, async (signal) => {
      const entry = await this.streams.fresh(ep);
      const source = { entry, url: entry.url };
      if (entry.kind === 'mp4') await this.media(req, res, ep, '', source, signal);
      else await this.playlist(req, res, ep, '', source, 'proxy/', signal);
    });
  }

  /** `GET|HEAD /strm/proxy/<name>?u&ep&loc&r&exp&sig`: only what this server signed. */
  proxy(name: string, req: Request, res: Response): Promise<void> {
    const target = this.links.verifyProxy(name, req.query);
    return this.limited(req, res, async (signal) => {
      const ep = target.episode;
      const known = await this.streams.current(ep, target.resolution);
      // Renewed since this URL was signed: the same step of the new resolution, not a dead link.
      const source =
        known?.id === target.resolution
          ? { entry: known, url: target.url }
          : await this.relocate(ep, known, target.location, signal);
      const step = target.location.slice(target.location.lastIndexOf('.') + 1);
      if (isPlaylistStep(step))
        await this.playlist(req, res, ep, target.location, source, '', signal);
      else await this.media(req, res, ep, target.location, source, signal);
    });
  }

  private async limited(
    req: Request,
    res: Response,
    work: (signal: AbortSignal) => Promise<void>,
  ): Promise<void> {
    const release = this.limiter.acquire(
      req.ip ?? 'unknown',
      this.config.config.arr.strm.max_requests_per_client,
    );
    if (!release) throw new TooManyStreams(1);
    const abort = new AbortController();
    const onClose = (): void => {
      if (!res.writableFinished) abort.abort();
    };
    res.on('close', onClose);
    try {
      await work(abort.signal);
    } catch (error) {
      // Nothing can be said any more once the client left or the body started.
      if (abort.signal.aborted) return;
      if (res.headersSent) {
        this.logger.warn({ msg: 'stream broke off', error: (error as Error).message });
        res.destroy();
        return;
      }
      throw error;
    } finally {
      res.off('close', onClose);
      release();
    }
  }

  private async media(
    req: Request,
    res: Response,
    ep: StrmEpisode,
    location: string,
    source: Source,
    signal: AbortSignal,
  ): Promise<void> {
    const range = req.headers.range;
    const extra: Record<string, string> =
      typeof range === 'string' && RANGE.test(range.trim()) ? { range: range.trim() } : {};
    const open = (s: Source) =>
      this.upstream.media(s.url, { ...this.headersFor(s.entry), ...extra }, signal);
    let upstream = await this.attempt(() => open(source));
    if (renewable(upstream)) {
      discard(upstream);
      const renewed = await this.renewed(ep, location, source, signal);
      upstream = await this.attempt(() => open(renewed));
    }
    if (upstream instanceof UpstreamUnreachable || upstream.status >= 400) {
      const status = upstream instanceof UpstreamUnreachable ? null : upstream.status;
      discard(upstream);
      if (status === 416) throw new RangeNotSatisfiable();
      throw upstreamFailed(ep, status);
    }
    this.corsHeaders(res);
    res.status(upstream.status);
    for (const name of SAFE_HEADERS)
      if (upstream.headers[name] !== undefined) res.setHeader(name, upstream.headers[name]);
    if (!upstream.headers['content-type'])
      res.setHeader('content-type', location ? 'video/mp2t' : 'video/mp4');
    if (req.method === 'HEAD') {
      upstream.body.destroy();
      res.end();
      return;
    }
    await pipeline(upstream.body, res);
  }

  private async playlist(
    req: Request,
    res: Response,
    ep: StrmEpisode,
    location: string,
    source: Source,
    prefix: string,
    signal: AbortSignal,
  ): Promise<void> {
    let current = source;
    let fetched = await this.attempt(() => this.fetchPlaylist(current, signal));
    if (renewable(fetched)) {
      current = await this.renewed(ep, location, source, signal);
      fetched = await this.attempt(() => this.fetchPlaylist(current, signal));
    }
    if (
      fetched instanceof UpstreamUnreachable ||
      fetched.status >= 400 ||
      !isPlaylistText(fetched.text)
    )
      throw upstreamFailed(ep, fetched instanceof UpstreamUnreachable ? null : fetched.status);
    this.playlists.set(current.entry.id, current.url, { text: fetched.text, base: fetched.url });
    const ttl = Math.max(PROXY_TTL_SEC, 3 * playlistDurationSec(fetched.text));
    const body = rewritePlaylist(
      fetched.text,
      fetched.url,
      (uri, step) =>
        prefix +
        this.links.proxyRef(
          uri,
          ep,
          location ? `${location}.${step}` : step,
          current.entry.id,
          ttl,
        ),
    );
    this.corsHeaders(res);
    res.status(200);
    res.setHeader('content-type', M3U8);
    res.setHeader('cache-control', 'no-store');
    res.setHeader('content-length', Buffer.byteLength(body));
    res.end(req.method === 'HEAD' ? undefined : body);
  }

  /** The new resolution after a refusal, and the URL the same step has in it. */
  private async renewed(
    ep: StrmEpisode,
    location: string,
    failed: Source,
    signal: AbortSignal,
  ): Promise<Source> {
    const entry = await this.streams.renew(ep, failed.entry.id);
    if (!location) return { entry, url: entry.url };
    try {
      return await this.locate(entry, location, signal);
    } catch (error) {
      if (error instanceof PlaylistRefused) throw upstreamFailed(ep, error.status);
      throw error;
    }
  }

  /**
   * A step of a URL signed from an older resolution, found in the newest one (or a new one
   * when the newest is refused as well, or none is known).
   */
  private async relocate(
    ep: StrmEpisode,
    known: ResolvedEpisodeStream | null,
    location: string,
    signal: AbortSignal,
  ): Promise<Source> {
    const entry = known ?? (await this.streams.fresh(ep));
    try {
      return await this.locate(entry, location, signal);
    } catch (error) {
      if (!(error instanceof PlaylistRefused)) throw error;
      return this.renewed(ep, location, { entry, url: entry.url }, signal);
    }
  }

  /** Walks the resolution's playlists to the URL a step path names. */
  private async locate(
    entry: ResolvedEpisodeStream,
    location: string,
    signal: AbortSignal,
  ): Promise<Source> {
    let url = entry.url;
    for (const step of location.split('.')) {
      let playlist = this.playlists.get(entry.id, url);
      if (!playlist) {
        const fetched = await this.attempt(() => this.fetchPlaylist({ entry, url }, signal));
        if (fetched instanceof UpstreamUnreachable) throw new PlaylistRefused(null);
        if (RENEW_STATUSES.has(fetched.status)) throw new PlaylistRefused(fetched.status);
        if (fetched.status >= 400 || !isPlaylistText(fetched.text))
          throw upstreamFailed(entry.episode, fetched.status);
        playlist = { text: fetched.text, base: fetched.url };
        this.playlists.set(entry.id, url, playlist);
      }
      const next = findStep(playlist.text, playlist.base, step);
      if (!next)
        throw new StreamUnavailable(
          `The stream of ${describeEpisode(entry.episode)} changed: it has no ${step} any more`,
        );
      url = next;
    }
    return { entry, url };
  }

  private fetchPlaylist(source: Source, signal: AbortSignal) {
    const { max_response_bytes, request_deadline_seconds } = this.config.config.providers;
    const deadline = AbortSignal.any([
      signal,
      AbortSignal.timeout(request_deadline_seconds * 1000),
    ]);
    return this.upstream.text(
      source.url,
      this.headersFor(source.entry),
      deadline,
      max_response_bytes,
    );
  }

  /** The hoster's headers (Referer, Origin, its User-Agent); media are never asked to be gzipped. */
  private headersFor(entry: ResolvedEpisodeStream): Record<string, string> {
    const headers: Record<string, string> = { 'user-agent': this.providers.userAgent };
    for (const [k, v] of Object.entries(entry.headers)) headers[k.toLowerCase()] = v;
    headers['accept-encoding'] = 'identity';
    return headers;
  }

  /** A connection that failed is an answer too: one the caller may renew on. */
  private async attempt<T>(work: () => Promise<T>): Promise<T | UpstreamUnreachable> {
    try {
      return await work();
    } catch (error) {
      if (error instanceof UpstreamUnreachable) return error;
      throw error;
    }
  }

  /** The URLs are capabilities (no cookies): any page or player may use them. */
  private corsHeaders(res: Response): void {
    res.setHeader('access-control-allow-origin', '*');
    res.setHeader('access-control-expose-headers', 'Content-Length, Content-Range, Accept-Ranges');
    res.setHeader('cross-origin-resource-policy', 'cross-origin');
  }
}

function renewable(answer: { status: number } | UpstreamUnreachable): boolean {
  return answer instanceof UpstreamUnreachable || RENEW_STATUSES.has(answer.status);
}

/** A playlist on the way to a step was refused: the resolution it belongs to is dead. */
class PlaylistRefused extends Error {
  constructor(readonly status: number | null) {
    super(`playlist refused (${status ?? 'no connection'})`);
  }
}

function discard(answer: UpstreamMedia | UpstreamUnreachable): void {
  if (!(answer instanceof UpstreamUnreachable)) answer.body.destroy();
}

function upstreamFailed(ep: StrmEpisode, status: number | null): DomainError {
  return new StreamUnavailable(
    `The hoster did not deliver ${describeEpisode(ep)} (${status === null ? 'no connection' : `HTTP ${status}`})`,
    { status },
  );
}
