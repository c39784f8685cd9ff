import {
  ChallengeRequired,
  VideoGone,
  decodeVoeString,
  expiresFromQuery,
  findVoeRedirect,
  parseVoePage,
  voeExtractor,
} from '../src';
import { encodeVoe, encodeVoeReversedB64 } from './helpers/encoders';
import { FakeHttp, html } from './helpers/fake-http';

const master =
  'https://cdn-abc.edgeon-bandwidth.com/engine/hls2-c/01/123/xyz_,n,l,.urlset/master.m3u8?t=tok&s=1770225160&e=14400&i=84.170&asn=3320';
const payload = {
  source: master,
  title: 'Folge 1 – Grüße',
  captions: [{ file: '/vtt/de.vtt', language: 'de', kind: 'captions' }],
};
const page = (body: string): string =>
  `<!doctype html><html><head><title>VOE</title></head><body>${body}</body></html>`;
const UA = 'TestUA/1.0';

describe('VOE decoding', () => {
  it('round-trips the encoder with junk tokens every 10 characters', () => {
    expect(decodeVoeString(encodeVoe(payload, 10))).toEqual(payload);
    expect(decodeVoeString(encodeVoe(payload, 3))).toEqual(payload);
    expect(decodeVoeString(encodeVoe(payload, 0))).toEqual(payload);
  });

  it.each([
    ['application/json string', `<script type="application/json">"${encodeVoe(payload)}"</script>`],
    [
      'application/json array',
      `<script type="application/json">["${encodeVoe(payload)}", "ignored"]</script>`,
    ],
    ['var a168c (VOE scheme)', `<script>var a168c='${encodeVoe(payload)}';</script>`],
    [
      'var a168c (reversed base64)',
      `<script>var a168c = '${encodeVoeReversedB64(payload)}';</script>`,
    ],
    ['MKGMa', `<script>let MKGMa="${encodeVoe(payload)}";</script>`],
  ])('finds the stream in the %s variant', (_name, body) => {
    const found = parseVoePage(page(body), 'https://voe.sx/e/abc');
    expect(found).toMatchObject({ url: master, kind: 'hls' });
  });

  it('reads captions relative to the page', () => {
    const found = parseVoePage(
      page(`<script type="application/json">["${encodeVoe(payload)}"]</script>`),
      'https://voe.sx/e/abc',
    );
    expect(found?.subtitles).toEqual([{ language: 'de', url: 'https://voe.sx/vtt/de.vtt' }]);
  });

  it('takes direct_access_url as MP4 when there is no HLS source', () => {
    const mp4 = { direct_access_url: 'https://delivery.example/v.mp4?x=1' };
    expect(
      parseVoePage(
        page(`<script type="application/json">"${encodeVoe(mp4)}"</script>`),
        'https://voe.sx/e/a',
      ),
    ).toMatchObject({
      kind: 'mp4',
      url: mp4.direct_access_url,
    });
  });

  it.each([
    [
      'base64 hls',
      `<script>var sources = {'hls': '${Buffer.from(master).toString('base64')}', 'video_height': 720};</script>`,
    ],
    ['plain hls', `<script>var sources = {"hls": "${master}"};</script>`],
    ['bare m3u8 URL', `<script>player.src("${master}")</script>`],
  ])('falls back to the %s form', (_name, body) => {
    expect(parseVoePage(page(body), 'https://voe.sx/e/a')?.url).toBe(master);
  });

  it('returns null on a page without any payload', () => {
    expect(parseVoePage(page('<p>nothing</p>'), 'https://voe.sx/e/a')).toBeNull();
  });

  it('finds the JS redirect to a rotating domain', () => {
    expect(
      findVoeRedirect("<script>window.location.href = 'https://mirror.example/e/abc123';</script>"),
    ).toBe('https://mirror.example/e/abc123');
    expect(findVoeRedirect('<p>none</p>')).toBeNull();
  });

  it('computes expiry from s= and e=', () => {
    expect(expiresFromQuery(master)).toBe(new Date((1770225160 + 14400) * 1000).toISOString());
    expect(expiresFromQuery('https://x/y.m3u8')).toBeUndefined();
  });
});

describe('voeExtractor', () => {
  it('follows the JS redirect and pins UA, Referer and Origin of the embed', async () => {
    const http = new FakeHttp()
      .on(
        'http://127.0.0.1:9/voe/e/abc',
        html("<script>window.location.href = 'http://localhost:9/voe/e/abc';</script>"),
      )
      .on(
        'http://localhost:9/voe/e/abc',
        html(page(`<script type="application/json">["${encodeVoe(payload)}"]</script>`)),
      );
    const d = await voeExtractor.extract('http://127.0.0.1:9/voe/e/abc', { http, userAgent: UA });
    expect(d).toEqual({
      kind: 'hls',
      url: master,
      headers: {
        'User-Agent': UA,
        Referer: 'http://127.0.0.1:9/voe/',
        Origin: 'http://127.0.0.1:9',
        Accept: '*/*',
      },
      subtitles: [{ language: 'de', url: 'http://localhost:9/vtt/de.vtt' }],
      expiresAt: new Date((1770225160 + 14400) * 1000).toISOString(),
    });
    expect(http.header(0, 'user-agent')).toBe(UA);
  });

  it('maps 404 to VideoGone and a Cloudflare page to ChallengeRequired', async () => {
    const http = new FakeHttp()
      .on('https://voe.sx/e/gone', { status: 404 })
      .on('https://voe.sx/e/cf', { status: 403, body: '<title>Just a moment...</title>' });
    await expect(
      voeExtractor.extract('https://voe.sx/e/gone', { http, userAgent: UA }),
    ).rejects.toBeInstanceOf(VideoGone);
    await expect(
      voeExtractor.extract('https://voe.sx/e/cf', { http, userAgent: UA }),
    ).rejects.toBeInstanceOf(ChallengeRequired);
  });

  it('maps a removal notice to VideoGone and an unknown page to ParseFailed', async () => {
    const http = new FakeHttp()
      .on('https://voe.sx/e/del', html(page('<h1>File was deleted</h1>')))
      .on('https://voe.sx/e/odd', html(page('<h1>Hallo</h1>')));
    await expect(
      voeExtractor.extract('https://voe.sx/e/del', { http, userAgent: UA }),
    ).rejects.toBeInstanceOf(VideoGone);
    await expect(
      voeExtractor.extract('https://voe.sx/e/odd', { http, userAgent: UA }),
    ).rejects.toMatchObject({ code: 'PARSE_FAILED', site: 'VOE' });
  });

  it('gives up on a redirect loop', async () => {
    const http = new FakeHttp().on(
      /./,
      html("<script>window.location.href = 'https://voe.sx/e/loop';</script>"),
    );
    await expect(
      voeExtractor.extract('https://voe.sx/e/loop', { http, userAgent: UA }),
    ).rejects.toMatchObject({ code: 'HOSTER_UNAVAILABLE' });
  });
});
