import { InvalidMedia } from '../core/errors';

export interface Variant {
  url: string;
  bandwidth?: number;
  width?: number;
  height?: number;
  codecs?: string;
}

export interface KeyInfo {
  method: 'AES-128';
  url: string;
  /** 16 bytes when the tag carries IV=0x…; otherwise the media sequence number is the IV. */
  iv?: Buffer;
}

export interface ByteRange {
  offset: number;
  length: number;
}

export interface Segment {
  index: number;
  /** Media sequence number (EXT-X-MEDIA-SEQUENCE + position). */
  sequence: number;
  url: string;
  duration: number;
  byteRange?: ByteRange;
  key?: KeyInfo;
  discontinuity: boolean;
}

export interface MediaPlaylist {
  targetDuration?: number;
  mediaSequence: number;
  segments: Segment[];
  endList: boolean;
  totalDuration: number;
}

export function isPlaylistText(text: string): boolean {
  return text
    .replace(/^\uFEFF/, '')
    .trimStart()
    .startsWith('#EXTM3U');
}

export function isMasterPlaylist(text: string): boolean {
  return /^#EXT-X-STREAM-INF:/m.test(text);
}

/** Parses `KEY=value,KEY="quoted, value"` attribute lists. */
export function parseAttributes(list: string): Record<string, string> {
  const out: Record<string, string> = {};
  const re = /([A-Z0-9-]+)=("[^"]*"|[^,]*)/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(list)) !== null) {
    const raw = m[2];
    out[m[1]] = raw.startsWith('"') ? raw.slice(1, -1) : raw;
  }
  return out;
}

function lines(text: string): string[] {
  return text
    .replace(/^\uFEFF/, '')
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l.length > 0);
}

function resolve(uri: string, base: string): string {
  return new URL(uri, base).toString();
}

export function parseMasterPlaylist(text: string, baseUrl: string): Variant[] {
  if (!isPlaylistText(text)) throw new InvalidMedia('not an HLS playlist (no #EXTM3U)');
  const variants: Variant[] = [];
  let pending: Record<string, string> | null = null;
  for (const line of lines(text)) {
    if (line.startsWith('#EXT-X-STREAM-INF:')) {
      pending = parseAttributes(line.slice('#EXT-X-STREAM-INF:'.length));
    } else if (line.startsWith('#')) {
      continue;
    } else if (pending) {
      const [w, h] = (pending['RESOLUTION'] ?? '').split('x').map(Number);
      const bw = Number(pending['BANDWIDTH']);
      variants.push({
        url: resolve(line, baseUrl),
        bandwidth: Number.isFinite(bw) && bw > 0 ? bw : undefined,
        width: Number.isFinite(w) && w > 0 ? w : undefined,
        height: Number.isFinite(h) && h > 0 ? h : undefined,
        codecs: pending['CODECS'],
      });
      pending = null;
    }
  }
  if (variants.length === 0) throw new InvalidMedia('master playlist lists no variants');
  return variants;
}

/**
 * The variant whose height is closest to `preferredHeight` (ties: the higher bandwidth), or the
 * highest bandwidth when no height is preferred. Duplicate entries (VOE lists the same rendition
 * twice for two CDN nodes) resolve to the first.
 */
export function selectVariant(variants: Variant[], preferredHeight?: number): Variant {
  const bw = (v: Variant): number => v.bandwidth ?? 0;
  let best = variants[0];
  for (const v of variants.slice(1)) {
    if (preferredHeight !== undefined) {
      const dv = Math.abs((v.height ?? 0) - preferredHeight);
      const db = Math.abs((best.height ?? 0) - preferredHeight);
      if (dv < db || (dv === db && bw(v) > bw(best))) best = v;
    } else if (bw(v) > bw(best)) {
      best = v;
    }
  }
  return best;
}

export function parseMediaPlaylist(text: string, baseUrl: string): MediaPlaylist {
  if (!isPlaylistText(text)) throw new InvalidMedia('not an HLS playlist (no #EXTM3U)');
  let mediaSequence = 0;
  let targetDuration: number | undefined;
  let endList = false;
  let key: KeyInfo | undefined;
  let duration: number | null = null;
  let range: ByteRange | undefined;
  let discontinuity = false;
  // BYTERANGE without an offset continues where the previous range of the same URI ended.
  const nextOffset = new Map<string, number>();
  const segments: Segment[] = [];

  for (const line of lines(text)) {
    if (line.startsWith('#EXT-X-MEDIA-SEQUENCE:')) {
      mediaSequence = Number.parseInt(line.slice(22), 10) || 0;
    } else if (line.startsWith('#EXT-X-TARGETDURATION:')) {
      targetDuration = Number(line.slice(22));
    } else if (line.startsWith('#EXT-X-ENDLIST')) {
      endList = true;
    } else if (
      line.startsWith('#EXT-X-DISCONTINUITY') &&
      !line.startsWith('#EXT-X-DISCONTINUITY-')
    ) {
      discontinuity = true;
    } else if (line.startsWith('#EXT-X-KEY:')) {
      key = parseKey(line.slice(11), baseUrl);
    } else if (line.startsWith('#EXTINF:')) {
      duration = Number.parseFloat(line.slice(8));
    } else if (line.startsWith('#EXT-X-BYTERANGE:')) {
      const [len, off] = line.slice(17).split('@');
      range = { length: Number(len), offset: off === undefined ? -1 : Number(off) };
    } else if (line.startsWith('#EXT-X-MAP:')) {
      throw new InvalidMedia('fragmented-MP4 HLS (EXT-X-MAP) is not supported');
    } else if (!line.startsWith('#')) {
      const url = resolve(line, baseUrl);
      if (range && range.offset < 0) range = { ...range, offset: nextOffset.get(url) ?? 0 };
      if (range) nextOffset.set(url, range.offset + range.length);
      segments.push({
        index: segments.length,
        sequence: mediaSequence + segments.length,
        url,
        duration: duration ?? 0,
        byteRange: range,
        key,
        discontinuity,
      });
      duration = null;
      range = undefined;
      discontinuity = false;
    }
  }
  if (segments.length === 0) throw new InvalidMedia('media playlist has no segments');
  const totalDuration = segments.reduce((s, seg) => s + seg.duration, 0);
  return { targetDuration, mediaSequence, segments, endList, totalDuration };
}

function parseKey(attrList: string, baseUrl: string): KeyInfo | undefined {
  const a = parseAttributes(attrList);
  const method = a['METHOD'];
  if (!method || method === 'NONE') return undefined;
  if (method !== 'AES-128') throw new InvalidMedia(`unsupported HLS encryption ${method}`);
  if (!a['URI']) throw new InvalidMedia('EXT-X-KEY without URI');
  return {
    method: 'AES-128',
    url: resolve(a['URI'], baseUrl),
    iv: a['IV'] ? parseIv(a['IV']) : undefined,
  };
}

export function parseIv(hex: string): Buffer {
  const digits = hex.replace(/^0x/i, '');
  if (!/^[0-9a-f]{1,32}$/i.test(digits)) throw new InvalidMedia(`bad IV ${hex}`);
  return Buffer.from(digits.padStart(32, '0'), 'hex');
}
