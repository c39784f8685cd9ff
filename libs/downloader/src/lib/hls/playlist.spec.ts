import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { InvalidMedia } from '../core/errors';
import {
  isMasterPlaylist,
  parseAttributes,
  parseMasterPlaylist,
  parseMediaPlaylist,
  selectVariant,
} from './playlist';

const FIXTURES = join(__dirname, '../../../test/fixtures/hls');
const BASE = 'https://cdn.example.net/engine/hls2/01/abc/';

describe('master playlists (real VOE masters)', () => {
  it.each(['voe-master-1.m3u8', 'voe-master-2.m3u8', 'voe-master-3.m3u8'])('%s', (file) => {
    const text = readFileSync(join(FIXTURES, file), 'utf8');
    expect(isMasterPlaylist(text)).toBe(true);
    const variants = parseMasterPlaylist(text, `${BASE}master.m3u8?t=x`);
    // I-frame playlists are not variants to download.
    expect(variants.every((v) => v.url.includes('/index-'))).toBe(true);
    expect(variants[0].url.startsWith(BASE)).toBe(true);
    // Query strings with '+', '=' and ',' survive untouched.
    expect(variants[0].url).toContain('&q=n');
    expect(variants[0].bandwidth).toBeGreaterThan(900_000);
    expect(variants[0].height).toBe(file === 'voe-master-3.m3u8' ? 536 : 720);
  });

  it('VOE master 1 lists the same rendition twice; the first wins', () => {
    const variants = parseMasterPlaylist(
      readFileSync(join(FIXTURES, 'voe-master-1.m3u8'), 'utf8'),
      BASE,
    );
    expect(variants).toHaveLength(2);
    expect(selectVariant(variants).url).toContain('index-f1-');
  });
});

describe('selectVariant', () => {
  const variants = [
    { url: 'a', bandwidth: 800_000, height: 360 },
    { url: 'b', bandwidth: 5_000_000, height: 1080 },
    { url: 'c', bandwidth: 2_500_000, height: 720 },
  ];
  it('takes the highest bandwidth by default', () => expect(selectVariant(variants).url).toBe('b'));
  it('takes the height closest to the preferred one', () => {
    expect(selectVariant(variants, 720).url).toBe('c');
    expect(selectVariant(variants, 480).url).toBe('a');
    expect(selectVariant(variants, 2160).url).toBe('b');
  });
});

describe('parseAttributes', () => {
  it('keeps commas inside quotes', () => {
    expect(parseAttributes('BANDWIDTH=1,CODECS="avc1.4d401f,mp4a.40.2",RESOLUTION=1x2')).toEqual({
      BANDWIDTH: '1',
      CODECS: 'avc1.4d401f,mp4a.40.2',
      RESOLUTION: '1x2',
    });
  });
});

describe('media playlists', () => {
  it('resolves relative and absolute URIs, sequence numbers and durations', () => {
    const text = [
      '#EXTM3U',
      '#EXT-X-TARGETDURATION:6',
      '#EXT-X-MEDIA-SEQUENCE:7',
      '#EXTINF:6.0,',
      'seg0.ts?tok=1',
      '#EXTINF:5.5,',
      '/other/seg1.ts',
      '#EXT-X-DISCONTINUITY',
      '#EXTINF:2,',
      'https://x.example/seg2.ts',
      '#EXT-X-ENDLIST',
    ].join('\r\n');
    const m = parseMediaPlaylist(text, 'https://cdn.example/a/b/index.m3u8?t=9');
    expect(m.segments.map((s) => s.url)).toEqual([
      'https://cdn.example/a/b/seg0.ts?tok=1',
      'https://cdn.example/other/seg1.ts',
      'https://x.example/seg2.ts',
    ]);
    expect(m.segments.map((s) => s.sequence)).toEqual([7, 8, 9]);
    expect(m.segments.map((s) => s.discontinuity)).toEqual([false, false, true]);
    expect(m.totalDuration).toBeCloseTo(13.5);
    expect(m.endList).toBe(true);
    expect(m.targetDuration).toBe(6);
  });

  it('continues BYTERANGE offsets when the tag omits them', () => {
    const text =
      '#EXTM3U\n#EXTINF:2,\n#EXT-X-BYTERANGE:100@0\nall.ts\n#EXTINF:2,\n#EXT-X-BYTERANGE:50\nall.ts\n#EXTINF:2,\n#EXT-X-BYTERANGE:70@400\nall.ts\n';
    const m = parseMediaPlaylist(text, 'http://h/p/index.m3u8');
    expect(m.segments.map((s) => s.byteRange)).toEqual([
      { offset: 0, length: 100 },
      { offset: 100, length: 50 },
      { offset: 400, length: 70 },
    ]);
  });

  it('attaches AES-128 keys with and without IV, and NONE clears the key', () => {
    const text = [
      '#EXTM3U',
      '#EXT-X-MEDIA-SEQUENCE:3',
      '#EXT-X-KEY:METHOD=AES-128,URI="../keys/k1.bin",IV=0x000102030405060708090a0b0c0d0e0f',
      '#EXTINF:2,',
      's0.ts',
      '#EXT-X-KEY:METHOD=AES-128,URI="https://k.example/k2"',
      '#EXTINF:2,',
      's1.ts',
      '#EXT-X-KEY:METHOD=NONE',
      '#EXTINF:2,',
      's2.ts',
    ].join('\n');
    const [a, b, c] = parseMediaPlaylist(text, 'http://h/hls/clip/index.m3u8').segments;
    expect(a.key?.url).toBe('http://h/hls/keys/k1.bin');
    expect(a.key?.iv?.toString('hex')).toBe('000102030405060708090a0b0c0d0e0f');
    expect(b.key).toEqual({ method: 'AES-128', url: 'https://k.example/k2', iv: undefined });
    expect(c.key).toBeUndefined();
  });

  it('rejects what it cannot download', () => {
    expect(() => parseMediaPlaylist('<html>', 'http://h/')).toThrow(InvalidMedia);
    expect(() => parseMediaPlaylist('#EXTM3U\n#EXT-X-ENDLIST\n', 'http://h/')).toThrow(
      /no segments/,
    );
    expect(() =>
      parseMediaPlaylist(
        '#EXTM3U\n#EXT-X-KEY:METHOD=SAMPLE-AES,URI="k"\n#EXTINF:1,\na.ts\n',
        'http://h/',
      ),
    ).toThrow(/SAMPLE-AES/);
  });
});
