import { type Sandbox, startSandbox } from '@aniworld/sandbox';
import { parseMagnet, parseReleaseTorrent } from '@aniworld/release';
import { XMLParser } from 'fast-xml-parser';
import request from 'supertest';
import { torznabSchemaErrors } from '../../../test/helpers/torznab-xsd';
import { FAST_PROVIDERS, startTestApp, type TestApp } from '../../../test/helpers/test-app';
import { waitUntil } from '../../../test/helpers/wait';
import { CatalogueService } from '../catalogue/catalogue.service';
import { LibraryWarmerService } from './library-warmer.service';

// Real HTTP, a real sandbox and libxml2: generous on a loaded 2-core machine (no test waits on time).
jest.setTimeout(60_000);

const KEY = 'test-arr-key-0123456789';

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '',
  parseTagValue: false,
  isArray: (name) => ['item', 'torznab:attr', 'category', 'enclosure'].includes(name),
});

interface ParsedItem {
  title: string;
  guid: string;
  pubDate: Date;
  downloadUrl: string;
  size: number;
  seeders: number;
  categories: number[];
  attrs: Record<string, string[]>;
}

/**
 * The feed as Sonarr's TorznabRssParser reads it (docs/arr-torznab.md, "Errors" and "Items"):
 * HTTP 200, an XML content type, `<error>` anywhere fails, `/rss/channel/item`, a pubDate that
 * parses (or the whole feed fails), the first x-bittorrent enclosure, size from the attr,
 * seeders as an int. Throws with the rule that failed.
 */
function sonarrParse(res: request.Response): ParsedItem[] {
  expect(res.status).toBe(200);
  expect(res.headers['content-type']).toMatch(/^application\/(rss\+)?xml/);
  const doc = parser.parse(res.text);
  if (doc.error) throw new Error(`Torznab error ${doc.error.code}: ${doc.error.description}`);
  const items: Record<string, unknown>[] = doc.rss.channel.item ?? [];
  return items.map((item) => {
    const attrs: Record<string, string[]> = {};
    for (const a of (item['torznab:attr'] as { name: string; value: string }[]) ?? [])
      (attrs[a.name] ??= []).push(a.value);
    if (typeof item['pubDate'] !== 'string') throw new Error('pubDate missing: feed rejected');
    const pubDate = new Date(item['pubDate']);
    if (Number.isNaN(pubDate.getTime())) throw new Error(`bad pubDate ${item['pubDate']}`);
    const enclosure = (item['enclosure'] as { url: string; type: string }[]).find((e) =>
      e.type.startsWith('application/x-bittorrent'),
    );
    if (!enclosure?.url) throw new Error('no download URL: release dropped');
    const seeders = Number(attrs['seeders']?.[0]);
    if (!Number.isInteger(seeders)) throw new Error('seeders not an int: item dropped');
    return {
      title: String(item['title']),
      guid: String((item['guid'] as { '#text': string })['#text'] ?? item['guid']),
      pubDate,
      downloadUrl: enclosure.url,
      size: Number(attrs['size']?.[0] ?? 0),
      seeders,
      categories: (attrs['category'] ?? []).map(Number),
      attrs,
    };
  });
}

/** The title without the probed quality, which a background probe may add at any time. */
function plain(title: string): string {
  return title.replace(/\.\d{3,4}p/, '').replace(/\.(H264|H265|AV1)/, '');
}

function errorCode(res: request.Response): number | undefined {
  const doc = parser.parse(res.text);
  return doc.error ? Number(doc.error.code) : undefined;
}

describe('Torznab endpoint against the sandbox (HTTP)', () => {
  let sandbox: Sandbox;
  let t: TestApp;
  const api = (query: Record<string, string | number>) =>
    request(t.url).get('/torznab/api').query(query);
  const search = (query: Record<string, string | number>) => api({ apikey: KEY, ...query });
  /** A session token, from the first-run setup the first time it is asked for. */
  let token: string | null = null;
  const session = async () => (token ??= await t.setUp());

  beforeAll(async () => {
    sandbox = await startSandbox({ port: 0 });
    t = await startTestApp(
      {
        ANIWORLD_BASE_URL: `${sandbox.baseUrl}/aniworld`,
        STO_BASE_URL: `${sandbox.baseUrl}/sto`,
        ARR_API_KEY: KEY,
      },
      { settings: { ...FAST_PROVIDERS, arr: { torznab: { search_budget_ms: 60_000 } } } },
    );
    await t.app.get(CatalogueService).refreshCatalogue();
  }, 60_000);
  afterAll(async () => {
    await t.close();
    await sandbox.close();
  });

  it('T-1: caps without an apikey, valid against the XSD, outside /api', async () => {
    const res = await api({ t: 'caps' }).expect(200);
    expect(res.headers['content-type']).toMatch(/application\/xml/);
    expect(await torznabSchemaErrors(res.text)).toEqual([]);
    expect(res.text).toContain('supportedParams="q,season,ep,tvdbid,imdbid"');
    await request(t.url).get('/api/torznab/api').query({ t: 'caps' }).expect(404);
  });

  it('T-6: a wrong or missing key is error 100 with HTTP 200, never a JSON 401', async () => {
    expect(errorCode(await api({ t: 'search', apikey: 'nope' }).expect(200))).toBe(100);
    const missing = await api({ t: 'tvsearch', q: 'Sternenwanderer' }).expect(200);
    expect(errorCode(missing)).toBe(100);
    expect(await torznabSchemaErrors(missing.text)).toEqual([]);
  });

  it('T-7, T-8: unknown functions and bad parameters are Torznab errors', async () => {
    expect(errorCode(await search({ t: 'music' }))).toBe(203);
    expect(errorCode(await search({ t: 'nonsense' }))).toBe(202);
    expect(errorCode(await search({ t: 'search', cat: '5000;drop' }))).toBe(201);
    expect(errorCode(await search({ t: 'search', offset: '-5' }))).toBe(201);
    expect(errorCode(await api({}))).toBe(200);
  });

  it("T-2, T-3: the RSS feed (Prowlarr's and Sonarr's Test) lists new episodes with their dates", async () => {
    const prowlarr = await search({ t: 'search', extended: 1 });
    expect(await torznabSchemaErrors(prowlarr.text)).toEqual([]);
    const items = sonarrParse(prowlarr);
    expect(items.length).toBeGreaterThan(0);
    expect(new Set(items.map((i) => i.guid)).size).toBe(items.length);
    for (const item of items) {
      expect(item.title).toMatch(/\.S\d\dE\d\d\./);
      expect(item.size).toBeGreaterThan(100 * 1024 * 1024);
      expect(item.seeders).toBeGreaterThanOrEqual(1);
      expect(item.categories).toEqual([5000, 5070]);
    }
    // The page's newest row is dated 30.09.2026: a real date, not the time of the request.
    expect(items[0].pubDate.toISOString()).toBe('2026-09-30T00:00:00.000Z');
    expect(items[0].title).toMatch(/^Sternenwanderer\.S02E03\./);

    const sonarr = sonarrParse(
      await search({ t: 'tvsearch', cat: '5000,5070', extended: 1, offset: 0, limit: 100 }),
    );
    expect(sonarr.map((i) => i.guid)).toEqual(items.map((i) => i.guid));
  });

  it('T-4, T-5: offset and limit page the feed; limit is capped at max', async () => {
    const all = sonarrParse(await search({ t: 'search' }));
    expect(all.length).toBeGreaterThan(2);
    const second = sonarrParse(await search({ t: 'search', offset: 1, limit: 1 }));
    expect(second.map((i) => i.guid)).toEqual([all[1].guid]);
    expect(sonarrParse(await search({ t: 'search', offset: all.length }))).toEqual([]);
    const capped = await search({ t: 'search', limit: 5000 });
    expect(sonarrParse(capped).length).toBeLessThanOrEqual(100);
    expect(parser.parse(capped.text).rss.channel['newznab:response'].total).toBe(
      String(all.length),
    );
  });

  it('tvsearch by title, season and episode: one item per language and site, dub told from sub', async () => {
    const res = await search({
      t: 'tvsearch',
      q: 'Sternenwanderer',
      season: 1,
      ep: 1,
      cat: '5000,5070',
    });
    expect(await torznabSchemaErrors(res.text)).toEqual([]);
    const items = sonarrParse(res);
    const aniworld = items.filter((i) => i.title.endsWith('-ANIWORLD'));
    expect(aniworld.map((i) => plain(i.title)).sort()).toEqual([
      'Sternenwanderer.S01E01.WEB.ENG-ANIWORLD',
      'Sternenwanderer.S01E01.WEB.ENG.SUB-ANIWORLD',
      'Sternenwanderer.S01E01.WEB.GER-ANIWORLD',
      'Sternenwanderer.S01E01.WEB.GER.SUB-ANIWORLD',
    ]);
    const dub = aniworld.find((i) => i.title.endsWith('.GER-ANIWORLD'));
    expect(dub?.attrs['language']).toEqual(['German']);
    expect(dub?.attrs['subs']).toBeUndefined();
    const sub = aniworld.find((i) => i.title.endsWith('.GER.SUB-ANIWORLD'));
    expect(sub?.attrs['language']).toEqual(['Japanese']);
    expect(sub?.attrs['subs']).toEqual(['German']);
    expect(sub?.attrs['season']).toEqual(['1']);
    expect(sub?.attrs['episode']).toEqual(['1']);
    // s.to carries the same series under TV; cat 5070 alone leaves it out.
    const sto = sonarrParse(
      await search({ t: 'tvsearch', q: 'Sternenwanderer', season: 1, ep: 1, cat: '5000' }),
    ).filter((i) => i.title.endsWith('-STO'));
    expect(sto.length).toBeGreaterThan(0);
    expect(sto.every((i) => !i.categories.includes(5070))).toBe(true);
  });

  it('STRM variants (arr.strm.mode): both offers each release twice, only the [STRM] ones alone', async () => {
    const admin = t.api(await session());
    const mode = (m: string) =>
      admin
        .put('/api/config')
        .send({ arr: { strm: { mode: m } } })
        .expect(200);
    const query = { t: 'tvsearch', q: 'Sternenwanderer', season: 1, ep: 1, cat: '5070' };
    const plainItems = sonarrParse(await search(query));
    try {
      await mode('both');
      const res = await search(query);
      expect(await torznabSchemaErrors(res.text)).toEqual([]);
      const both = sonarrParse(res);
      expect(both).toHaveLength(plainItems.length * 2);
      const strm = both.filter((i) => i.title.endsWith(' [STRM]'));
      expect(strm.map((i) => i.guid.replace(/:strm$/, ':download')).sort()).toEqual(
        plainItems.map((i) => i.guid).sort(),
      );
      for (const item of strm) {
        const twin = both.find((i) => i.title === item.title.replace(/ \[STRM\]$/, ''));
        expect(item.attrs['infohash'][0]).not.toBe(twin?.attrs['infohash'][0]);
        expect(item.guid).toMatch(/:strm$/);
        // The .torrent it links to stands for the .strm release (its own identity and hash).
        const link = new URL(item.downloadUrl);
        const torrent = await request(t.url)
          .get(`${link.pathname}${link.search}`)
          .buffer(true)
          .parse((r, cb) => {
            const parts: Buffer[] = [];
            r.on('data', (c: Buffer) => parts.push(c));
            r.on('end', () => cb(null, Buffer.concat(parts)));
          })
          .expect(200);
        const parsed = parseReleaseTorrent(torrent.body as Buffer);
        expect(parsed?.identity?.mode).toBe('strm');
        expect(parsed?.infoHash).toBe(item.attrs['infohash'][0]);
      }
      await mode('only');
      const only = sonarrParse(await search(query));
      // By GUID: a title gains its height once the background quality probe of that stream is
      // done, which may happen between the two searches.
      expect(only.map((i) => i.guid).sort()).toEqual(strm.map((i) => i.guid).sort());
      for (const item of only) expect(item.title).toMatch(/ \[STRM\]$/);
    } finally {
      await mode('off');
    }
  });

  it('a season search lists every episode of the season', async () => {
    const items = sonarrParse(
      await search({ t: 'tvsearch', q: 'Sternenwanderer', season: 2, cat: '5070' }),
    );
    const episodes = new Set(items.map((i) => /S02E(\d\d)/.exec(i.title)?.[1]));
    expect([...episodes].sort()).toEqual(['01', '02', '03']);
  });

  it('T-10: q=Title 05 (also +-encoded) is absolute episode 5, named in the absolute form', async () => {
    for (const q of ['Sternenwanderer 05', 'Sternenwanderer+05']) {
      const items = sonarrParse(await search({ t: 'search', q, cat: '5070' }));
      expect(items.length).toBeGreaterThan(0);
      // Season 1 has four episodes: absolute 5 is S02E01.
      expect(
        items.every((i) => i.attrs['season'][0] === '2' && i.attrs['episode'][0] === '1'),
      ).toBe(true);
      expect(items[0].title).toMatch(/Sternenwanderer - 05/);
    }
  });

  it('T-9: tvdbid learned from a titled search, then tvdbid + q=05 alone finds episode 5', async () => {
    sonarrParse(
      await search({ t: 'tvsearch', q: 'Sternenwanderer', tvdbid: 4242, season: 1, ep: 1 }),
    );
    const items = sonarrParse(await search({ t: 'tvsearch', tvdbid: 4242, q: '05', cat: '5070' }));
    expect(items.length).toBeGreaterThan(0);
    expect(items.every((i) => i.attrs['tvdbid'][0] === '4242')).toBe(true);
    expect(items.every((i) => i.attrs['season'][0] === '2')).toBe(true);
    // The IMDb id read from the series page finds the series too (Radarr/Sonarr send imdbid).
    const byImdb = sonarrParse(
      await search({ t: 'tvsearch', imdbid: 'tt9000227', season: 1, ep: 2, cat: '5070' }),
    );
    expect(byImdb.length).toBeGreaterThan(0);
    expect(byImdb[0].attrs['imdb']).toEqual(['9000227']);
  });

  it('T-11: season=00 is the films page; t=movie lists the films under Movies', async () => {
    const specials = sonarrParse(
      await search({ t: 'tvsearch', q: 'Sternenwanderer', season: '00', ep: 1, cat: '5070' }),
    );
    expect(specials.map((i) => plain(i.title)).sort()).toEqual([
      'Sternenwanderer.S00E01.WEB.GER-ANIWORLD',
      'Sternenwanderer.S00E01.WEB.GER.SUB-ANIWORLD',
    ]);
    const films = sonarrParse(await search({ t: 'movie', q: 'Sternenwanderer', cat: '2000' }));
    expect(films.length).toBeGreaterThan(0);
    expect(films.every((i) => i.categories.includes(2000))).toBe(true);
    // Film 2 is offered only as a German sub.
    expect(films.filter((i) => /S00E02/.test(i.title)).map((i) => i.attrs['language'])).toEqual([
      ['Japanese'],
    ]);
    // Radarr's Test and RSS sync (t=movie, no query): the films known to be offered.
    const radarr = sonarrParse(await search({ t: 'movie', cat: '2000', extended: 1 }));
    expect(radarr.length).toBeGreaterThanOrEqual(3);
    expect(radarr.every((i) => /\.S00E0\d\./.test(i.title) && i.categories.includes(2000))).toBe(
      true,
    );
  });

  it("a special by Sonarr's '<series> <episode title>' search is the film of that title", async () => {
    const items = sonarrParse(
      await search({ t: 'search', q: 'Sternenwanderer Starfall Requiem', cat: '5070' }),
    );
    expect(items.map((i) => plain(i.title))).toEqual([
      'Sternenwanderer.S00E02.WEB.GER.SUB-ANIWORLD',
    ]);
  });

  it('alternative titles resolve; an unknown title is an empty feed, not an error', async () => {
    const alt = sonarrParse(
      await search({ t: 'tvsearch', q: 'Little Cat Kuro', season: 1, ep: 2, cat: '5070' }),
    );
    expect(alt.map((i) => plain(i.title)).sort()).toEqual([
      'Little.Cat.Kuro.S01E02.WEB.ENG.SUB-ANIWORLD',
      'Little.Cat.Kuro.S01E02.WEB.GER.SUB-ANIWORLD',
    ]);
    expect(sonarrParse(await search({ t: 'search', q: 'No Such Series Anywhere' }))).toEqual([]);
  });

  it('T-12, T-13: magnet and .torrent carry the same btih, and the .torrent names the release', async () => {
    const [item] = sonarrParse(
      await search({ t: 'tvsearch', q: 'Sternenwanderer', season: 1, ep: 2, cat: '5070' }),
    );
    const infohash = item.attrs['infohash'][0];
    const magnet = parseMagnet(item.attrs['magneturl'][0]);
    expect(magnet?.infoHash).toBe(infohash);
    expect(magnet?.identity).toMatchObject({ site: 'aniworld', seriesKey: 'sternenwanderer' });
    const url = new URL(item.downloadUrl);
    const file = await request(t.url)
      .get(url.pathname + url.search)
      .buffer(true)
      .parse((res, done) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => done(null, Buffer.concat(chunks)));
      })
      .expect(200);
    expect(file.headers['content-type']).toBe('application/x-bittorrent');
    const torrent = parseReleaseTorrent(file.body as Buffer);
    expect(torrent?.infoHash).toBe(infohash);
    expect(torrent?.name).toBe(item.title);

    const other = url.search.replace(/apikey=[^&]+/, 'apikey=wrong');
    await request(t.url)
      .get(url.pathname + other)
      .expect(401);
    await request(t.url)
      .get(`/torznab/dl/${'0'.repeat(40)}.torrent${url.search}`)
      .expect(404);
  });

  it('probes quality in the background: height and codec in the title, size from bitrate × duration', async () => {
    const query = { t: 'tvsearch', q: 'Sternenwanderer', season: 1, ep: 4, cat: '5070' };
    sonarrParse(await search(query));
    let probed: ParsedItem | undefined;
    await waitUntil(async () => {
      probed = sonarrParse(await search(query)).find((i) => /\.GER-ANIWORLD$/.test(i.title));
      return !!probed && /\.\d{3}p\./.test(probed.title);
    }, 'the quality probe of S01E04 (German dub)');
    // The sandbox's sample clip: 24 s, best variant 360p; its master lists no CODECS.
    expect(probed?.title).toBe('Sternenwanderer.S01E04.360p.WEB.GER-ANIWORLD');
    expect(probed?.size).toBeGreaterThan(0);
    expect(probed?.size).toBeLessThan(10 * 1024 * 1024);
  });

  it('warms the series of the library: a later search reads nothing from the site', async () => {
    await t
      .api(await session())
      .post('/api/anime/add')
      .send({ site: 'sto', key: 'die-nordwache' })
      .expect(201);
    const warmed = await t.app.get(LibraryWarmerService).warmLibrary();
    expect(warmed).toEqual({ series: 1, episodes: 5 });
    sandbox.resetStats();
    const items = sonarrParse(
      await search({ t: 'tvsearch', q: 'Die Nordwache', season: 2, cat: '5000' }),
    );
    expect(items.map((i) => plain(i.title)).sort()).toEqual([
      'Die.Nordwache.S02E01.WEB.GER-STO',
      'Die.Nordwache.S02E02.WEB.GER-STO',
    ]);
    const sitePaths = Object.keys(sandbox.stats().by_path).filter((p) => p.includes('nordwache'));
    expect(sitePaths).toEqual([]);
  });

  it('the .torrent link refuses a wrong key or an edited hash', async () => {
    const [item] = sonarrParse(
      await search({ t: 'tvsearch', q: 'Sternenwanderer', season: 1, ep: 2, cat: '5070' }),
    );
    const url = new URL(item.downloadUrl);
    const other = url.search.replace(/apikey=[^&]+/, 'apikey=wrong');
    await request(t.url)
      .get(url.pathname + other)
      .expect(401);
    await request(t.url)
      .get(`/torznab/dl/${'0'.repeat(40)}.torrent${url.search}`)
      .expect(404);
  });
});

describe('Torznab time budget', () => {
  let sandbox: Sandbox;
  let t: TestApp;

  beforeAll(async () => {
    sandbox = await startSandbox({ port: 0 });
    t = await startTestApp(
      {
        ANIWORLD_BASE_URL: `${sandbox.baseUrl}/aniworld`,
        STO_BASE_URL: `${sandbox.baseUrl}/sto`,
        ARR_API_KEY: KEY,
      },
      { settings: { ...FAST_PROVIDERS, arr: { torznab: { search_budget_ms: 100 } } } },
    );
  }, 60_000);
  afterAll(async () => {
    await t.close();
    await sandbox.close();
  });

  it('finds a series the stored catalogue does not know yet through the s.to search', async () => {
    const query = { t: 'tvsearch', apikey: KEY, q: 'Die Nordwache', season: 1, ep: 2, cat: '5000' };
    await waitUntil(
      async () => sonarrParse(await request(t.url).get('/torznab/api').query(query)).length > 0,
      'Die Nordwache S01E02 to be found',
    );
    expect(Object.keys(sandbox.stats().by_path).some((p) => p.includes('/search/suggest'))).toBe(
      true,
    );
    await t.app.get(CatalogueService).refreshCatalogue();
  });

  it('answers what it knows when the site is slow, and knows more once the lookups finish', async () => {
    sandbox.setFaults('aniworld', 'latency=1500');
    const query = { t: 'tvsearch', apikey: KEY, q: 'Kleine Katze Kuro', season: 1, ep: 3 };
    const first = sonarrParse(await request(t.url).get('/torznab/api').query(query));
    expect(first).toEqual([]);
    sandbox.clearFaults();
    await waitUntil(
      async () => sonarrParse(await request(t.url).get('/torznab/api').query(query)).length > 0,
      'the background lookups to fill the availability cache',
    );
  });
});
