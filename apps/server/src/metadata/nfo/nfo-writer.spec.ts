import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  episodeNfo,
  type EpisodeNfo,
  NFO_MARKER,
  seasonNfo,
  type ShowNfo,
  tvshowNfo,
  writtenByUs,
} from './nfo-writer';

/** Real NFOs written by Jellyfin and Sonarr (copied from the shared fixtures; see docs/metadata.md). */
const FIXTURES = join(__dirname, '../../../test/fixtures/nfo');
const sample = (name: string) => readFileSync(join(FIXTURES, name), 'utf8');

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@',
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: true,
  alwaysCreateTextNode: true,
  // Every element as a list (repeats are the rule in NFOs), attributes as plain values.
  isArray: (_name: string, _path: unknown, _leaf: boolean, isAttribute: boolean) => !isAttribute,
});

type Node = Record<string, unknown>;

/** Every element path (`tvshow/fanart/thumb`) and attribute path (`tvshow/thumb@aspect`) of a document. */
function paths(xml: string): Set<string> {
  const out = new Set<string>();
  const walk = (node: unknown, at: string) => {
    if (typeof node !== 'object' || node === null) return;
    for (const [name, value] of Object.entries(node as Node)) {
      if (name === '#text' || name === '?xml') continue;
      if (name.startsWith('@')) {
        out.add(`${at}${name}`);
        continue;
      }
      const path = at ? `${at}/${name}` : name;
      out.add(path);
      for (const child of value as unknown[]) walk(child, path);
    }
  };
  walk(parser.parse(xml), '');
  return out;
}

/** The first element `path` (a/b/c) of a document: its text, or its attributes and text. */
function first(xml: string, path: string): Node | undefined {
  let node: unknown = parser.parse(xml);
  for (const name of path.split('/')) node = ((node as Node)[name] as unknown[] | undefined)?.[0];
  return node as Node | undefined;
}
const textOf = (xml: string, path: string) => (first(xml, path)?.['#text'] as string) ?? undefined;
function all(xml: string, path: string): Node[] {
  const names = path.split('/');
  let node: unknown = parser.parse(xml);
  for (const name of names.slice(0, -1)) node = ((node as Node)[name] as unknown[])?.[0];
  return ((node as Node)[names[names.length - 1]] as Node[]) ?? [];
}

const HOSTILE = "Mädchen & Drachen: Ein 'Abenteuer'";

const show: ShowNfo = {
  title: HOSTILE,
  originalTitle: '少女とドラゴン',
  plot: 'Ein Mädchen & ihr Drache „Funke“ – <3 und Ärger inklusive.',
  premiered: '2021-04-07',
  status: 'Ended',
  genres: ['Abenteuer', 'Sci-Fi & Fantasy'],
  studios: ['Sandbox Anime TV'],
  ids: { tmdb: 91312, tvdb: 391312, imdb: 'tt9001312' },
  posterUrl: 'https://image.tmdb.org/t/p/original/poster.jpg',
  fanartUrl: 'https://image.tmdb.org/t/p/original/backdrop.jpg',
  seasons: [
    { number: 0, name: 'Specials', posterUrl: 'https://image.tmdb.org/t/p/original/s0.jpg' },
    { number: 1, name: 'Staffel 1', posterUrl: null },
  ],
};

const episode: EpisodeNfo = {
  showTitle: HOSTILE,
  title: 'Äpfel & Birnen <3',
  season: 1,
  episode: 3,
  plot: 'Apples & "Pears".',
  aired: '2021-04-21',
  runtimeMinutes: 24,
  tmdbId: 913120103,
  thumbUrl: 'https://image.tmdb.org/t/p/original/still.jpg?a=1&b=2',
};

describe('NFO writer', () => {
  it('writes well-formed UTF-8 with the declaration Kodi and Jellyfin expect, and our marker', () => {
    for (const xml of [
      tvshowNfo(show),
      seasonNfo({ number: 1, title: 'Staffel 1', plot: null, premiered: '2021-04-07' }),
      episodeNfo(episode),
    ]) {
      expect(XMLValidator.validate(xml)).toBe(true);
      expect(xml.split('\n')[0]).toBe('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>');
      expect(xml.split('\n')[1]).toBe(NFO_MARKER);
      expect(writtenByUs(xml)).toBe(true);
      expect(Buffer.from(xml, 'utf8').toString('utf8')).toBe(xml);
    }
  });

  it('writes tvshow.nfo with only elements, nesting and attributes of the Jellyfin sample', () => {
    const ours = paths(tvshowNfo(show));
    const theirs = paths(sample('American Gods.nfo'));
    expect([...ours].filter((p) => !theirs.has(p))).toEqual([]);
    for (const needed of [
      'tvshow/title',
      'tvshow/originaltitle',
      'tvshow/plot',
      'tvshow/premiered',
      'tvshow/year',
      'tvshow/genre',
      'tvshow/studio',
      'tvshow/uniqueid@type',
      'tvshow/uniqueid@default',
      'tvshow/thumb@aspect',
      'tvshow/thumb@season',
      'tvshow/fanart/thumb',
      'tvshow/namedseason@number',
    ])
      expect(ours).toContain(needed);
  });

  it('gives every id a uniqueid with its type and makes TVDB the one default (TMDB without TVDB)', () => {
    const xml = tvshowNfo(show);
    expect(all(xml, 'tvshow/uniqueid')).toEqual([
      { '#text': '391312', '@type': 'tvdb', '@default': 'true' },
      { '#text': '91312', '@type': 'tmdb' },
      { '#text': 'tt9001312', '@type': 'imdb' },
    ]);
    const noTvdb = tvshowNfo({ ...show, ids: { tmdb: 5, tvdb: null, imdb: null } });
    expect(all(noTvdb, 'tvshow/uniqueid')).toEqual([
      { '#text': '5', '@type': 'tmdb', '@default': 'true' },
    ]);
    expect(all(xml, 'tvshow/thumb')).toEqual([
      { '#text': show.posterUrl, '@aspect': 'poster' },
      {
        '#text': 'https://image.tmdb.org/t/p/original/s0.jpg',
        '@aspect': 'poster',
        '@type': 'season',
        '@season': '0',
      },
    ]);
    expect(all(xml, 'tvshow/namedseason')).toEqual([
      { '#text': 'Specials', '@number': '0' },
      { '#text': 'Staffel 1', '@number': '1' },
    ]);
    expect(textOf(xml, 'tvshow/status')).toBe('Ended');
    expect(textOf(xml, 'tvshow/year')).toBe('2021');
  });

  it('escapes hostile titles so that they parse back exactly', () => {
    const xml = tvshowNfo(show);
    expect(xml).toContain('<title>Mädchen &amp; Drachen: Ein &apos;Abenteuer&apos;</title>');
    expect(textOf(xml, 'tvshow/title')).toBe(HOSTILE);
    expect(textOf(xml, 'tvshow/plot')).toBe(show.plot);
    expect(all(xml, 'tvshow/genre').map((g) => g['#text'])).toEqual(show.genres);
    const ep = episodeNfo(episode);
    expect(textOf(ep, 'episodedetails/title')).toBe('Äpfel & Birnen <3');
    expect(textOf(ep, 'episodedetails/showtitle')).toBe(HOSTILE);
    expect(textOf(ep, 'episodedetails/thumb')).toBe(episode.thumbUrl);
    // Control characters cannot be carried by XML 1.0 at all: they are dropped, the rest stays.
    const control = tvshowNfo({
      ...show,
      title: '../../etc\u0001 "Böse" <Serie>: Teil/2 *?|\u001b[31m',
    });
    expect(XMLValidator.validate(control)).toBe(true);
    expect(textOf(control, 'tvshow/title')).toBe('../../etc "Böse" <Serie>: Teil/2 *?|[31m');
  });

  it('writes season.nfo like the Jellyfin sample', () => {
    const xml = seasonNfo({ number: 1, title: 'Staffel 1', plot: 'Plot', premiered: '2021-04-07' });
    const theirs = paths(sample('Season 01.nfo'));
    expect([...paths(xml)].filter((p) => !theirs.has(p))).toEqual([]);
    expect(textOf(xml, 'season/seasonnumber')).toBe('1');
    expect(textOf(xml, 'season/title')).toBe('Staffel 1');
    expect(textOf(xml, 'season/premiered')).toBe('2021-04-07');
    const specials = seasonNfo({ number: 0, title: null, plot: null, premiered: null });
    expect(textOf(specials, 'season/title')).toBe('Specials');
    expect(textOf(specials, 'season/seasonnumber')).toBe('0');
  });

  it('writes the episode NFO like the Jellyfin and Sonarr samples, specials as season 0', () => {
    const xml = episodeNfo(episode);
    const theirs = new Set([
      ...paths(sample('The Bone Orchard.nfo')),
      ...paths(sample('Sonarr-Thumb.nfo')),
    ]);
    expect([...paths(xml)].filter((p) => !theirs.has(p))).toEqual([]);
    expect(first(xml, 'episodedetails')).toBeDefined();
    expect(textOf(xml, 'episodedetails/season')).toBe('1');
    expect(textOf(xml, 'episodedetails/episode')).toBe('3');
    expect(textOf(xml, 'episodedetails/aired')).toBe('2021-04-21');
    expect(all(xml, 'episodedetails/uniqueid')).toEqual([
      { '#text': '913120103', '@type': 'tmdb', '@default': 'true' },
    ]);
    const special = episodeNfo({ ...episode, season: 0, episode: 1, tmdbId: null, plot: null });
    expect(textOf(special, 'episodedetails/season')).toBe('0');
    expect(first(special, 'episodedetails/uniqueid')).toBeUndefined();
    expect(first(special, 'episodedetails/plot')).toBeUndefined();
  });

  it("tells its own files from other tools' files", () => {
    expect(writtenByUs(sample('The Bone Orchard.nfo'))).toBe(false);
    expect(writtenByUs(sample('American Gods.nfo'))).toBe(false);
    expect(writtenByUs(episodeNfo(episode))).toBe(true);
  });
});
