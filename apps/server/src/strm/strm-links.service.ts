import { Inject, Injectable } from '@nestjs/common';
import { CLOCK, type Clock } from '../common/clock';
import { DomainError } from '../common/errors';
import { ConfigService } from '../config/config.service';
import {
  episodeFromId,
  episodeFromParams,
  episodeId,
  episodeParams,
  type StrmEpisode,
} from './strm-episode';
import { type SignatureProblem, signedQuery, verifyParams } from './strm-signature';
import {
  StreamNamesNoEpisode,
  StreamSignatureMissing,
  StreamSignatureRefused,
} from './errors/strm.errors';

/** Path of the stable stream URL; the proxy's URLs live beside it under `proxy/`. */
export const STREAM_PATH = '/strm/stream';

/** A verified `/strm/proxy/<name>` request: what it may fetch, and for which episode. */
export interface ProxyTarget {
  episode: StrmEpisode;
  /** Upstream URL as signed. */
  url: string;
  /** Where in the episode's playlists it sits (hls-playlist.ts steps joined with "."). */
  location: string;
  /** The resolution it was signed from. */
  resolution: string;
}

const MEDIA_EXTENSIONS = /\.(ts|m4s|mp4|m4a|m4v|aac|mp3|ac3|ec3|vtt|webvtt|mpg|mpeg)$/i;

/**
 * Builds and checks the STRM URLs (docs/strm.md, "Signed URLs"). The stream URL names an
 * episode and never expires; proxy URLs name one upstream URL and expire, and are signed anew
 * every time a playlist is fetched.
 */
@Injectable()
export class StrmLinksService {
  constructor(
    private readonly config: ConfigService,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /** The configured public base URL, else the address the caller used (no trailing slash). */
  baseUrl(requestBase: string): string {
    return (this.config.config.arr.strm.public_base_url ?? requestBase).replace(/\/+$/, '');
  }

  /** The URL a `.strm` file holds. */
  streamUrl(ep: StrmEpisode, requestBase: string): string {
    const query = signedQuery(this.config.strmSecret, 'stream', episodeParams(ep));
    return `${this.baseUrl(requestBase)}${STREAM_PATH}?${query}`;
  }

  verifyStream(query: Record<string, unknown>): StrmEpisode {
    const checked = verifyParams(this.config.strmSecret, 'stream', query, this.clock.now());
    if ('problem' in checked) throw refused(checked.problem);
    const ep = episodeFromParams(checked.params);
    // Signed but meaningless can only be a URL of an older format: not one we can serve.
    if (!ep) throw new StreamNamesNoEpisode();
    return ep;
  }

  /**
   * `<name>?<signed query>` for an upstream URL of a playlist, relative to the directory of the
   * proxy (`/strm/`'s `proxy/`), so it works behind any reverse-proxy prefix.
   */
  proxyRef(
    upstream: string,
    ep: StrmEpisode,
    location: string,
    resolution: string,
    ttlSec: number,
  ): string {
    const name = proxyName(upstream, location);
    const exp = String(Math.floor(this.clock.now() / 1000) + Math.ceil(ttlSec));
    const params = { u: upstream, ep: episodeId(ep), loc: location, r: resolution, exp };
    return `${encodeURIComponent(name)}?${signedQuery(this.config.strmSecret, `proxy/${name}`, params)}`;
  }

  verifyProxy(name: string, query: Record<string, unknown>): ProxyTarget {
    const scope = `proxy/${name}`;
    const checked = verifyParams(this.config.strmSecret, scope, query, this.clock.now());
    if ('problem' in checked) throw refused(checked.problem);
    const { u, ep, loc, r } = checked.params;
    const episode = ep ? episodeFromId(ep) : null;
    if (!episode || !u || !loc || !r || !/^https?:\/\//i.test(u))
      throw new StreamSignatureRefused();
    return { episode, url: u, location: loc, resolution: r };
  }
}

function refused(problem: SignatureProblem): DomainError {
  if (problem === 'missing') return new StreamSignatureMissing();
  return new StreamSignatureRefused(
    problem === 'expired'
      ? 'This proxy URL has expired: fetch the playlist again'
      : 'The signature does not match this URL',
  );
}

/**
 * The last path segment players see. ffmpeg accepts HLS segments only with a media extension
 * (its `allowed_segment_extensions`), and hosters disguise segments as `.jpg` or leave the
 * extension out, so a segment or init section without one is named after its step.
 */
function proxyName(upstream: string, location: string): string {
  const step = location.slice(location.lastIndexOf('.') + 1);
  const last = (new URL(upstream).pathname.split('/').pop() ?? '')
    .replace(/%[0-9A-Fa-f]{2}|[^A-Za-z0-9._-]+/g, '_')
    .slice(-80);
  if (/^[vmi]/.test(step)) return /\.m3u8?$/i.test(last) ? last : `${step}.m3u8`;
  if (/^k/.test(step)) return last || `${step}.key`;
  if (/^x/.test(step)) return MEDIA_EXTENSIONS.test(last) ? last : `${step}.mp4`;
  return MEDIA_EXTENSIONS.test(last) ? last : `${step}.ts`;
}
