import { createDecipheriv } from 'node:crypto';
import type { StreamDescriptor } from '@aniworld/contracts';
import { ParseFailed, VideoGone } from '../errors';
import { assertNoChallenge } from '../http/challenge';
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
import { unpackAll } from './unpacker';

export interface FilemoonPlayback {
  key_parts: string[];
  iv: string;
  payload: string;
  iv2?: string;
  payload2?: string;
}

function b64url(s: string): Buffer {
  return Buffer.from(s.replace(/-/g, '+').replace(/_/g, '/'), 'base64');
}

function decryptGcm(key: Buffer, iv: string, payload: string): string {
  const data = b64url(payload);
  if (data.length < 17) throw new Error('payload too short');
  const decipher = createDecipheriv('aes-256-gcm', key, b64url(iv));
  decipher.setAuthTag(data.subarray(data.length - 16));
  return Buffer.concat([
    decipher.update(data.subarray(0, data.length - 16)),
    decipher.final(),
  ]).toString('utf8');
}

/** AES-256-GCM playback of the Byse API: key = joined key_parts, tag appended; iv2/payload2 as fallback. */
export function decryptFilemoonPlayback(playback: FilemoonPlayback): unknown {
  const key = Buffer.concat(playback.key_parts.map(b64url));
  const attempts: [string | undefined, string | undefined][] = [
    [playback.iv, playback.payload],
    [playback.iv2, playback.payload2],
  ];
  let lastError: unknown;
  for (const [iv, payload] of attempts) {
    if (!iv || !payload) continue;
    try {
      return JSON.parse(decryptGcm(key, iv, payload));
    } catch (error) {
      lastError = error;
    }
  }
  throw lastError ?? new Error('no iv/payload pair');
}

/** Highest `height` among `sources`, else `source`/`file`. */
export function pickFilemoonSource(plain: unknown): string | null {
  const obj = (plain ?? {}) as Record<string, unknown>;
  const sources = Array.isArray(obj['sources'])
    ? (obj['sources'] as Record<string, unknown>[])
    : [];
  const best = sources
    .filter((s) => typeof (s?.['url'] ?? s?.['file']) === 'string')
    .sort((a, b) => Number(b['height'] ?? 0) - Number(a['height'] ?? 0))[0];
  const url = best?.['url'] ?? best?.['file'] ?? obj['source'] ?? obj['file'];
  return typeof url === 'string' && url ? url : null;
}

/** Legacy page: packed JS holding `sources:[{file:"…"}]`, `file:"…"` or any m3u8. */
export function parseFilemoonPacked(
  html: string,
  pageUrl: string,
): { url: string; subtitles: { language: string; url: string }[] } | null {
  const text = `${unpackAll(html)}\n${html}`;
  const found =
    /sources\s*:\s*\[\s*\{\s*file\s*:\s*["']([^"']+)["']/.exec(text)?.[1] ??
    /file\s*:\s*["']([^"']+\.m3u8[^"']*)["']/.exec(text)?.[1] ??
    /["'](https?:\/\/[^"'\s]+\.m3u8[^"'\s]*)["']/.exec(text)?.[1] ??
    /file\s*:\s*["'](https?:\/\/[^"']+)["']/.exec(text)?.[1];
  return found
    ? { url: absolutize(unescapeJs(found), pageUrl), subtitles: jwTracks(text, pageUrl) }
    : null;
}

export const filemoonExtractor: HosterExtractor = {
  name: 'Filemoon',
  async extract(embedUrl: string, ctx: ExtractContext): Promise<StreamDescriptor> {
    const headers = embedHeaders(embedUrl, ctx.userAgent);
    const code = fileCodeOf(embedUrl);
    if (code) {
      const apiUrl = `${hosterBase(embedUrl)}/api/videos/${encodeURIComponent(code)}`;
      const api = await ctx.http.get(apiUrl, {
        headers: { 'user-agent': ctx.userAgent, referer: embedUrl, accept: 'application/json' },
        signal: ctx.signal,
      });
      assertNoChallenge(api, apiUrl);
      const fromApi = api.status === 200 ? tryApi(api.body, apiUrl) : null;
      if (fromApi)
        return { kind: kindOf(fromApi, 'hls'), url: absolutize(fromApi, apiUrl), headers };
      if (api.status === 410) throw new VideoGone('Filemoon', apiUrl, 'HTTP 410');
    }
    const page = await fetchHoster('Filemoon', embedUrl, ctx, {
      headers: { referer: embedReferer(embedUrl) },
    });
    const legacy = parseFilemoonPacked(page.body, embedUrl);
    if (!legacy)
      nothingFound('Filemoon', embedUrl, page.body, 'playback API JSON or packed JS with file:"…"');
    const descriptor: StreamDescriptor = {
      kind: kindOf(legacy.url, 'hls'),
      url: legacy.url,
      headers,
    };
    if (legacy.subtitles.length > 0) descriptor.subtitles = legacy.subtitles;
    return descriptor;
  },
};

function tryApi(body: string, apiUrl: string): string | null {
  let json: Record<string, unknown>;
  try {
    json = JSON.parse(body) as Record<string, unknown>;
  } catch {
    return null;
  }
  const playback = json['playback'] as FilemoonPlayback | undefined;
  if (!playback || !Array.isArray(playback.key_parts)) return pickFilemoonSource(json);
  try {
    return pickFilemoonSource(decryptFilemoonPlayback(playback));
  } catch {
    throw new ParseFailed('Filemoon', apiUrl, 'decryptable playback (key_parts/iv/payload)');
  }
}
