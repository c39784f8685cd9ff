import { createDecipheriv, createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Clip } from '@aniworld/sandbox';

/**
 * A player in miniature, for the STRM proxy's tests and benchmark: reads a `.strm` URL the way a
 * media server's player does — an MP4 in sequential Range requests, HLS as master → first
 * variant → key → every segment in order (BYTERANGE honoured, AES-128 decrypted) — and hashes
 * what it got, so it can be compared with the media the sandbox serves.
 */
export interface Playback {
  kind: 'mp4' | 'hls';
  /** SHA-256 of the MP4, or of the decrypted segments concatenated. */
  sha256: string;
  bytes: number;
  /** HLS with EXT-X-BYTERANGE (one file, ranges of it). */
  byteRange: boolean;
  requests: number;
}

export interface PlayOptions {
  /** MP4: bytes per Range request (default 256 KiB). */
  chunkBytes?: number;
  /** Called after every MP4 chunk or HLS segment with the bytes read so far. */
  onProgress?: (bytes: number) => void | Promise<void>;
}

const M3U8 = /mpegurl/i;

export async function play(url: string, options: PlayOptions = {}): Promise<Playback> {
  const head = await fetch(url, { method: 'HEAD' });
  if (!head.ok) throw new Error(`HEAD ${url}: ${head.status}`);
  return M3U8.test(head.headers.get('content-type') ?? '')
    ? playHls(url, options)
    : playMp4(url, options);
}

export async function playMp4(url: string, options: PlayOptions = {}): Promise<Playback> {
  const chunk = options.chunkBytes ?? 256 * 1024;
  const hash = createHash('sha256');
  let offset = 0;
  let total = Infinity;
  let requests = 0;
  while (offset < total) {
    const res = await fetch(url, { headers: { range: `bytes=${offset}-${offset + chunk - 1}` } });
    requests++;
    if (res.status !== 206)
      throw new Error(`range at ${offset}: ${res.status} ${await res.text()}`);
    const match = /^bytes (\d+)-(\d+)\/(\d+)$/.exec(res.headers.get('content-range') ?? '');
    if (!match || Number(match[1]) !== offset)
      throw new Error(`bad Content-Range ${res.headers.get('content-range')}`);
    total = Number(match[3]);
    const body = Buffer.from(await res.arrayBuffer());
    if (body.length !== Number(match[2]) - offset + 1) throw new Error('short range');
    hash.update(body);
    offset += body.length;
    await options.onProgress?.(offset);
  }
  return { kind: 'mp4', sha256: hash.digest('hex'), bytes: offset, byteRange: false, requests };
}

async function text(url: string): Promise<string> {
  const res = await fetch(url);
  if (!res.ok) throw new Error(`GET ${url}: ${res.status} ${await res.text()}`);
  return res.text();
}

async function bytes(url: string, range?: string): Promise<Buffer> {
  const res = await fetch(url, range ? { headers: { range } } : {});
  if (!res.ok) throw new Error(`GET ${url}: ${res.status} ${await res.text()}`);
  return Buffer.from(await res.arrayBuffer());
}

export async function playHls(url: string, options: PlayOptions = {}): Promise<Playback> {
  let requests = 1;
  let playlistUrl = url;
  let playlist = await text(url);
  const variant = /#EXT-X-STREAM-INF[^\n]*\n([^\n#][^\n]*)/.exec(playlist);
  if (variant) {
    playlistUrl = new URL(variant[1].trim(), url).toString();
    playlist = await text(playlistUrl);
    requests++;
  }
  const hash = createHash('sha256');
  let total = 0;
  let sequence = Number(/#EXT-X-MEDIA-SEQUENCE:(\d+)/.exec(playlist)?.[1] ?? 0);
  let key: { key: Buffer; iv: Buffer | null } | null = null;
  let range: { length: number; offset: number } | null = null;
  let nextOffset = 0;
  let byteRange = false;
  for (const raw of playlist.split('\n')) {
    const line = raw.trim();
    if (line.startsWith('#EXT-X-KEY:')) {
      const uri = /URI="([^"]+)"/.exec(line)?.[1];
      const iv = /IV=0x([0-9a-fA-F]+)/.exec(line)?.[1];
      key = uri
        ? {
            key: await bytes(new URL(uri, playlistUrl).toString()),
            iv: iv ? Buffer.from(iv, 'hex') : null,
          }
        : null;
      if (uri) requests++;
    } else if (line.startsWith('#EXT-X-BYTERANGE:')) {
      const [length, offset] = line.slice('#EXT-X-BYTERANGE:'.length).split('@');
      range = {
        length: Number(length),
        offset: offset === undefined ? nextOffset : Number(offset),
      };
      byteRange = true;
    } else if (line && !line.startsWith('#')) {
      const header = range ? `bytes=${range.offset}-${range.offset + range.length - 1}` : undefined;
      let data = await bytes(new URL(line, playlistUrl).toString(), header);
      requests++;
      if (range) nextOffset = range.offset + range.length;
      range = null;
      if (key) {
        const iv = key.iv ?? sequenceIv(sequence);
        const decipher = createDecipheriv('aes-128-cbc', key.key, iv);
        data = Buffer.concat([decipher.update(data), decipher.final()]);
      }
      hash.update(data);
      total += data.length;
      sequence++;
      await options.onProgress?.(total);
    }
  }
  return { kind: 'hls', sha256: hash.digest('hex'), bytes: total, byteRange, requests };
}

function sequenceIv(sequence: number): Buffer {
  const iv = Buffer.alloc(16);
  iv.writeUInt32BE(sequence, 12);
  return iv;
}

/** What a playback of the sandbox's hoster clip must have read: its highest variant. */
export function expectedSha256(clip: Clip, playback: Pick<Playback, 'kind' | 'byteRange'>): string {
  const variant = clip.variants[0];
  const hash = createHash('sha256');
  if (playback.kind === 'mp4') hash.update(readFileSync(variant.mp4));
  else if (playback.byteRange) {
    const file = readFileSync(variant.singleFile);
    for (const r of variant.byteRanges) hash.update(file.subarray(r.offset, r.offset + r.length));
  } else
    for (const s of variant.segments) hash.update(readFileSync(join(variant.segmentDir, s.uri)));
  return hash.digest('hex');
}
