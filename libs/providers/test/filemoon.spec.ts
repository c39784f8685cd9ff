import {
  ParseFailed,
  decodeBaseN,
  decryptFilemoonPlayback,
  encodeBaseN,
  filemoonExtractor,
  parseFilemoonPacked,
  pickFilemoonSource,
  unpackPacked,
} from '../src';
import { encryptFilemoonPlayback, packJs } from './helpers/encoders';
import { FakeHttp, html } from './helpers/fake-http';

const UA = 'TestUA/1.0';
const P = 'http://127.0.0.1:9';
const plain = {
  sources: [
    { url: 'https://cdn.example/360/master.m3u8', height: 360 },
    { url: 'https://cdn.example/1080/master.m3u8', height: 1080 },
    { url: 'https://cdn.example/720/master.m3u8', height: 720 },
  ],
};

describe('Filemoon playback API', () => {
  it('decrypts AES-256-GCM and picks the highest height', () => {
    expect(pickFilemoonSource(decryptFilemoonPlayback(encryptFilemoonPlayback(plain)))).toBe(
      'https://cdn.example/1080/master.m3u8',
    );
  });

  it('falls back to iv2/payload2 when the first pair does not authenticate', () => {
    expect(decryptFilemoonPlayback(encryptFilemoonPlayback(plain, { breakFirst: true }))).toEqual(
      plain,
    );
  });

  it('throws when no pair decrypts', () => {
    const playback = encryptFilemoonPlayback(plain);
    playback.key_parts = [playback.key_parts[1], playback.key_parts[0]];
    expect(() => decryptFilemoonPlayback(playback)).toThrow();
  });

  it('uses the API under the hoster prefix', async () => {
    const http = new FakeHttp().on(
      `${P}/filemoon/api/videos/code1`,
      html(JSON.stringify({ playback: encryptFilemoonPlayback(plain) })),
    );
    const d = await filemoonExtractor.extract(`${P}/filemoon/e/code1`, { http, userAgent: UA });
    expect(d).toEqual({
      kind: 'hls',
      url: 'https://cdn.example/1080/master.m3u8',
      headers: { 'User-Agent': UA, Referer: `${P}/filemoon/`, Origin: P },
    });
  });

  it('reports undecryptable playback as ParseFailed', async () => {
    const playback = { ...encryptFilemoonPlayback(plain), key_parts: ['AAAA'] };
    const http = new FakeHttp().on(/api\/videos/, html(JSON.stringify({ playback })));
    await expect(
      filemoonExtractor.extract(`${P}/filemoon/e/c`, { http, userAgent: UA }),
    ).rejects.toBeInstanceOf(ParseFailed);
  });
});

describe('packed-JS fallback', () => {
  it('converts base-N words up to base 62', () => {
    for (const base of [10, 36, 62])
      for (const n of [0, 5, 61, 62, 1000]) expect(decodeBaseN(encodeBaseN(n, base), base)).toBe(n);
  });

  it.each([10, 36, 62])('unpacks what the packer packed (base %d)', (base) => {
    const source =
      "var player=jwplayer('vplayer');player.setup({sources:[{file:\"https://x.example/hls2/01/y.m3u8?t=1\"}],image:'it\\'s.jpg'});";
    const packed = packJs(source, base);
    expect(unpackPacked(`<script>${packed}</script>`)).toBe(source);
  });

  it('finds the stream in an unpacked page', () => {
    const page = `<script>${packJs('jwplayer("v").setup({sources:[{file:"https://x.example/y/master.m3u8?e=1"}]})')}</script>`;
    expect(parseFilemoonPacked(page, 'https://filemoon.sx/e/x')?.url).toBe(
      'https://x.example/y/master.m3u8?e=1',
    );
  });

  it('falls back to the packed embed page when the API answers 404', async () => {
    const http = new FakeHttp()
      .on(`${P}/filemoon/api/videos/old`, { status: 404 })
      .on(
        `${P}/filemoon/e/old`,
        html(`<script>${packJs(`var s={file:"${P}/cdn/hls/sample/master.m3u8"}`)}</script>`),
      );
    const d = await filemoonExtractor.extract(`${P}/filemoon/e/old`, { http, userAgent: UA });
    expect(d.url).toBe(`${P}/cdn/hls/sample/master.m3u8`);
  });

  it('reports VideoGone when both API and page are 404', async () => {
    const http = new FakeHttp();
    await expect(
      filemoonExtractor.extract(`${P}/filemoon/e/none`, { http, userAgent: UA }),
    ).rejects.toMatchObject({ code: 'VIDEO_GONE' });
  });
});
