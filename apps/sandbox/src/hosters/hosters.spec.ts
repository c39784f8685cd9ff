import { HOSTER_VARIANTS } from '../catalog/hoster-variants';
import { startSandbox, type Sandbox } from '../sandbox';
import { fetchRaw } from '../testing/http-client';
import { firstHlsSegment, mp4Head } from '../testing/media-check';
import { TEST_UA, testExtract, type TestDescriptor } from '../testing/test-extractors';

jest.setTimeout(120_000);

let sb: Sandbox;
beforeAll(async () => {
  sb = await startSandbox();
});
afterAll(() => sb.close());

function embedUrl(hoster: string, id: string): string {
  const v = HOSTER_VARIANTS.find((x) => x.hoster === hoster && x.id === id);
  if (!v) throw new Error(id);
  const paths: Record<string, string> = {
    VOE: `/voe/e/${id}`,
    Doodstream: `/dood/e/${id}`,
    Filemoon: `/filemoon/e/${id}`,
    Vidmoly: `/vidmoly/embed-${id}.html`,
    Vidoza: `/vidoza/embed-${id}.html`,
    Luluvdo: `/luluvdo/e/${id}`,
    LoadX: `/loadx/e/${id}`,
    SpeedFiles: `/speedfiles/${id}`,
    Streamtape: `/streamtape/e/${id}`,
  };
  return `${sb.baseUrl}${paths[hoster]}`;
}

async function checkMedia(d: TestDescriptor): Promise<void> {
  if (d.kind === 'hls') {
    const seg = await firstHlsSegment(d.url, d.headers);
    expect(seg[0]).toBe(0x47);
    expect(seg[188]).toBe(0x47);
  } else {
    const head = await mp4Head(d.url, d.headers);
    expect(head.subarray(4, 8).toString('latin1')).toBe('ftyp');
  }
}

describe('every hoster variant resolves like docs/sites.md describes', () => {
  it.each(HOSTER_VARIANTS.map((v) => [v.hoster, v.id, v.expect] as const))(
    '%s %s → %s',
    async (hoster, id, expected) => {
      const result = await testExtract(hoster, embedUrl(hoster, id));
      if (expected === 'gone') {
        expect(result).toMatchObject({ gone: true });
        return;
      }
      expect(result).toMatchObject({ kind: expected });
      await checkMedia(result as TestDescriptor);
    },
  );
});

describe('hoster details', () => {
  it('VOE hop ids first answer a JS redirect to the other loopback name', async () => {
    const res = await fetchRaw(`${sb.baseUrl}/voe/e/voehop01`);
    expect(res.body.toString()).toContain(
      `window.location.href = 'http://localhost:${sb.port}/voe/e/voehop01'`,
    );
    const direct = await fetchRaw(`http://localhost:${sb.port}/voe/e/voehop01`);
    expect(direct.body.toString()).toContain('<script type="application/json">["');
  });

  it('VOE gone ids answer 404 and 410', async () => {
    expect((await fetchRaw(`${sb.baseUrl}/voe/e/voegone404`)).status).toBe(404);
    expect((await fetchRaw(`${sb.baseUrl}/voe/e/voegone410`)).status).toBe(410);
    expect((await fetchRaw(`${sb.baseUrl}/voe/e/unknown123`)).status).toBe(404);
  });

  it('guarded media answer 403 without the hoster Referer', async () => {
    const d = (await testExtract('VOE', embedUrl('VOE', 'voearray01'))) as TestDescriptor;
    expect((await fetchRaw(d.url)).status).toBe(403);
    expect((await fetchRaw(d.url, { headers: d.headers })).status).toBe(200);
  });

  it('Doodstream links are bound to the User-Agent that asked pass_md5', async () => {
    const d = (await testExtract('Doodstream', embedUrl('Doodstream', 'ddok01'))) as TestDescriptor;
    const other = await fetchRaw(d.url, {
      headers: { ...d.headers, 'user-agent': 'curl/8', range: 'bytes=0-9' },
    });
    expect(other.status).toBe(403);
    const same = await fetchRaw(d.url, { headers: { ...d.headers, range: 'bytes=0-9' } });
    expect(same.status).toBe(206);
  });

  it('Doodstream pass_md5 needs a Referer', async () => {
    const page = (await fetchRaw(embedUrl('Doodstream', 'ddok02'))).body.toString();
    const pass = /\$\.get\('([^']+)'/.exec(page)?.[1] ?? '';
    expect(
      (await fetchRaw(`${sb.baseUrl}${pass}`, { headers: { 'user-agent': TEST_UA } })).status,
    ).toBe(403);
  });

  it('Filemoon packed codes have no API, API codes have no stream in the page', async () => {
    expect((await fetchRaw(`${sb.baseUrl}/filemoon/api/videos/fmpacked01`)).status).toBe(404);
    expect((await fetchRaw(`${sb.baseUrl}/filemoon/e/fmpacked01`)).body.toString()).toContain(
      'eval(function(p,a,c,k,e,d)',
    );
    expect((await fetchRaw(`${sb.baseUrl}/filemoon/e/fmapi01`)).body.toString()).not.toContain(
      'm3u8',
    );
  });

  it('LoadX redirects HEAD and GET, and its API wants X-Requested-With', async () => {
    const head = await fetchRaw(embedUrl('LoadX', 'lxok01'), { method: 'HEAD' });
    const get = await fetchRaw(embedUrl('LoadX', 'lxok01'));
    expect(head.status).toBe(302);
    expect(get.headers.location).toBe(head.headers.location);
    const hash = String(head.headers.location).split('/v/')[1].split('/')[0];
    const api = await fetchRaw(`${sb.baseUrl}/loadx/player/index.php?data=${hash}&do=getVideo`, {
      method: 'POST',
    });
    expect(api.status).toBe(403);
  });

  it('Vidmoly view URLs redirect to the embed', async () => {
    const res = await fetchRaw(`${sb.baseUrl}/vidmoly/v/vmok01`);
    expect(res.headers.location).toBe(`${sb.baseUrl}/vidmoly/embed-vmok01.html`);
  });

  it('a challenge fault works on a hoster prefix', async () => {
    sb.setFaults('voe', 'challenge=cloudflare');
    const res = await fetchRaw(embedUrl('VOE', 'voearray01'));
    sb.clearFaults();
    expect(res.status).toBe(403);
    expect(res.body.toString()).toContain('<title>Just a moment...</title>');
  });
});
