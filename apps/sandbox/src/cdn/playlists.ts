import { createCipheriv, createHash } from 'node:crypto';
import type { Clip, ClipVariant } from '../media/clip-types';

export const HLS_MODES = ['hls', 'hls-abs', 'hls-aes', 'hls-aes-seq', 'hls-range'] as const;
export type HlsMode = (typeof HLS_MODES)[number];

/** `hls-aes-seq` starts here so a client that assumes IV = segment index (from 0) fails. */
export const AES_SEQ_FIRST_SEQUENCE = 7;

export function clipKey(clip: string): Buffer {
  return createHash('sha256').update(`sandbox-key:${clip}`).digest().subarray(0, 16);
}

export function clipIv(clip: string): Buffer {
  return createHash('sha256').update(`sandbox-iv:${clip}`).digest().subarray(0, 16);
}

/** IV for `hls-aes-seq`: the media sequence number as a 128-bit big-endian integer (RFC 8216 §5.2). */
export function sequenceIv(sequence: number): Buffer {
  const iv = Buffer.alloc(16);
  iv.writeUInt32BE(sequence, 12);
  return iv;
}

export function encryptSegment(data: Buffer, key: Buffer, iv: Buffer): Buffer {
  const cipher = createCipheriv('aes-128-cbc', key, iv);
  return Buffer.concat([cipher.update(data), cipher.final()]);
}

export function masterPlaylist(clip: Clip, mode: HlsMode, absBase: string): string {
  const lines = ['#EXTM3U', '#EXT-X-VERSION:3', '#EXT-X-INDEPENDENT-SEGMENTS'];
  for (const v of clip.variants) {
    lines.push(
      `#EXT-X-STREAM-INF:BANDWIDTH=${v.bandwidth},RESOLUTION=${v.width}x${v.height},FRAME-RATE=25.000`,
    );
    lines.push(`${mode === 'hls-abs' ? absBase : ''}${v.height}p/index.m3u8`);
  }
  return `${lines.join('\n')}\n`;
}

/**
 * Media playlist of one variant. `dirUrl` is the absolute URL of the variant directory (fault and
 * guard path segments included) for modes that use absolute URIs; `keyUrl` the key URI.
 */
export function mediaPlaylist(
  clip: Clip,
  variant: ClipVariant,
  mode: HlsMode,
  dirUrl: string,
  keyUrl: string,
): string {
  const firstSeq = mode === 'hls-aes-seq' ? AES_SEQ_FIRST_SEQUENCE : 0;
  const version = mode === 'hls-range' ? 4 : 3;
  const lines = [
    '#EXTM3U',
    `#EXT-X-VERSION:${version}`,
    `#EXT-X-TARGETDURATION:${variant.targetDurationSec}`,
    `#EXT-X-MEDIA-SEQUENCE:${firstSeq}`,
    '#EXT-X-PLAYLIST-TYPE:VOD',
  ];
  if (mode === 'hls-aes') {
    lines.push(
      `#EXT-X-KEY:METHOD=AES-128,URI="${keyUrl}",IV=0x${clipIv(clip.name).toString('hex')}`,
    );
  } else if (mode === 'hls-aes-seq') {
    lines.push(`#EXT-X-KEY:METHOD=AES-128,URI="${keyUrl}"`);
  }
  if (mode === 'hls-range') {
    for (const r of variant.byteRanges) {
      lines.push(
        `#EXTINF:${r.durationSec.toFixed(6)},`,
        `#EXT-X-BYTERANGE:${r.length}@${r.offset}`,
        'single.ts',
      );
    }
  } else {
    for (const s of variant.segments) {
      lines.push(
        `#EXTINF:${s.durationSec.toFixed(6)},`,
        mode === 'hls-abs' ? `${dirUrl}${s.uri}` : s.uri,
      );
    }
  }
  lines.push('#EXT-X-ENDLIST');
  return `${lines.join('\n')}\n`;
}

export function webVtt(language: string): string {
  const lines =
    language === 'de'
      ? ['Hallo aus der Sandbox.', 'Zweiter Untertitel.']
      : ['Hello from the sandbox.', 'Second cue.'];
  return `WEBVTT\n\n00:00:01.000 --> 00:00:04.000\n${lines[0]}\n\n00:00:05.000 --> 00:00:08.000\n${lines[1]}\n`;
}
