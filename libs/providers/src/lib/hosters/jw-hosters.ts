import type { StreamDescriptor } from '@aniworld/contracts';
import { fileCodeOf, hosterBase } from '../util/urls';
import {
  absolutize,
  embedHeaders,
  embedReferer,
  fetchHoster,
  jwTracks,
  kindOf,
  nothingFound,
  unescapeJs,
} from './common';
import type { ExtractContext, HosterExtractor } from './types';

function scripts(html: string): string {
  const bodies = [...html.matchAll(/<script[^>]*>([\s\S]*?)<\/script>/gi)].map((m) => m[1]);
  return bodies.length > 0 ? bodies.join('\n') : html;
}

function withSubs(
  d: StreamDescriptor,
  subs: { language: string; url: string }[],
): StreamDescriptor {
  return subs.length > 0 ? { ...d, subtitles: subs } : d;
}

/** Vidmoly: `/v/<id>` view URLs become `/embed-<id>.html` under the same hoster base. */
export function vidmolyEmbedUrl(url: string): string {
  const view = /\/v\/([^/?#]+)/.exec(new URL(url).pathname);
  if (!view) return url;
  return `${hosterBase(url)}/embed-${view[1].replace(/\.html?$/i, '')}.html`;
}

/** JW config: `file: "…m3u8"` (older pages: any `file:"https://…"`). */
export function parseVidmolyPage(
  html: string,
  pageUrl: string,
): { url: string; subtitles: { language: string; url: string }[] } | null {
  const js = scripts(html);
  const file =
    /file\s*:\s*['"]([^'"]+?\.m3u8[^'"]*)['"]/.exec(js)?.[1] ??
    /file\s*:\s*['"](https?:\/\/[^'"]+)['"]/.exec(js)?.[1];
  return file
    ? { url: absolutize(unescapeJs(file), pageUrl), subtitles: jwTracks(js, pageUrl) }
    : null;
}

export const vidmolyExtractor: HosterExtractor = {
  name: 'Vidmoly',
  async extract(embedUrl: string, ctx: ExtractContext): Promise<StreamDescriptor> {
    const url = vidmolyEmbedUrl(embedUrl);
    const referer = embedReferer(url);
    const page = await fetchHoster('Vidmoly', url, ctx, { headers: { referer } });
    const found = parseVidmolyPage(page.body, url);
    if (!found) nothingFound('Vidmoly', url, page.body, 'file:"….m3u8" in the player config');
    return withSubs(
      { kind: kindOf(found.url, 'hls'), url: found.url, headers: embedHeaders(url, ctx.userAgent) },
      found.subtitles,
    );
  },
};

/** Vidoza: `sourcesCode: [{ src: "…mp4" }]`, else `<source src>`. */
export function parseVidozaPage(html: string, pageUrl: string): string | null {
  const fromSources = /sourcesCode\s*:\s*\[[\s\S]*?src\s*:\s*["']([^"']+)["']/.exec(html)?.[1];
  const fromTag = /<source[^>]+src=["']([^"']+)["']/i.exec(html)?.[1];
  const found = fromSources ?? fromTag;
  return found ? absolutize(unescapeJs(found), pageUrl) : null;
}

export const vidozaExtractor: HosterExtractor = {
  name: 'Vidoza',
  async extract(embedUrl: string, ctx: ExtractContext): Promise<StreamDescriptor> {
    const page = await fetchHoster('Vidoza', embedUrl, ctx, {
      headers: { referer: embedReferer(embedUrl) },
    });
    const url = parseVidozaPage(page.body, embedUrl);
    if (!url) nothingFound('Vidoza', embedUrl, page.body, 'sourcesCode src or <source src>');
    return { kind: kindOf(url, 'mp4'), url, headers: embedHeaders(embedUrl, ctx.userAgent) };
  },
};

/** Luluvdo serves its player only to this mobile Firefox UA; the media requests need it too. */
export const LULUVDO_USER_AGENT =
  'Mozilla/5.0 (Android 15; Mobile; rv:132.0) Gecko/132.0 Firefox/132.0';

export function luluvdoPlayerUrl(embedUrl: string): string {
  const id = fileCodeOf(embedUrl)?.split('?')[0] ?? '';
  const host = new URL(embedUrl).host;
  return `${hosterBase(embedUrl)}/dl?op=embed&file_code=${encodeURIComponent(id)}&embed=1&referer=${encodeURIComponent(host)}&adb=0`;
}

export function parseLuluvdoPage(html: string, pageUrl: string): string | null {
  const file = /file\s*:\s*["']([^"']+)["']/.exec(html)?.[1];
  return file ? absolutize(unescapeJs(file), pageUrl) : null;
}

export const luluvdoExtractor: HosterExtractor = {
  name: 'Luluvdo',
  async extract(embedUrl: string, ctx: ExtractContext): Promise<StreamDescriptor> {
    const playerUrl = luluvdoPlayerUrl(embedUrl);
    const headers = embedHeaders(embedUrl, LULUVDO_USER_AGENT, {
      'Accept-Language': 'de-DE,de;q=0.9,en;q=0.8',
    });
    const page = await fetchHoster('Luluvdo', playerUrl, ctx, {
      userAgent: LULUVDO_USER_AGENT,
      headers: {
        origin: headers['Origin'],
        referer: headers['Referer'],
        'accept-language': headers['Accept-Language'],
      },
    });
    const url = parseLuluvdoPage(page.body, playerUrl);
    if (!url) nothingFound('Luluvdo', playerUrl, page.body, 'file:"…" in the player config');
    return { kind: kindOf(url, 'hls'), url, headers };
  },
};
