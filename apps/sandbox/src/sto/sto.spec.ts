import { load } from 'cheerio';
import { STO_LANGUAGES, findSeries, linksOnSite } from '../catalog/catalog';
import { startSandbox, type Sandbox } from '../sandbox';
import { fetchRaw } from '../testing/http-client';
import { decodePlayToken, encodePlayToken } from './sto-token';

jest.setTimeout(120_000);

let sb: Sandbox;
beforeAll(async () => {
  sb = await startSandbox();
});
afterAll(() => sb.close());

const get = async (path: string): Promise<string> =>
  (await fetchRaw(`${sb.baseUrl}/sto${path}`)).body.toString('utf8');

describe('s.to v2 pages', () => {
  it('series page has the header, season nav and episode rows of docs/sites.md#sto-series-page', async () => {
    const $ = load(await get('/serie/die-nordwache'));
    expect($('h1.h2.mb-1.fw-bold').text()).toBe('Die Nordwache');
    expect($('p.small.text-muted a[href="/jahr/2017"]')).toHaveLength(1);
    expect($('p.small.text-muted').text()).toContain('FSK 12');
    expect($('span.description-text').text()).toContain('Kommissariat');
    expect(
      $('li.series-group strong')
        .map((_, s) => $(s).text())
        .get(),
    ).toEqual(['Regisseur:', 'Produzent:', 'Besetzung:', 'Land:', 'Genre:']);
    expect($('img').first().attr('alt')).toBe('Backdrop');
    expect($('img[data-src*="/media/images/channel/desktop/"]')).toHaveLength(1);
    expect(
      $('nav#season-nav a[data-season-pill]')
        .map((_, a) => $(a).attr('data-season-pill'))
        .get(),
    ).toEqual(['1', '2']);
    const row = $('section.episode-section table.episode-table tbody tr.episode-row').first();
    expect(row.attr('onclick')).toBe("window.location='/serie/die-nordwache/staffel-1/episode-1'");
    expect(row.find('th.episode-number-cell').text()).toBe('1');
    expect(row.find('strong.episode-title-ger').text()).toBe('Sturmflut');
    expect(row.find('span.episode-title-eng').attr('title')).toBe('Storm Surge');
    expect(row.find('td.episode-watch-cell img.watch-link[alt=VOE]')).toHaveLength(1);
    expect(
      row
        .find('td.episode-language-cell svg')
        .map((_, s) => $(s).attr('class'))
        .get(),
    ).toEqual([
      'svg-flag svg-flag-german',
      'svg-flag svg-flag-english',
      'svg-flag svg-flag-english-german',
    ]);
  });

  it('escapes titles and has no films section', async () => {
    const html = await get('/serie/maedchen-und-drachen');
    expect(html).toContain('Mädchen &amp; Drachen: Ein &#039;Abenteuer&#039;');
    expect(html).not.toContain('/filme');
    expect(load(html)('h1.h2').text()).toBe("Mädchen & Drachen: Ein 'Abenteuer'");
  });

  it('episode page has h2.h4, the player iframe and link buttons including Provider placeholders', async () => {
    const $ = load(await get('/serie/die-nordwache/staffel-1/episode-1'));
    expect($('h2.h4').text()).toBe('S01E01: Sturmflut (Storm Surge)');
    expect($('iframe#player-iframe').attr('src')).toMatch(/^\/r\?t=/);
    expect($('meta[name=csrf-token]').attr('content')).toBeTruthy();
    const buttons = $('div#episode-links button.link-box[data-play-url]');
    const real = buttons.filter((_, b) => $(b).attr('data-provider-name') !== 'Provider');
    const ep = findSeries('sto', 'die-nordwache')?.seasons[0].episodes[0];
    const links = ep ? linksOnSite(ep, 'sto') : [];
    expect(real.length).toBe(links.length);
    expect(buttons.length).toBeGreaterThan(real.length);
    for (const b of real.toArray()) {
      const link = links.find((l) => String(l.id) === $(b).attr('data-link-id'));
      expect(link).toBeDefined();
      expect($(b).attr('data-provider-name')).toBe(link?.hoster);
      expect($(b).attr('data-language-id')).toBe(
        String(link ? STO_LANGUAGES[link.language]?.id : ''),
      );
      const res = await fetchRaw(`${sb.baseUrl}/sto${$(b).attr('data-play-url')}`);
      expect(res.status).toBe(302);
      expect(res.headers.location).toBe(`${sb.baseUrl}${link?.embedPath}`);
    }
    const placeholder = buttons
      .filter((_, b) => $(b).attr('data-provider-name') === 'Provider')
      .first();
    expect(placeholder.text()).toBe('Anbieter');
    expect((await fetchRaw(`${sb.baseUrl}/sto${placeholder.attr('data-play-url')}`)).status).toBe(
      404,
    );
    expect(
      $('h5')
        .map((_, h) => $(h).text())
        .get(),
    ).toEqual(['Deutsch', 'Englisch', 'Ger-Sub']);
  });

  it('season pages carry nav#episode-nav links with href first', async () => {
    const html = await get('/serie/die-nordwache/staffel-2');
    expect(html.match(/<a\s+href="\/serie\/die-nordwache\/staffel-2\/episode-\d+"/g)).toHaveLength(
      2,
    );
  });

  it('play tokens are Laravel-like envelopes and tampering is rejected', () => {
    const token = encodePlayToken(42);
    const envelope = JSON.parse(Buffer.from(token, 'base64').toString()) as Record<string, string>;
    expect(Object.keys(envelope).sort()).toEqual(['iv', 'mac', 'tag', 'value']);
    expect(decodePlayToken(token)).toBe(42);
    const tampered = Buffer.from(JSON.stringify({ ...envelope, mac: '00'.repeat(32) })).toString(
      'base64',
    );
    expect(decodePlayToken(tampered)).toBeUndefined();
  });

  it('redirects v1 links and answers 404 for unknown series', async () => {
    const res = await fetchRaw(`${sb.baseUrl}/sto/serie/stream/die-nordwache/staffel-1`);
    expect(res.status).toBe(301);
    expect(res.headers.location).toBe(`${sb.baseUrl}/sto/serie/die-nordwache/staffel-1`);
    expect((await fetchRaw(`${sb.baseUrl}/sto/serie/gibt-es-nicht`)).status).toBe(404);
  });

  it('turnstile on /r only, via a sub-path fault', async () => {
    sb.setFaults('sto/r', 'challenge=turnstile');
    const page = await fetchRaw(`${sb.baseUrl}/sto/serie/die-nordwache`);
    const r = await fetchRaw(`${sb.baseUrl}/sto/r?t=x`);
    sb.clearFaults();
    expect(page.status).toBe(200);
    expect(r.body.toString()).toContain('player-prepare-turnstile');
  });
});

describe('s.to search and catalog', () => {
  it('suggest answers shows with /serie/ urls', async () => {
    const res = JSON.parse(await get('/api/search/suggest?term=notruf')) as {
      shows: unknown[];
      people: unknown[];
      genres: unknown[];
    };
    expect(res).toEqual({
      shows: [{ name: '112: Notruf', url: '/serie/112-notruf' }],
      people: [],
      genres: [],
    });
  });

  it('/suche pages show cards with a[rel=next]', async () => {
    const first = load(await get('/suche?term=e&tab=shows'));
    expect(first('div.results-group[data-group=shows] .card')).toHaveLength(2);
    expect(first('div.results-group .card h6.show-title').first().text()).toBeTruthy();
    const next = first('a[rel=next]').attr('href');
    expect(next).toBe('/suche?term=e&tab=shows&page=2');
    const all = load(await get('/suche?term=ebbe'));
    expect(all('div.results-group[data-group=episodes] a').attr('href')).toBe(
      '/serie/die-nordwache/staffel-2/episode-2',
    );
  });

  it('/serien lists every s.to series, sorted by title (the hostile "../" title first)', async () => {
    const $ = load(await get('/serien'));
    expect(
      $('a[href^="/serie/"]')
        .map((_, a) => $(a).attr('href'))
        .get(),
    ).toEqual([
      '/serie/dot-dot-etc',
      '/serie/112-notruf',
      '/serie/die-nordwache',
      '/serie/maedchen-und-drachen',
      '/serie/sternenwanderer',
    ]);
  });
});
