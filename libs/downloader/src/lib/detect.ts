import { Agent, redirectInterceptor, request } from './http/undici';
import { errorForStatus, mapNetworkError } from './core/errors';

const HLS_TYPES = /mpegurl/i;

export function kindFromUrl(url: string): 'hls' | 'mp4' | null {
  const path = new URL(url).pathname.toLowerCase();
  if (path.endsWith('.m3u8') || path.endsWith('.m3u')) return 'hls';
  if (/\.(mp4|m4v|mkv|webm|mov)$/.test(path)) return 'mp4';
  return null;
}

export function kindFromResponse(contentType: string | undefined, head: Buffer): 'hls' | 'mp4' {
  if (contentType && HLS_TYPES.test(contentType)) return 'hls';
  if (
    head
      .toString('utf8', 0, Math.min(head.length, 64))
      .replace(/^\uFEFF/, '')
      .trimStart()
      .startsWith('#EXTM3U')
  )
    return 'hls';
  return 'mp4';
}

/**
 * Decides whether a direct URL is an HLS playlist or a progressive file: the extension when it
 * says, else the Content-Type and the first bytes (#EXTM3U) of a small ranged request.
 */
export async function detectStreamKind(
  url: string,
  headers: Record<string, string> = {},
): Promise<'hls' | 'mp4'> {
  const byName = kindFromUrl(url);
  if (byName) return byName;
  const agent = new Agent({ connections: 1 });
  try {
    const res = await request(url, {
      headers: { ...headers, range: 'bytes=0-1023' },
      dispatcher: agent.compose(redirectInterceptor({ maxRedirections: 5 })),
    }).catch((err: unknown) => {
      throw mapNetworkError(err, url);
    });
    if (res.statusCode >= 300) {
      res.body.resume();
      throw errorForStatus(url, res.statusCode);
    }
    const chunks: Buffer[] = [];
    let n = 0;
    for await (const c of res.body as AsyncIterable<Buffer>) {
      chunks.push(c);
      n += c.length;
      if (n >= 1024) break;
    }
    const ct = res.headers['content-type'];
    return kindFromResponse(Array.isArray(ct) ? ct[0] : ct, Buffer.concat(chunks));
  } finally {
    await agent.destroy();
  }
}
