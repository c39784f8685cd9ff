import type { AnimeDetail, AnimeEpisode } from '@aniworld/contracts';
import { parseEpisodeSpec, selectEpisodes } from './episode-spec';
import { CliError, EXIT } from './errors';

function episode(season: number, n: number, downloaded = false, strm = false): AnimeEpisode {
  return {
    season,
    episode: n,
    title_de: null,
    title_en: null,
    languages: [],
    is_downloaded: downloaded,
    file_path: null,
    strm_path: strm ? `/anime/Sternenwanderer (2019)/S${season}E${n}.strm` : null,
    queued: false,
    queue_status: null,
    downloaded_language: null,
    fallback: false,
    upgrade_language: null,
    air_date: null,
  };
}

const series = {
  key: 'sternenwanderer',
  seasons: [
    { season: 0, episodes: [episode(0, 1)] },
    {
      season: 1,
      episodes: [
        episode(1, 1, true),
        episode(1, 2),
        episode(1, 3),
        episode(1, 4),
        episode(1, 5, false, true),
      ],
    },
    { season: 2, episodes: [episode(2, 1, true), episode(2, 2, true)] },
  ],
} as AnimeDetail;

function exitOf(run: () => unknown): number | undefined {
  try {
    run();
  } catch (error) {
    return error instanceof CliError ? error.exitCode : -1;
  }
  return undefined;
}

describe('parseEpisodeSpec', () => {
  it.each([
    ['S01E02', { kind: 'episodes', season: 1, from: 2, to: 2 }],
    ['s1e2', { kind: 'episodes', season: 1, from: 2, to: 2 }],
    ['S01E01-E05', { kind: 'episodes', season: 1, from: 1, to: 5 }],
    ['S01E01-05', { kind: 'episodes', season: 1, from: 1, to: 5 }],
    ['S01E01-S01E05', { kind: 'episodes', season: 1, from: 1, to: 5 }],
    ['S00E01', { kind: 'episodes', season: 0, from: 1, to: 1 }],
    ['S02', { kind: 'season', season: 2 }],
    ['all-missing', { kind: 'all-missing' }],
    ['ALL-MISSING', { kind: 'all-missing' }],
  ])('reads %s', (text, spec) => {
    expect(parseEpisodeSpec(text)).toEqual(spec);
  });

  it.each(['', 'E01', 'S01E', 'S01E05-E03', 'S01E00', 'S01E01-S02E03', 'S01E01,E02', 'missing'])(
    'refuses %p as a usage error',
    (text) => {
      expect(exitOf(() => parseEpisodeSpec(text))).toBe(EXIT.usage);
    },
  );
});

describe('selectEpisodes', () => {
  it('takes a range as named, downloaded and streamed episodes included', () => {
    expect(selectEpisodes(parseEpisodeSpec('S01E01-E03'), series)).toEqual([
      { season: 1, episode: 1 },
      { season: 1, episode: 2 },
      { season: 1, episode: 3 },
    ]);
    expect(selectEpisodes(parseEpisodeSpec('S01E05'), series)).toEqual([{ season: 1, episode: 5 }]);
  });

  it('takes only what is neither on disk nor streamed (.strm) for a season and for all-missing', () => {
    expect(selectEpisodes(parseEpisodeSpec('S01'), series)).toEqual([
      { season: 1, episode: 2 },
      { season: 1, episode: 3 },
      { season: 1, episode: 4 },
    ]);
    expect(selectEpisodes(parseEpisodeSpec('S02'), series)).toEqual([]);
    expect(selectEpisodes(parseEpisodeSpec('all-missing'), series)).toEqual([
      { season: 0, episode: 1 },
      { season: 1, episode: 2 },
      { season: 1, episode: 3 },
      { season: 1, episode: 4 },
    ]);
  });

  it('says "not found" for a season or an episode the series does not have', () => {
    expect(exitOf(() => selectEpisodes(parseEpisodeSpec('S03'), series))).toBe(EXIT.notFound);
    expect(exitOf(() => selectEpisodes(parseEpisodeSpec('S01E03-E06'), series))).toBe(
      EXIT.notFound,
    );
  });
});
