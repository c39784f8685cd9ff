import { createDecipheriv } from 'node:crypto';
import { fetchRaw } from './http-client';

/**
 * Follows an HLS URL down to its first segment (decrypting AES-128, honouring BYTERANGE) and
 * returns the segment's bytes, so specs can check the MPEG-TS sync byte.
 */
export async function firstHlsSegment(
  url: string,
  headers: Record<string, string> = {},
): Promise<Buffer> {
  let playlistUrl = url;
  let text = (await fetchOk(playlistUrl, headers)).toString('utf8');
  if (text.includes('#EXT-X-STREAM-INF')) {
    const lines = text.split('\n');
    const i = lines.findIndex((l) => l.startsWith('#EXT-X-STREAM-INF'));
    playlistUrl = new URL(lines[i + 1].trim(), playlistUrl).toString();
    text = (await fetchOk(playlistUrl, headers)).toString('utf8');
  }
  const lines = text.split('\n').map((l) => l.trim());
  const segIndex = lines.findIndex((l) => l && !l.startsWith('#'));
  const segUrl = new URL(lines[segIndex], playlistUrl).toString();
  const range = lines.find((l) => l.startsWith('#EXT-X-BYTERANGE:'));
  let data: Buffer;
  if (range) {
    const [len, off] = range.slice(17).split('@').map(Number);
    data = await fetchOk(segUrl, { ...headers, range: `bytes=${off}-${off + len - 1}` });
  } else {
    data = await fetchOk(segUrl, headers);
  }
  const key = lines.find((l) => l.startsWith('#EXT-X-KEY:METHOD=AES-128'));
  if (!key) return data;
  const keyUrl = new URL(/URI="([^"]+)"/.exec(key)?.[1] ?? '', playlistUrl).toString();
  const keyBytes = await fetchOk(keyUrl, headers);
  const ivAttr = /IV=0x([0-9a-fA-F]+)/.exec(key)?.[1];
  let iv: Buffer;
  if (ivAttr) iv = Buffer.from(ivAttr.padStart(32, '0'), 'hex');
  else {
    const seq = Number(/#EXT-X-MEDIA-SEQUENCE:(\d+)/.exec(text)?.[1] ?? 0);
    iv = Buffer.alloc(16);
    iv.writeUInt32BE(seq, 12);
  }
  const d = createDecipheriv('aes-128-cbc', keyBytes, iv);
  return Buffer.concat([d.update(data), d.final()]);
}

/** First bytes of an MP4 URL, following redirects; returns the bytes after `ftyp` check by the caller. */
export async function mp4Head(url: string, headers: Record<string, string> = {}): Promise<Buffer> {
  let current = url;
  for (let hop = 0; hop < 5; hop++) {
    const res = await fetchRaw(current, { headers: { ...headers, range: 'bytes=0-31' } });
    if (res.status >= 300 && res.status < 400 && res.headers.location) {
      current = new URL(res.headers.location, current).toString();
      continue;
    }
    if (res.status !== 206)
      throw new Error(`${current} answered ${res.status}: ${res.body.toString().slice(0, 200)}`);
    return res.body;
  }
  throw new Error('too many redirects');
}

async function fetchOk(url: string, headers: Record<string, string>): Promise<Buffer> {
  const res = await fetchRaw(url, { headers });
  if (res.status !== 200 && res.status !== 206) {
    throw new Error(`${url} answered ${res.status}: ${res.body.toString().slice(0, 200)}`);
  }
  return res.body;
}
