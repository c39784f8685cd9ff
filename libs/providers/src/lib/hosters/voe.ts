import type { StreamDescriptor } from '@aniworld/contracts';
import { HosterUnavailable } from '../errors';
import {
  absolutize,
  embedHeaders,
  fetchHoster,
  kindOf,
  nothingFound,
  embedReferer,
} from './common';
import type { ExtractContext, HosterExtractor } from './types';

const JUNK = ['@$', '^^', '~@', '%?', '*~', '!!', '#&'];

function rot13(s: string): string {
  return s.replace(/[a-zA-Z]/g, (c) => {
    const base = c <= 'Z' ? 65 : 97;
    return String.fromCharCode(((c.charCodeAt(0) - base + 13) % 26) + base);
  });
}

/** VOE's obfuscation (docs/sites.md#hosters, VOE): ROT13, junk tokens out, b64, −3, reverse, b64, JSON. */
export function decodeVoeString(encoded: string): unknown {
  let s = rot13(encoded.trim());
  for (const token of JUNK) s = s.split(token).join('_');
  s = s.replace(/_/g, '');
  const shifted = Buffer.from(s, 'base64').toString('latin1');
  const unshifted = [...shifted].map((c) => String.fromCharCode(c.charCodeAt(0) - 3)).join('');
  const reversed = [...unshifted].reverse().join('');
  return JSON.parse(Buffer.from(reversed, 'base64').toString('utf8'));
}

/** The older `a168c` form: base64 of the reversed JSON. */
function decodeReversedB64(encoded: string): unknown {
  const text = Buffer.from(encoded.trim(), 'base64').toString('utf8');
  return JSON.parse([...text].reverse().join(''));
}

function tryDecode(candidate: string): Record<string, unknown> | null {
  for (const decode of [decodeVoeString, decodeReversedB64]) {
    try {
      const value = decode(candidate);
      if (value && typeof value === 'object' && !Array.isArray(value))
        return value as Record<string, unknown>;
    } catch {
      // try the next scheme
    }
  }
  return null;
}

export interface VoePayload {
  url: string;
  kind: StreamDescriptor['kind'];
  subtitles: { language: string; url: string }[];
}

/** Finds a stream in a VOE page, whichever payload variant it carries; null when there is none. */
export function parseVoePage(html: string, pageUrl: string): VoePayload | null {
  for (const obj of jsonPayloads(html)) {
    const payload = fromObject(obj, pageUrl);
    if (payload) return payload;
  }
  const hls = /['"]hls['"]\s*:\s*['"]([^'"]+)['"]/.exec(html)?.[1];
  if (hls) {
    const url = /^https?:\/\//i.test(hls) ? hls : Buffer.from(hls, 'base64').toString('utf8');
    if (/^https?:\/\//i.test(url)) return { url, kind: kindOf(url, 'hls'), subtitles: [] };
  }
  const prompt = /prompt\(\s*["']Node["']\s*,\s*["'](https?:\/\/[^"']+)["']/.exec(html)?.[1];
  if (prompt) return { url: prompt, kind: kindOf(prompt, 'hls'), subtitles: [] };
  const m3u8 = /https?:\/\/[^'"\s<>\\]+\.m3u8[^'"\s<>\\]*/.exec(html)?.[0];
  if (m3u8) return { url: m3u8, kind: 'hls', subtitles: [] };
  return null;
}

function* jsonPayloads(html: string): Generator<Record<string, unknown>> {
  for (const m of html.matchAll(
    /<script[^>]*type=["']application\/json["'][^>]*>([\s\S]*?)<\/script>/gi,
  )) {
    let value: unknown;
    try {
      value = JSON.parse(m[1].trim());
    } catch {
      value = m[1].trim().replace(/^["']|["']$/g, '');
    }
    const strings = Array.isArray(value) ? value : [value];
    for (const s of strings) {
      if (typeof s !== 'string') continue;
      const obj = tryDecode(s);
      if (obj) yield obj;
    }
  }
  for (const re of [/\ba168c\s*=\s*['"]([^'"]+)['"]/, /\bMKGMa\s*=\s*['"]([^'"]+)['"]/]) {
    const enc = re.exec(html)?.[1];
    const obj = enc ? tryDecode(enc) : null;
    if (obj) yield obj;
  }
}

function fromObject(obj: Record<string, unknown>, pageUrl: string): VoePayload | null {
  const sources = Array.isArray(obj['sources'])
    ? (obj['sources'] as Record<string, unknown>[])
    : [];
  const candidates = [
    obj['source'],
    obj['direct_access_url'],
    obj['file'],
    ...sources.map((s) => s?.['file'] ?? s?.['src']),
  ];
  const url = candidates.find((c): c is string => typeof c === 'string' && c.length > 0);
  if (!url) return null;
  const absolute = absolutize(url, pageUrl);
  const fallbackKind = url === obj['direct_access_url'] ? 'mp4' : 'hls';
  return { url: absolute, kind: kindOf(absolute, fallbackKind), subtitles: captions(obj, pageUrl) };
}

function captions(
  obj: Record<string, unknown>,
  pageUrl: string,
): { language: string; url: string }[] {
  const list = [obj['captions'], obj['tracks']].find(Array.isArray) as
    Record<string, unknown>[] | undefined;
  if (!list) return [];
  const out: { language: string; url: string }[] = [];
  for (const track of list) {
    const file = track?.['file'] ?? track?.['src'] ?? track?.['url'];
    const kind = typeof track?.['kind'] === 'string' ? track['kind'] : 'captions';
    if (typeof file !== 'string' || !/captions|subtitles/i.test(kind)) continue;
    const language = [track['language'], track['srclang'], track['label']].find(
      (x) => typeof x === 'string',
    ) as string | undefined;
    out.push({ language: language ?? 'unknown', url: absolutize(file, pageUrl) });
  }
  return out;
}

/** The JS hop to a rotating domain: `window.location.href = 'https://<random>/e/<id>'`. */
export function findVoeRedirect(html: string): string | null {
  const explicit =
    /(?:location\.href|window\.location(?:\.href)?|location\.replace\()\s*=?\s*['"](\s*https?:\/\/[^'"<>\s]+)['"]/.exec(
      html,
    );
  if (explicit) return explicit[1].trim();
  return /['"](\s*https?:\/\/[^'"<>\s]+\/e\/[^'"<>\s]+)['"]/.exec(html)?.[1].trim() ?? null;
}

/** `e=14400` seconds after `s=<unix>` in the URL's query. */
export function expiresFromQuery(url: string): string | undefined {
  try {
    const q = new URL(url).searchParams;
    const s = Number(q.get('s'));
    const e = Number(q.get('e'));
    if (!Number.isFinite(s) || !Number.isFinite(e) || s <= 0 || e <= 0) return undefined;
    return new Date((s + e) * 1000).toISOString();
  } catch {
    return undefined;
  }
}

export function voeDescriptor(
  payload: VoePayload,
  embedUrl: string,
  userAgent: string,
): StreamDescriptor {
  const descriptor: StreamDescriptor = {
    kind: payload.kind,
    url: payload.url,
    headers: embedHeaders(embedUrl, userAgent, { Accept: '*/*' }),
  };
  if (payload.subtitles.length > 0) descriptor.subtitles = payload.subtitles;
  const expiresAt = expiresFromQuery(payload.url);
  if (expiresAt) descriptor.expiresAt = expiresAt;
  return descriptor;
}

const MAX_HOPS = 3;

export const voeExtractor: HosterExtractor = {
  name: 'VOE',
  async extract(embedUrl: string, ctx: ExtractContext): Promise<StreamDescriptor> {
    let url = embedUrl;
    for (let hop = 0; hop <= MAX_HOPS; hop++) {
      const res = await fetchHoster('VOE', url, ctx, {
        headers: { referer: embedReferer(url) },
      });
      const payload = parseVoePage(res.body, url);
      if (payload) return voeDescriptor(payload, embedUrl, ctx.userAgent);
      const next = findVoeRedirect(res.body);
      if (!next)
        nothingFound(
          'VOE',
          url,
          res.body,
          'VOE payload (application/json, a168c, MKGMa, hls) or JS redirect',
        );
      url = new URL(next, url).toString();
    }
    throw new HosterUnavailable('VOE', embedUrl, `more than ${MAX_HOPS} JS redirects`);
  },
};
