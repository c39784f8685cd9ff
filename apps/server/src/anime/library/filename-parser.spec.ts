import {
  parseEpisodeFile,
  parseSeriesFolder,
  parseStrmFile,
  seasonOfFolder,
} from './filename-parser';

describe('parseEpisodeFile', () => {
  it.each([
    [
      'Sternenwanderer - S01E02 - Die Karte der Welt.mkv',
      { kind: 'episode', season: 1, episode: 2 },
    ],
    ['show.s2e10.1080p.mp4', { kind: 'episode', season: 2, episode: 10 }],
    ['Show S01E03E04.mkv', { kind: 'episode', season: 1, episode: 3 }],
    ['Show 1x05.avi', { kind: 'episode', season: 1, episode: 5 }],
    ['Show - S00E01 - Film.mp4', { kind: 'episode', season: 0, episode: 1 }],
    ['[Group] Show - 05 [1080p].mkv', { kind: 'absolute', absolute: 5 }],
    ['Show - 112v2 (BD).mkv', { kind: 'absolute', absolute: 112 }],
  ] as const)('%s', (name, expected) => {
    expect(parseEpisodeFile(name)).toEqual(expected);
  });

  it('takes the season of "Episode N" files from the folder', () => {
    expect(parseEpisodeFile('Episode 7.mp4', 3)).toEqual({
      kind: 'episode',
      season: 3,
      episode: 7,
    });
    expect(parseEpisodeFile('Folge 12.mkv')).toEqual({ kind: 'episode', season: 1, episode: 12 });
  });

  it.each([
    'Show S01E02.mkv.part',
    'Show S01E02.mp4.ts.part',
    'Show S01E02.mp4.part.json',
    '.Show S01E02.mkv',
    'Show S01E02.nfo',
    'Show S01E02.srt',
    'cover.jpg',
    'Show 2019.mkv',
    'noextension',
  ])('ignores %s', (name) => {
    expect(parseEpisodeFile(name)).toBeNull();
  });
});

describe('parseStrmFile', () => {
  it('reads a .strm named like an episode file, and nothing else', () => {
    expect(parseStrmFile('Sternenwanderer - S02E03 - Titel [German Sub].strm')).toEqual({
      kind: 'episode',
      season: 2,
      episode: 3,
    });
    expect(parseStrmFile('Episode 4.STRM', 3)).toEqual({ kind: 'episode', season: 3, episode: 4 });
    expect(parseStrmFile('Show - 12.strm')).toEqual({ kind: 'absolute', absolute: 12 });
    expect(parseStrmFile('Sternenwanderer - S02E03.mkv')).toBeNull();
    expect(parseStrmFile('Sternenwanderer - S02E03.strm.tmp-12-ab12cd34')).toBeNull();
    expect(parseEpisodeFile('Sternenwanderer - S02E03.strm')).toBeNull();
  });
});

describe('seasonOfFolder / parseSeriesFolder', () => {
  it('reads season folders', () => {
    expect(seasonOfFolder('Season 02')).toBe(2);
    expect(seasonOfFolder('Staffel 3')).toBe(3);
    expect(seasonOfFolder('S04')).toBe(4);
    expect(seasonOfFolder('Specials')).toBe(0);
    expect(seasonOfFolder('Extras Disk')).toBeNull();
  });

  it('reads "Name (Year)"', () => {
    expect(parseSeriesFolder('Attack on Titan (2013)')).toEqual({
      title: 'Attack on Titan',
      year: 2013,
    });
    expect(parseSeriesFolder('Mädchen & Drachen')).toEqual({
      title: 'Mädchen & Drachen',
      year: null,
    });
    expect(parseSeriesFolder('(2013)')).toEqual({ title: '(2013)', year: null });
  });
});
