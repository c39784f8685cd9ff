import type { HosterName } from '@aniworld/contracts';
import { fetchRaw, type RawResponse } from './http-client';
import { decodeSpeedFiles, decodeVoe, decryptFilemoon, unpackJs } from './test-decoders';

export const TEST_UA = 'Mozilla/5.0 (X11; Linux x86_64) SandboxSpec/1.0';

export interface TestDescriptor {
  kind: 'hls' | 'mp4';
  url: string;
  headers: Record<string, string>;
}

export type TestResolution = TestDescriptor | { gone: true; status: number };

/** A hoster page says the video is gone by status or by its text (docs/sites.md#hosters). */
function goneFrom(res: RawResponse): TestResolution | undefined {
  const body = res.body.toString('utf8');
  if (res.status === 404 || res.status === 410) return { gone: true, status: res.status };
  if (/Video nicht verfügbar|Web server is down/.test(body))
    return { gone: true, status: res.status };
  return undefined;
}

async function get(url: string, headers: Record<string, string> = {}): Promise<RawResponse> {
  return fetchRaw(url, { headers: { 'user-agent': TEST_UA, ...headers } });
}

/** Base of a hoster: the embed URL's path before `/e/`, `/d/`, `/v/`, `/embed-` (contract rule). */
function hosterBase(embedUrl: string): string {
  const u = new URL(embedUrl);
  const m = /^(.*?)\/(?:e\/|d\/|v\/|embed-)/.exec(u.pathname);
  return `${u.origin}${m ? m[1] : u.pathname.replace(/\/[^/]*$/, '')}`;
}

function voeFromPage(html: string): string | undefined {
  const json = /<script type="application\/json">([\s\S]*?)<\/script>/.exec(html)?.[1];
  if (json) {
    const parsed = JSON.parse(json) as string | string[];
    const enc = Array.isArray(parsed) ? parsed[0] : parsed;
    return (decodeVoe(enc) as { source: string }).source;
  }
  const a168c = /var a168c='([^']+)'/.exec(html)?.[1];
  if (a168c) {
    try {
      return (decodeVoe(a168c) as { source: string }).source;
    } catch {
      const raw = Buffer.from(a168c, 'base64').toString('utf8');
      return (JSON.parse(raw.split('').reverse().join('')) as { source: string }).source;
    }
  }
  const mkgma = /MKGMa="([^"]+)"/.exec(html)?.[1];
  if (mkgma) return (decodeVoe(mkgma) as { source: string }).source;
  const hls = /'hls':\s*'([^']+)'/.exec(html)?.[1];
  if (hls) return hls.startsWith('http') ? hls : Buffer.from(hls, 'base64').toString('utf8');
  return /https?:\/\/[^'"\s<>]+\.m3u8[^'"\s<>]*/.exec(html)?.[0];
}

/** Minimal reference extractors for the specs (the product's live in libs/providers). */
export async function testExtract(hoster: HosterName, embedUrl: string): Promise<TestResolution> {
  const base = hosterBase(embedUrl);
  const first = await get(embedUrl);
  const gone = goneFrom(first);
  if (gone) return gone;
  let html = first.body.toString('utf8');
  switch (hoster) {
    case 'VOE': {
      let pageUrl = embedUrl;
      let source = voeFromPage(html);
      if (!source) {
        const hop = /window\.location\.href\s*=\s*'([^']+)'/.exec(html)?.[1];
        if (!hop) throw new Error('VOE: no payload and no redirect');
        pageUrl = hop;
        html = (await get(hop)).body.toString('utf8');
        source = voeFromPage(html);
      }
      if (!source) throw new Error('VOE: no source');
      const origin = new URL(pageUrl).origin;
      return {
        kind: 'hls',
        url: source,
        headers: { 'user-agent': TEST_UA, referer: `${hosterBase(pageUrl)}/`, origin },
      };
    }
    case 'Doodstream': {
      const pass = /\$\.get\('([^']*\/pass_md5\/[^']*)'/.exec(html)?.[1] ?? '';
      const token = /token=([a-zA-Z0-9]+)/.exec(html)?.[1] ?? '';
      const headers = { 'user-agent': TEST_UA, referer: embedUrl };
      const cdnBase = (await get(new URL(pass, embedUrl).toString(), headers)).body.toString(
        'utf8',
      );
      return {
        kind: 'mp4',
        url: `${cdnBase}AbCdEfGhIj?token=${token}&expiry=${Date.now()}`,
        headers,
      };
    }
    case 'Filemoon': {
      const code = /\/[de]\/([A-Za-z0-9]+)/.exec(embedUrl)?.[1] ?? '';
      const headers = { 'user-agent': TEST_UA, referer: embedUrl };
      const api = await get(`${base}/api/videos/${code}`, headers);
      if (api.status === 200) {
        const plain = decryptFilemoon(
          (JSON.parse(api.body.toString()) as { playback: never }).playback,
        ) as {
          sources: { url: string; height: number }[];
        };
        const best = [...plain.sources].sort((a, b) => b.height - a.height)[0];
        return { kind: 'hls', url: best.url, headers };
      }
      const file = /file:"([^"]+)"/.exec(unpackJs(html))?.[1] ?? '';
      return { kind: 'hls', url: file, headers };
    }
    case 'Vidmoly': {
      const file = /file\s*:\s*['"]([^'"]+?\.m3u8[^'"]*)['"]/.exec(html)?.[1] ?? '';
      return { kind: 'hls', url: file, headers: { 'user-agent': TEST_UA, referer: `${base}/` } };
    }
    case 'Vidoza': {
      const src = /src:\s*"([^"]+)"/.exec(html)?.[1] ?? '';
      return { kind: 'mp4', url: src, headers: { 'user-agent': TEST_UA } };
    }
    case 'Luluvdo': {
      const id = new URL(embedUrl).pathname.split('/').pop() ?? '';
      const headers = { 'user-agent': TEST_UA, referer: `${base}/`, origin: new URL(base).origin };
      const dl = await get(
        `${base}/dl?op=embed&file_code=${id}&embed=1&referer=luluvdo.com&adb=0`,
        headers,
      );
      const file = /file:\s*"([^"]+)"/.exec(dl.body.toString())?.[1] ?? '';
      return { kind: 'hls', url: file, headers };
    }
    case 'LoadX': {
      const head = await fetchRaw(embedUrl, { method: 'HEAD' });
      const finalUrl = new URL(String(head.headers.location), embedUrl);
      const parts = finalUrl.pathname.split('/');
      const hash = parts[parts.indexOf('v') + 1];
      const api = await fetchRaw(`${base}/player/index.php?data=${hash}&do=getVideo`, {
        method: 'POST',
        headers: { 'x-requested-with': 'XMLHttpRequest' },
      });
      return {
        kind: 'hls',
        url: (JSON.parse(api.body.toString()) as { videoSource: string }).videoSource,
        headers: { accept: '*/*' },
      };
    }
    case 'SpeedFiles': {
      const enc = /var _0x5opu234 = "(.*?)";/.exec(html)?.[1] ?? '';
      return { kind: 'mp4', url: decodeSpeedFiles(enc), headers: {} };
    }
    case 'Streamtape': {
      const m =
        /get_video\?id=[^&'\s]+&expires=[^&'\s]+&ip=[^&'\s]+&token=[^&'\s]+'/.exec(html)?.[0] ?? '';
      return { kind: 'mp4', url: `${base}/${m.slice(0, -1)}`, headers: {} };
    }
  }
}
