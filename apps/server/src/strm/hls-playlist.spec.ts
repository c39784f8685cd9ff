import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { findStep, isPlaylistStep, playlistDurationSec, rewritePlaylist } from './hls-playlist';

/** A real VOE master (tokens in every URI, two variants, two I-frame playlists). */
const VOE_MASTER = readFileSync(
  join(__dirname, '../../test/fixtures/hls/voe-master-1.m3u8'),
  'utf8',
);
const MASTER_URL = 'https://cdn.example.net/engine/hls2/01/abc/master.m3u8?t=x';

const MEDIA = [
  '#EXTM3U',
  '#EXT-X-VERSION:7',
  '#EXT-X-TARGETDURATION:4',
  '#EXT-X-MEDIA-SEQUENCE:7',
  '#EXT-X-MAP:URI="init.mp4"',
  '#EXT-X-KEY:METHOD=AES-128,URI="../keys/k1.key?tok=1",IV=0x00000000000000000000000000000001',
  '#EXTINF:4.000,',
  'seg_000.m4s',
  '#EXT-X-BYTERANGE:1000@0',
  '#EXTINF:4.000,',
  'https://other.example.org/abs/seg_001.m4s?sig=a',
  '#EXT-X-KEY:METHOD=NONE',
  '#EXTINF:2.5,',
  '/root/seg_002.m4s',
  '#EXT-X-PART:DURATION=1,URI="part.m4s"',
  '#EXT-X-ENDLIST',
  '',
].join('\n');
const MEDIA_URL = 'https://cdn.example.net/v/720p/index.m3u8?t=1';

describe('HLS playlists through the proxy', () => {
  const steps = (text: string, base: string) => {
    const seen: [string, string][] = [];
    rewritePlaylist(text, base, (uri, step) => {
      seen.push([step, uri]);
      return `P(${step})`;
    });
    return seen;
  };

  it('names every URI of a real master by a step: variants and I-frame playlists', () => {
    const seen = steps(VOE_MASTER, MASTER_URL);
    expect(seen.map(([step]) => step)).toEqual(['v0', 'v1', 'i0', 'i1']);
    expect(seen[0][1]).toMatch(
      /^https:\/\/cdn\.example\.net\/engine\/hls2\/01\/abc\/index-f1-v1-a1\.m3u8\?t=hdfa7/,
    );
    expect(seen[2][1]).toMatch(/\/abc\/iframes-f1-v1-a1\.m3u8\?t=/);
  });

  it('rewrites URI lines and URI attributes, keeps every other line, drops low-latency parts', () => {
    const out = rewritePlaylist(MEDIA, MEDIA_URL, (_uri, step) => `proxy/${step}.x?sig=1`);
    expect(out.split('\n')).toEqual([
      '#EXTM3U',
      '#EXT-X-VERSION:7',
      '#EXT-X-TARGETDURATION:4',
      '#EXT-X-MEDIA-SEQUENCE:7',
      '#EXT-X-MAP:URI="proxy/x0.x?sig=1"',
      '#EXT-X-KEY:METHOD=AES-128,URI="proxy/k0.x?sig=1",IV=0x00000000000000000000000000000001',
      '#EXTINF:4.000,',
      'proxy/s7.x?sig=1',
      '#EXT-X-BYTERANGE:1000@0',
      '#EXTINF:4.000,',
      'proxy/s8.x?sig=1',
      '#EXT-X-KEY:METHOD=NONE',
      '#EXTINF:2.5,',
      'proxy/s9.x?sig=1',
      '#EXT-X-ENDLIST',
      '',
    ]);
  });

  it('resolves relative, root-relative and absolute URIs against the playlist URL', () => {
    expect(Object.fromEntries(steps(MEDIA, MEDIA_URL))).toEqual({
      x0: 'https://cdn.example.net/v/720p/init.mp4',
      k0: 'https://cdn.example.net/v/keys/k1.key?tok=1',
      s7: 'https://cdn.example.net/v/720p/seg_000.m4s',
      s8: 'https://other.example.org/abs/seg_001.m4s?sig=a',
      s9: 'https://cdn.example.net/root/seg_002.m4s',
    });
  });

  it('finds a step again in a freshly resolved playlist with new tokens', () => {
    const renewed = VOE_MASTER.replace(/t=hdfa7RoSI[^&]+/g, 't=NEWTOKEN');
    expect(findStep(renewed, MASTER_URL, 'v1')).toMatch(/index-f2-v1-a1\.m3u8\?t=NEWTOKEN&/);
    expect(findStep(MEDIA, MEDIA_URL, 's8')).toBe(
      'https://other.example.org/abs/seg_001.m4s?sig=a',
    );
    expect(findStep(MEDIA, MEDIA_URL, 's6')).toBeNull();
    expect(findStep(MEDIA, MEDIA_URL, 'v0')).toBeNull();
  });

  it('leaves URIs of other schemes alone', () => {
    const text = '#EXTM3U\n#EXT-X-KEY:METHOD=SAMPLE-AES,URI="skd://key-id"\n#EXTINF:2,\na.ts\n';
    const out = rewritePlaylist(text, MEDIA_URL, (_u, step) => step);
    expect(out).toBe('#EXTM3U\n#EXT-X-KEY:METHOD=SAMPLE-AES,URI="skd://key-id"\n#EXTINF:2,\ns0\n');
  });

  it('knows which steps are playlists and how long a media playlist plays', () => {
    expect(['v0', 'm3', 'i1'].every(isPlaylistStep)).toBe(true);
    expect(['s0', 'k0', 'x0', 'v'].some(isPlaylistStep)).toBe(false);
    expect(playlistDurationSec(MEDIA)).toBeCloseTo(10.5);
    expect(playlistDurationSec(VOE_MASTER)).toBe(0);
  });
});
