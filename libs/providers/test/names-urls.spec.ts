import {
  ExtractorRegistry,
  fileCodeOf,
  hosterBase,
  hosterFromUrl,
  languageFromFlag,
  languageFromLabel,
  normalizeHosterName,
  normalizeStoPath,
  sitePath,
  siteUrl,
} from '../src';

describe('hoster names', () => {
  it.each([
    ['VOE', 'VOE'],
    ['Hoster VOE', 'VOE'],
    ['voe.sx', 'VOE'],
    ['Doodstream', 'Doodstream'],
    ['d0000d.com', 'Doodstream'],
    ['playmogo', 'Doodstream'],
    ['VidPly', 'Doodstream'],
    ['Byse', 'Filemoon'],
    ['bysezejataos.com', 'Filemoon'],
    ['FILEMOON', 'Filemoon'],
    ['vidmoly.biz', 'Vidmoly'],
    ['videzz.net', 'Vidoza'],
    ['LuLuVdo', 'Luluvdo'],
    ['loadx.ws', 'LoadX'],
    ['SpeedFiles', 'SpeedFiles'],
    ['streamta.pe', 'Streamtape'],
  ])('%s → %s', (raw, name) => {
    expect(normalizeHosterName(raw)).toBe(name);
  });

  it('returns null for unknown or empty names', () => {
    expect(normalizeHosterName('Vidara')).toBeNull();
    expect(normalizeHosterName('  ')).toBeNull();
  });

  it('guesses from host names and sandbox-style path prefixes', () => {
    expect(hosterFromUrl('https://dood.li/e/x')).toBe('Doodstream');
    expect(hosterFromUrl('http://127.0.0.1:8090/filemoon/e/x')).toBe('Filemoon');
    expect(hosterFromUrl('https://jilliandescribecompany.com/e/x')).toBeNull();
  });

  it('the registry prefers the label over the URL', () => {
    const registry = new ExtractorRegistry();
    expect(registry.resolve('VOE', 'https://jilliandescribecompany.com/e/x').name).toBe('VOE');
    expect(registry.resolve(null, 'http://127.0.0.1:1/streamtape/e/x').name).toBe('Streamtape');
    expect(() => registry.resolve('Vidara', 'https://vidara.to/e/x')).toThrow(/Unknown hoster/);
  });
});

describe('URLs', () => {
  it('turns relative and absolute links into paths on the base URL', () => {
    expect(sitePath('https://aniworld.to/anime/stream/x?y=1')).toBe('/anime/stream/x?y=1');
    expect(sitePath('anime/stream/x')).toBe('/anime/stream/x');
    expect(siteUrl('http://127.0.0.1:8090/aniworld/', '/redirect/1')).toBe(
      'http://127.0.0.1:8090/aniworld/redirect/1',
    );
    expect(normalizeStoPath('/serie/stream/x/staffel-1')).toBe('/serie/x/staffel-1');
  });

  it('derives the hoster base from the embed marker, so path prefixes work', () => {
    expect(hosterBase('https://voe.sx/e/abc')).toBe('https://voe.sx');
    expect(hosterBase('http://127.0.0.1:8090/voe/e/abc')).toBe('http://127.0.0.1:8090/voe');
    expect(hosterBase('http://127.0.0.1:8090/mirror/vidmoly/embed-abc.html')).toBe(
      'http://127.0.0.1:8090/mirror/vidmoly',
    );
    expect(hosterBase('http://127.0.0.1:8090/loadx/v/hash/name')).toBe(
      'http://127.0.0.1:8090/loadx',
    );
    expect(hosterBase('http://127.0.0.1:8090/speedfiles/abc')).toBe(
      'http://127.0.0.1:8090/speedfiles',
    );
    expect(fileCodeOf('https://filemoon.sx/d/code1/name')).toBe('code1');
    expect(fileCodeOf('http://h/vidoza/embed-xyz.html')).toBe('xyz');
  });
});

describe('languages', () => {
  it.each([
    ['/public/img/german.svg', { audio: 'german', subtitles: null }],
    [
      'https://aniworld.to/public/img/japanese-german.svg?v=2',
      { audio: 'japanese', subtitles: 'german' },
    ],
    ['japanese-english.svg', { audio: 'japanese', subtitles: 'english' }],
    ['svg-flag svg-flag-english-german', { audio: 'english', subtitles: 'german' }],
    ['#icon-flag-german', { audio: 'german', subtitles: null }],
  ])('flag %s', (flag, pair) => {
    expect(languageFromFlag(flag)).toEqual(pair);
  });

  it('rejects unknown flags', () => {
    expect(languageFromFlag('/public/img/klingon.svg')).toBeNull();
  });

  it('reads labels relative to the original audio of the site', () => {
    expect(languageFromLabel('Deutsch', 'english')).toEqual({ audio: 'german', subtitles: null });
    expect(languageFromLabel('Ger-Sub', 'english')).toEqual({
      audio: 'english',
      subtitles: 'german',
    });
    expect(languageFromLabel('mit deutschen Untertiteln', 'japanese')).toEqual({
      audio: 'japanese',
      subtitles: 'german',
    });
    expect(languageFromLabel('Englisch', 'english')).toEqual({ audio: 'english', subtitles: null });
    expect(languageFromLabel('Klingonisch', 'english')).toBeNull();
  });
});
