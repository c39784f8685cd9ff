import { load } from 'cheerio';
import {
  ANIWORLD_LANGUAGES,
  HOSTILE_TITLE,
  SANDBOX_CATALOG,
  findSeries,
  linksOnSite,
} from '../catalog/catalog';
import { startSandbox, type Sandbox } from '../sandbox';
import { fetchRaw } from '../testing/http-client';

jest.setTimeout(120_000);

let sb: Sandbox;
beforeAll(async () => {
  sb = await startSandbox();
});
afterAll(() => sb.close());

const get = async (path: string): Promise<string> =>
  (await fetchRaw(`${sb.baseUrl}/aniworld${path}`)).body.toString('utf8');

describe('aniworld series page', () => {
  it('has the selectors of docs/sites.md#aniworld-series-page with entities decoded to the catalog values', async () => {
    const $ = load(await get('/anime/stream/maedchen-und-drachen'));
    const series = findSeries('aniworld', 'maedchen-und-drachen');
    expect($('div.series-title h1 span').first().text()).toBe(series?.title);
    expect($('h1[data-alternativetitles]').attr('data-alternativetitles')).toBe(
      series?.altTitles.join(', '),
    );
    expect($('p.seri_des').attr('data-full-description')).toBe(series?.description);
    expect(
      $('div.genres a[itemprop=genre]')
        .map((_, a) => $(a).text())
        .get(),
    ).toEqual(series?.genres);
    expect($('span[itemprop=startDate] a').text()).toBe('2021');
    expect($('div[data-fsk]').attr('data-fsk')).toBe('6');
    expect($('a.imdb-link').attr('data-imdb')).toBe('tt9001312');
    expect($('div.seriesCoverBox img').attr('data-src')).toMatch(
      /^\/public\/img\/cover\/maedchen-und-drachen-stream-cover-\w+_220x330\.jpg$/,
    );
    expect($('section.SeriesSection div.backdrop').attr('style')).toMatch(/url\(/);
    expect($('div#stream ul').first().find('li:nth-child(2) a').text()).toBe('Filme');
    expect($('a[title="Alle Filme"]').attr('href')).toBe(
      '/anime/stream/maedchen-und-drachen/filme',
    );
    expect($('tbody#season1 tr[itemtype="http://schema.org/Episode"]')).toHaveLength(3);
    // Entities and umlauts are in the raw HTML as the real site writes them.
    expect(await get('/anime/stream/maedchen-und-drachen')).toContain(
      'Mädchen &amp; Drachen: Ein &#039;Abenteuer&#039;',
    );
  });

  it('resolves a numeric id and shows the alert for an unknown slug', async () => {
    const $ = load(await get('/anime/stream/227'));
    expect($('div.series-title h1 span').text()).toBe('Sternenwanderer');
    const missing = load(await get('/anime/stream/gibt-es-nicht'));
    expect(missing('div.messageAlert.danger').text()).toContain(
      'Die gewünschte Serie wurde nicht gefunden',
    );
  });

  it('keeps the hostile title intact (control characters included)', async () => {
    const $ = load(await get('/anime/stream/dot-dot-etc'));
    expect($('div.series-title h1 span').text()).toBe(HOSTILE_TITLE);
  });
});

describe('aniworld season and film pages', () => {
  it('lists season episodes with number, titles and hoster icons', async () => {
    const $ = load(await get('/anime/stream/sternenwanderer/staffel-2'));
    const rows = $('tbody#season2 tr');
    expect(rows).toHaveLength(3);
    expect(rows.first().find('meta[itemprop=episodeNumber]').attr('content')).toBe('1');
    expect(rows.first().find('a[itemprop=url]').attr('href')).toBe(
      '/anime/stream/sternenwanderer/staffel-2/episode-1',
    );
    expect(rows.first().find('td.seasonEpisodeTitle strong').text()).toBe('Neue Sterne');
    expect(rows.first().find('td.seasonEpisodeTitle span').text()).toBe('New Stars');
    expect(
      rows
        .first()
        .find('i.icon[title]')
        .map((_, i) => $(i).attr('title'))
        .get(),
    ).toEqual(['VOE', 'Filemoon', 'SpeedFiles', 'Vidmoly', 'Streamtape']);
  });

  it('lists films as tbody#season0 with film-K links and the film index', async () => {
    const $ = load(await get('/anime/stream/sternenwanderer/filme'));
    const rows = $('tbody#season0 tr');
    expect(rows).toHaveLength(2);
    expect(rows.eq(1).attr('data-episode-season-id')).toBe('2');
    expect(rows.eq(1).find('a[itemprop=url]').attr('href')).toBe(
      '/anime/stream/sternenwanderer/filme/film-2',
    );
    expect(rows.eq(1).find('strong').text()).toBe('');
  });
});

describe('aniworld episode page', () => {
  it('lists every link as li[data-lang-key][data-link-id][data-link-target] with h4 hoster names', async () => {
    const html = await get('/anime/stream/sternenwanderer/staffel-1/episode-1');
    const $ = load(html);
    const ep = SANDBOX_CATALOG.series[0].seasons[1].episodes[0];
    const lis = $('div.hosterSiteVideo ul li[data-lang-key]');
    const links = linksOnSite(ep, 'aniworld');
    expect(lis).toHaveLength(links.length);
    lis.each((i, li) => {
      expect($(li).attr('data-link-target')).toBe(`/redirect/${links[i].id}`);
      expect($(li).find('h4').text()).toBe(links[i].hoster);
      expect($(li).attr('data-lang-key')).toBe(String(ANIWORLD_LANGUAGES[links[i].language].key));
    });
    // All four keys, flags by file name; only German dub is visible at first.
    expect(
      $('div.changeLanguageBox img[data-lang-key]')
        .map((_, img) => $(img).attr('src'))
        .get(),
    ).toEqual([
      '/public/img/german.svg',
      '/public/img/japanese-english.svg',
      '/public/img/japanese-german.svg',
      '/public/img/english.svg',
    ]);
    expect($('li[data-lang-key="1"][style]')).toHaveLength(0);
    expect($('li[data-lang-key="3"]').first().attr('style')).toBe('display: none;');
    expect($('div.hosterSiteTitle').attr('data-season')).toBe('1');
    expect($('span.episodeGermanTitle').text()).toBe('Ein Stern fällt');
    expect($('small.episodeEnglishTitle').text()).toBe('A Star Falls');
  });

  it('uses another attribute order on the hostile series', async () => {
    const html = await get('/anime/stream/dot-dot-etc/staffel-1/episode-1');
    expect(html).toMatch(/<li [^>]*data-link-target="\/redirect\/\d+"[^>]*data-lang-key=/);
  });

  it('redirects /redirect/<id> with 302 to the absolute hoster embed', async () => {
    const ep = SANDBOX_CATALOG.series[0].seasons[1].episodes[0];
    for (const link of linksOnSite(ep, 'aniworld')) {
      const res = await fetchRaw(`${sb.baseUrl}/aniworld/redirect/${link.id}`);
      expect(res.status).toBe(302);
      expect(res.headers.location).toBe(`${sb.baseUrl}${link.embedPath}`);
    }
    expect((await fetchRaw(`${sb.baseUrl}/aniworld/redirect/999`)).status).toBe(404);
  });
});

describe('aniworld search and lists', () => {
  it('seriesSearch finds by folded title and alt title', async () => {
    const res = JSON.parse(await get('/ajax/seriesSearch?keyword=madchen')) as {
      name: string;
      link: string;
      cover: string;
      productionYear: string;
    }[];
    expect(res).toHaveLength(1);
    expect(res[0]).toMatchObject({
      name: "Mädchen & Drachen: Ein 'Abenteuer'",
      link: 'maedchen-und-drachen',
      productionYear: '(2021 - 2023)',
    });
    expect(res[0].cover).toMatch(/_150x225\.jpg$/);
  });

  it('POST /ajax/search mixes non-series links and highlights with <em>', async () => {
    const res = await fetchRaw(`${sb.baseUrl}/aniworld/ajax/search`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'keyword=stern',
    });
    const items = JSON.parse(res.body.toString()) as { title: string; link: string }[];
    const series = items.filter((i) => /^\/anime\/stream\/[a-zA-Z0-9-]+\/?$/.test(i.link));
    expect(series.map((i) => i.link)).toEqual(['/anime/stream/sternenwanderer']);
    expect(series[0].title).toBe('<em>Stern</em>enwanderer');
    expect(items.length).toBeGreaterThan(series.length);
  });

  it('/animes groups titles in div.genre with data-alternative-title', async () => {
    const $ = load(await get('/animes'));
    const a = $('div.genre ul li a[href="/anime/stream/kleine-katze-kuro"]');
    expect(a.attr('data-alternative-title')).toBe('Little Cat Kuro, ちいさなクロ');
    expect($('div.genre ul li a').length).toBe(
      SANDBOX_CATALOG.series.filter((s) => s.sites.includes('aniworld')).length,
    );
  });

  it('/neue-episoden has one row per language with flag files', async () => {
    const $ = load(await get('/neue-episoden'));
    const rows = $('div.newEpisodeList div.col-md-12 > div.row');
    expect(rows.length).toBeGreaterThan(4);
    expect(rows.first().find('a').attr('href')).toMatch(
      /^\/anime\/stream\/[\w-]+\/staffel-\d+\/episode-\d+$/,
    );
    expect(rows.first().find('img.flag').attr('src')).toMatch(/^\/public\/img\/[\w-]+\.svg$/);
  });
});
