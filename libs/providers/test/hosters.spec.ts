import {
  ChallengeRequired,
  HosterUnavailable,
  ParseFailed,
  VideoGone,
  buildDoodUrl,
  decodeSpeedfiles,
  doodstreamExtractor,
  loadxExtractor,
  loadxHash,
  luluvdoExtractor,
  luluvdoPlayerUrl,
  LULUVDO_USER_AGENT,
  parseDoodPage,
  parseStreamtapePage,
  parseVidmolyPage,
  parseVidozaPage,
  speedfilesExtractor,
  streamtapeExtractor,
  vidmolyEmbedUrl,
  vidmolyExtractor,
  vidozaExtractor,
} from '../src';
import { encodeSpeedfiles } from './helpers/encoders';
import { FakeHttp, html } from './helpers/fake-http';

const UA = 'TestUA/1.0';
const P = 'http://127.0.0.1:9';

describe('Doodstream', () => {
  const embed = `<script>$.get('/dood/pass_md5/123-45-678/abcdef', function(data){ x = data + makePlay(); });
    function makePlay(){ return "?token=abcdef&expiry=" + Date.now(); }</script>`;

  it('parses pass_md5 and token', () => {
    expect(parseDoodPage(embed)).toEqual({
      passMd5Path: '/dood/pass_md5/123-45-678/abcdef',
      token: 'abcdef',
    });
    expect(parseDoodPage('<p>no player</p>')).toBeNull();
  });

  it('builds the URL like makePlay()', () => {
    expect(buildDoodUrl('https://cdn.example/xyz~', 'abcdef', 1700000000000, () => 0)).toBe(
      'https://cdn.example/xyz~AAAAAAAAAA?token=abcdef&expiry=1700000000000',
    );
  });

  it('resolves pass_md5 under the hoster prefix and pins UA and Referer', async () => {
    const http = new FakeHttp()
      .on(`${P}/dood/e/vid1`, html(embed))
      .on(`${P}/dood/pass_md5/123-45-678/abcdef`, html(`${P}/cdn/mp4/sample.mp4?x=`));
    const d = await doodstreamExtractor.extract(`${P}/dood/e/vid1`, {
      http,
      userAgent: UA,
      now: () => 42,
      random: () => 0.5,
    });
    expect(d).toEqual({
      kind: 'mp4',
      url: `${P}/cdn/mp4/sample.mp4?x=ffffffffff?token=abcdef&expiry=42`,
      headers: { 'User-Agent': UA, Referer: `${P}/dood/` },
    });
    expect(http.header(1, 'referer')).toBe(`${P}/dood/e/vid1`);
  });

  it('says ParseFailed when pass_md5 is missing (playmogo case)', async () => {
    const http = new FakeHttp().on(/./, html('<p>player</p>'));
    await expect(
      doodstreamExtractor.extract(`${P}/dood/e/x`, { http, userAgent: UA }),
    ).rejects.toBeInstanceOf(ParseFailed);
  });
});

describe('Vidmoly', () => {
  it('rewrites view URLs to embed URLs under the same base', () => {
    expect(vidmolyEmbedUrl(`${P}/vidmoly/v/abc`)).toBe(`${P}/vidmoly/embed-abc.html`);
    expect(vidmolyEmbedUrl('https://vidmoly.net/embed-abc.html')).toBe(
      'https://vidmoly.net/embed-abc.html',
    );
  });

  it('reads the JW file and tracks', () => {
    const page = `<script>jwplayer("p").setup({sources: [{file:"https://box.example/hls/x,.urlset/master.m3u8"}], image:'a.jpg',
      tracks: [{file: "/subs/de.vtt", label: "Deutsch", kind: "captions"}, {file: "/t.vtt", kind: "thumbnails"}]});</script>`;
    expect(parseVidmolyPage(page, 'https://vidmoly.net/embed-x.html')).toEqual({
      url: 'https://box.example/hls/x,.urlset/master.m3u8',
      subtitles: [{ language: 'Deutsch', url: 'https://vidmoly.net/subs/de.vtt' }],
    });
  });

  it('extracts via the rewritten URL with the embed origin as Referer', async () => {
    const http = new FakeHttp().on(
      `${P}/vidmoly/embed-abc.html`,
      html(`<script>player.setup({ file : '${P}/cdn/hls/sample/master.m3u8' })</script>`),
    );
    const d = await vidmolyExtractor.extract(`${P}/vidmoly/v/abc`, { http, userAgent: UA });
    expect(d).toEqual({
      kind: 'hls',
      url: `${P}/cdn/hls/sample/master.m3u8`,
      headers: { 'User-Agent': UA, Referer: `${P}/vidmoly/`, Origin: P },
    });
    expect(http.header(0, 'referer')).toBe(`${P}/vidmoly/`);
  });
});

describe('Vidoza', () => {
  it('reads sourcesCode, then <source src>', () => {
    expect(
      parseVidozaPage(
        'sourcesCode: [{ src: "https://v.example/a.mp4", type: "video/mp4" }]',
        'https://videzz.net/embed-a.html',
      ),
    ).toBe('https://v.example/a.mp4');
    expect(
      parseVidozaPage(
        '<video><source src="/b.mp4" type="video/mp4"></video>',
        'https://videzz.net/embed-a.html',
      ),
    ).toBe('https://videzz.net/b.mp4');
  });

  it('turns "Video nicht verfügbar" into VideoGone', async () => {
    const http = new FakeHttp().on(/./, html('<h2>Video nicht verfügbar</h2>'));
    await expect(
      vidozaExtractor.extract(`${P}/vidoza/embed-x.html`, { http, userAgent: UA }),
    ).rejects.toBeInstanceOf(VideoGone);
  });
});

describe('Luluvdo', () => {
  it('builds the dl URL under the hoster base', () => {
    expect(luluvdoPlayerUrl(`${P}/luluvdo/e/abc?x=1`)).toBe(
      `${P}/luluvdo/dl?op=embed&file_code=abc&embed=1&referer=127.0.0.1%3A9&adb=0`,
    );
  });

  it('fetches with the Android Firefox UA and pins it with Origin and Referer', async () => {
    const http = new FakeHttp().on(
      /\/luluvdo\/dl\?/,
      html(`<script>sources: [{file:"${P}/cdn/hls/sample/master.m3u8"}]</script>`),
    );
    const d = await luluvdoExtractor.extract(`${P}/luluvdo/e/abc`, { http, userAgent: UA });
    expect(d.kind).toBe('hls');
    expect(d.headers).toMatchObject({
      'User-Agent': LULUVDO_USER_AGENT,
      Origin: P,
      Referer: `${P}/luluvdo/`,
    });
    expect(http.header(0, 'user-agent')).toBe(LULUVDO_USER_AGENT);
  });
});

describe('LoadX', () => {
  it('takes the hash from /v/<hash>/<name>', () => {
    expect(loadxHash(`${P}/loadx/v/h4sh/name.mp4`)).toBe('h4sh');
    expect(loadxHash(`${P}/loadx/other`)).toBeNull();
  });

  it('HEADs the embed, then POSTs getVideo with X-Requested-With', async () => {
    const http = new FakeHttp()
      .on(`${P}/loadx/e/abc`, (req) => ({
        url: req.method === 'HEAD' ? `${P}/loadx/v/h4sh/ep1` : req.url,
      }))
      .on(`${P}/loadx/player/index.php?data=h4sh&do=getVideo`, (req) =>
        req.method === 'POST' && req.headers?.['x-requested-with'] === 'XMLHttpRequest'
          ? { body: JSON.stringify({ videoSource: `${P}/cdn/hls/sample/master.m3u8` }) }
          : { status: 400 },
      );
    const d = await loadxExtractor.extract(`${P}/loadx/e/abc`, { http, userAgent: UA });
    expect(d).toMatchObject({
      kind: 'hls',
      url: `${P}/cdn/hls/sample/master.m3u8`,
      headers: { Accept: '*/*', 'User-Agent': UA },
    });
    expect(http.requests.map((r) => r.method)).toEqual(['HEAD', 'POST']);
  });
});

describe('SpeedFiles', () => {
  const url = 'https://speedfiles.net/store_access/a1b2/Folge-1_Grüße.mp4?token=x';

  it('round-trips the encoder', () => {
    expect(decodeSpeedfiles(encodeSpeedfiles(url))).toBe(url);
  });

  it('extracts from var _0x5opu234', async () => {
    const http = new FakeHttp().on(
      /./,
      html(`<script>var _0x5opu234 = "${encodeSpeedfiles(url)}";</script>`),
    );
    const d = await speedfilesExtractor.extract(`${P}/speedfiles/abc`, { http, userAgent: UA });
    expect(d).toMatchObject({ kind: 'mp4', url });
  });

  it('reports "Web server is down" as HosterUnavailable', async () => {
    const http = new FakeHttp().on(/./, html('<span>Web server is down</span>'));
    await expect(
      speedfilesExtractor.extract(`${P}/speedfiles/abc`, { http, userAgent: UA }),
    ).rejects.toBeInstanceOf(HosterUnavailable);
  });
});

describe('Streamtape', () => {
  const pageHtml = `<div id="robotlink">/streamtape.com/get_video?id=x&expires=1&ip=1&token=decoy</div>
    <script>document.getElementById('robotlink').innerHTML = '//streamtape.com/get_video?id=vid&expires=1770000000&ip=abc&token=real'</script>`;

  it('takes the last robotlink, relative to the hoster base, with its expiry', () => {
    expect(parseStreamtapePage(pageHtml, `${P}/streamtape/e/vid`)).toEqual({
      url: `${P}/streamtape/get_video?id=vid&expires=1770000000&ip=abc&token=real`,
      expiresAt: new Date(1770000000 * 1000).toISOString(),
    });
  });

  it('follows the get_video redirect once (HEAD) and maps 410 to VideoGone', async () => {
    const http = new FakeHttp()
      .on(`${P}/streamtape/e/vid`, html(pageHtml))
      .on(/\/streamtape\/get_video\?id=vid&/, (req) =>
        req.method === 'HEAD'
          ? { status: 302, headers: { location: '/cdn/mp4/sample.mp4?stream=1' } }
          : { status: 405 },
      )
      .on(`${P}/streamtape/e/gone`, { status: 410 });
    const d = await streamtapeExtractor.extract(`${P}/streamtape/e/vid`, { http, userAgent: UA });
    expect(d).toMatchObject({
      kind: 'mp4',
      url: `${P}/cdn/mp4/sample.mp4?stream=1`,
      expiresAt: new Date(1770000000 * 1000).toISOString(),
    });
    expect(http.requests[1]).toMatchObject({ method: 'HEAD', followRedirects: false });
    await expect(
      streamtapeExtractor.extract(`${P}/streamtape/e/gone`, { http, userAgent: UA }),
    ).rejects.toBeInstanceOf(VideoGone);
  });

  it('surfaces a DDoS-Guard page as ChallengeRequired', async () => {
    const http = new FakeHttp().on(/./, {
      status: 403,
      body: '<script src="/.well-known/ddos-guard/check"></script>',
    });
    await expect(
      streamtapeExtractor.extract(`${P}/streamtape/e/vid`, { http, userAgent: UA }),
    ).rejects.toMatchObject({ kind: 'ddos-guard' });
    await expect(
      streamtapeExtractor.extract(`${P}/streamtape/e/vid`, { http, userAgent: UA }),
    ).rejects.toBeInstanceOf(ChallengeRequired);
  });
});
