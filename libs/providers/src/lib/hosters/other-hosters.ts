import type { StreamDescriptor } from '@aniworld/contracts';
import { HosterUnavailable, ParseFailed } from '../errors';
import { hosterBase } from '../util/urls';
import {
  absolutize,
  checkHoster,
  embedHeaders,
  fetchHoster,
  kindOf,
  nothingFound,
  embedReferer,
} from './common';
import type { ExtractContext, HosterExtractor } from './types';

/** LoadX: the embed redirects to `/v/<hash>/<name>`; `<hash>` is what the player API wants. */
export function loadxHash(finalUrl: string): string | null {
  const segments = new URL(finalUrl).pathname.split('/').filter(Boolean);
  const v = segments.indexOf('v');
  return v >= 0 && segments[v + 1] ? segments[v + 1] : null;
}

export function parseLoadxResponse(body: string): string | null {
  try {
    const json = JSON.parse(body) as { videoSource?: unknown };
    return typeof json.videoSource === 'string' && json.videoSource ? json.videoSource : null;
  } catch {
    return null;
  }
}

export const loadxExtractor: HosterExtractor = {
  name: 'LoadX',
  async extract(embedUrl: string, ctx: ExtractContext): Promise<StreamDescriptor> {
    const head = await fetchHoster('LoadX', embedUrl, ctx, { method: 'HEAD' });
    const hash = loadxHash(head.url);
    if (!hash) throw new ParseFailed('LoadX', head.url, 'redirect to /v/<hash>/<name>');
    const apiUrl = `${hosterBase(head.url)}/player/index.php?data=${encodeURIComponent(hash)}&do=getVideo`;
    const res = await ctx.http.post(apiUrl, '', {
      headers: {
        'user-agent': ctx.userAgent,
        'x-requested-with': 'XMLHttpRequest',
        referer: head.url,
        origin: new URL(head.url).origin,
      },
      signal: ctx.signal,
    });
    checkHoster('LoadX', apiUrl, res);
    const source = parseLoadxResponse(res.body);
    if (!source) nothingFound('LoadX', apiUrl, res.body, 'videoSource in the getVideo JSON');
    const url = absolutize(source, apiUrl);
    return {
      kind: kindOf(url, 'hls'),
      url,
      headers: embedHeaders(head.url, ctx.userAgent, { Accept: '*/*' }),
    };
  },
};

function swapcase(s: string): string {
  return s.replace(/[a-zA-Z]/g, (c) => (c === c.toUpperCase() ? c.toLowerCase() : c.toUpperCase()));
}

function reverse(s: string): string {
  return [...s].reverse().join('');
}

function b64d(s: string): string {
  return Buffer.from(s, 'base64').toString('latin1');
}

/** b64 → swapcase → reverse → b64 → reverse → hex pairs → −3 → swapcase → reverse → b64 (docs/sites.md#hosters). */
export function decodeSpeedfiles(encoded: string): string {
  const step = reverse(b64d(reverse(swapcase(b64d(encoded)))));
  let shifted = '';
  for (let i = 0; i + 1 < step.length; i += 2) {
    shifted += String.fromCharCode(Number.parseInt(step.slice(i, i + 2), 16) - 3);
  }
  return Buffer.from(reverse(swapcase(shifted)), 'base64').toString('utf8');
}

export function parseSpeedfilesPage(html: string): string | null {
  const enc = /var\s+_0x5opu234\s*=\s*["']([^"']+)["']/.exec(html)?.[1];
  if (enc) {
    try {
      const url = decodeSpeedfiles(enc);
      if (/^https?:\/\//i.test(url)) return url;
    } catch {
      // fall through to the plain source tag
    }
  }
  return /src=["'](https?:\/\/[^"']*store_access[^"']*)["']/.exec(html)?.[1] ?? null;
}

export const speedfilesExtractor: HosterExtractor = {
  name: 'SpeedFiles',
  async extract(embedUrl: string, ctx: ExtractContext): Promise<StreamDescriptor> {
    const page = await fetchHoster('SpeedFiles', embedUrl, ctx, {
      headers: { referer: embedReferer(embedUrl) },
    });
    if (/web server is down/i.test(page.body))
      throw new HosterUnavailable('SpeedFiles', embedUrl, 'Web server is down');
    const url = parseSpeedfilesPage(page.body);
    if (!url) nothingFound('SpeedFiles', embedUrl, page.body, 'var _0x5opu234 = "…"');
    return { kind: kindOf(url, 'mp4'), url, headers: embedHeaders(embedUrl, ctx.userAgent) };
  },
};

/** The robotlink: the last `get_video?id=…&expires=…&ip=…&token=…'` on the page (earlier ones are decoys). */
export function parseStreamtapePage(
  html: string,
  embedUrl: string,
): { url: string; expiresAt?: string } | null {
  const matches = [
    ...html.matchAll(
      /get_video\?id=[^&'"\s]+&expires=[^&'"\s]+&ip=[^&'"\s]+&token=[^&'"\s]+(?=['"])/g,
    ),
  ];
  const last = matches[matches.length - 1]?.[0];
  if (!last) return null;
  const url = absolutize(last, `${hosterBase(embedUrl)}/`);
  const expires = Number(new URL(url).searchParams.get('expires'));
  return Number.isFinite(expires) && expires > 0
    ? { url, expiresAt: new Date(expires * 1000).toISOString() }
    : { url };
}

export const streamtapeExtractor: HosterExtractor = {
  name: 'Streamtape',
  async extract(embedUrl: string, ctx: ExtractContext): Promise<StreamDescriptor> {
    const page = await fetchHoster('Streamtape', embedUrl, ctx, {
      headers: { referer: embedReferer(embedUrl) },
    });
    const found = parseStreamtapePage(page.body, embedUrl);
    if (!found)
      nothingFound('Streamtape', embedUrl, page.body, "robotlink get_video?id=…&token=…'");
    const headers = embedHeaders(embedUrl, ctx.userAgent);
    const url = await followOnce(found.url, headers, ctx);
    const descriptor: StreamDescriptor = { kind: 'mp4', url, headers };
    if (found.expiresAt) descriptor.expiresAt = found.expiresAt;
    return descriptor;
  },
};

/**
 * `get_video` answers with a redirect to the file on a CDN host; the descriptor carries that
 * target so the downloader need not follow redirects. A HEAD leaves the file itself unread.
 */
async function followOnce(
  url: string,
  headers: Record<string, string>,
  ctx: ExtractContext,
): Promise<string> {
  const res = await ctx.http.head(url, {
    followRedirects: false,
    headers: { 'user-agent': headers['User-Agent'], referer: headers['Referer'] },
    signal: ctx.signal,
  });
  const location = res.headers['location'];
  if (res.status >= 300 && res.status < 400 && location) return new URL(location, url).toString();
  checkHoster('Streamtape', url, res);
  return url;
}
