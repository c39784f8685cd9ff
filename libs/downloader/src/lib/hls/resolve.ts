import { retryOptions, type EngineContext } from '../core/context';
import { InvalidMedia } from '../core/errors';
import { withRetry } from '../core/retry';
import {
  isMasterPlaylist,
  isPlaylistText,
  parseMasterPlaylist,
  parseMediaPlaylist,
  selectVariant,
  type MediaPlaylist,
  type Variant,
} from './playlist';

export interface ResolvedHls {
  media: MediaPlaylist;
  mediaUrl: string;
  variant?: Variant;
}

async function fetchText(ctx: EngineContext, url: string): Promise<string> {
  const { data } = await withRetry('playlist', () => ctx.http.fetchBuffer(url), retryOptions(ctx));
  const text = data.toString('utf8');
  if (!isPlaylistText(text))
    throw new InvalidMedia(`expected an HLS playlist at ${url.split('?')[0]}`);
  return text;
}

/** Loads the playlist; for a master, picks one variant and loads only that media playlist. */
export async function resolveHls(
  ctx: EngineContext,
  url: string,
  preferredHeight?: number,
): Promise<ResolvedHls> {
  const text = await fetchText(ctx, url);
  if (!isMasterPlaylist(text)) return { media: parseMediaPlaylist(text, url), mediaUrl: url };
  const variants = parseMasterPlaylist(text, url);
  const variant = selectVariant(variants, preferredHeight);
  ctx.logger.info('selected HLS variant', {
    bandwidth: variant.bandwidth,
    height: variant.height,
    of: variants.length,
  });
  const mediaText = await fetchText(ctx, variant.url);
  if (isMasterPlaylist(mediaText))
    throw new InvalidMedia('variant playlist is another master playlist');
  return { media: parseMediaPlaylist(mediaText, variant.url), mediaUrl: variant.url, variant };
}

/** Media identity that survives a re-resolve (new tokens in the query, maybe a new host). */
export function fingerprint(media: MediaPlaylist): string {
  const name = (u: string): string => new URL(u).pathname.split('/').pop() ?? '';
  const segs = media.segments;
  return [
    segs.length,
    media.totalDuration.toFixed(3),
    segs.some((s) => s.key) ? 'aes' : 'clear',
    name(segs[0].url),
    name(segs[segs.length - 1].url),
  ].join('|');
}
