import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { XMLParser } from 'fast-xml-parser';
import { torznabSchemaErrors } from '../../../test/helpers/torznab-xsd';
import { capsXml, errorXml, type FeedItem, feedXml, rfc822 } from './torznab-xml';

const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '' });

const ITEM: FeedItem = {
  title: 'Sternenwanderer.S01E01.1080p.WEB.H264.GER-ANIWORLD',
  guid: 'aniworld:aniworld:sternenwanderer:s01e01:german-dub:download',
  downloadUrl: 'http://h/torznab/dl/abc.torrent?apikey=k&id=v1/x',
  infoUrl: 'http://h/anime/stream/sternenwanderer',
  pubDate: new Date(Date.UTC(2026, 8, 30, 12, 5, 9)),
  size: 1_000_000,
  categories: [5000, 5070],
  magnet: 'magnet:?xt=urn:btih:abc&dn=x&tr=http%3A%2F%2Fh',
  infoHash: 'abc',
  description: 'A <b>&</b> "quoted" \u0007 title',
  season: 1,
  episode: 1,
  tvdbId: 1234,
  imdb: 9000227,
  languages: ['Japanese'],
  subs: ['German'],
};

describe('Torznab XML', () => {
  it('writes RFC 822 dates as Sonarr parses them', () => {
    expect(rfc822(new Date(Date.UTC(2026, 0, 1, 0, 0, 0)))).toBe('Thu, 01 Jan 2026 00:00:00 +0000');
  });

  it('caps: valid, supportedParams without spaces, both limits, standard categories (T-1)', async () => {
    const xml = capsXml('Aniworld');
    expect(await torznabSchemaErrors(xml)).toEqual([]);
    const caps = parser.parse(xml).caps;
    expect(caps.limits).toEqual({ max: '100', default: '100' });
    expect(caps.searching.search.supportedParams).toBe('q');
    expect(caps.searching['tv-search'].supportedParams).toBe('q,season,ep,tvdbid,imdbid');
    expect(caps.searching['movie-search'].available).toBe('yes');
    const tv = caps.categories.category.find((c: { id: string }) => c.id === '5000');
    expect(tv.name).toBe('TV');
    expect(tv.subcat).toContainEqual({ id: '5070', name: 'Anime' });
  });

  it('feed: valid against the XSD, literal torznab: prefix, every field Sonarr reads', async () => {
    const xml = feedXml({
      title: 'Aniworld',
      description: 'd',
      link: 'http://h/',
      offset: 0,
      total: 1,
      items: [ITEM],
    });
    expect(await torznabSchemaErrors(xml)).toEqual([]);
    expect(xml).toContain('xmlns:torznab="http://torznab.com/schemas/2015/feed"');
    expect(xml).toContain('<torznab:attr name="language" value="Japanese"/>');
    const item = parser.parse(xml).rss.channel.item;
    expect(item.pubDate).toBe('Wed, 30 Sep 2026 12:05:09 +0000');
    expect(item.enclosure.type).toBe('application/x-bittorrent');
    expect(item.enclosure.url).toBe(ITEM.downloadUrl);
    expect(item.description).toBe('A <b>&</b> "quoted"  title');
    const attrs = Object.fromEntries(
      (item['torznab:attr'] as { name: string; value: string }[]).map((a) => [a.name, a.value]),
    );
    expect(attrs).toMatchObject({ seeders: '1', peers: '1', imdb: '9000227', tvdbid: '1234' });
  });

  it('an attribute the schema does not know is caught by the validator', async () => {
    const bad = feedXml({
      title: 't',
      description: 'd',
      link: 'l',
      offset: 0,
      total: 0,
      items: [],
    }).replace('</channel>', '<item><torznab:attr name="tmdbid" value="1"/></item></channel>');
    expect((await torznabSchemaErrors(bad)).join()).toMatch(/tmdbid/);
  });

  it('error documents carry an int code and a description (T-6)', async () => {
    const xml = errorXml(100);
    expect(await torznabSchemaErrors(xml)).toEqual([]);
    expect(parser.parse(xml).error).toEqual({
      code: '100',
      description: 'Incorrect user credentials',
    });
  });

  it('the real indexers beside us validate with the same envelope', async () => {
    const tpb = readFileSync(
      join(__dirname, '../../../test/fixtures/torznab/torznab_tpb.xml'),
      'utf8',
    );
    expect(await torznabSchemaErrors(tpb)).toEqual([]);
  });
});
