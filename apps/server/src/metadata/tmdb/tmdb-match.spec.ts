import { rankTmdbResults, tmdbConfidence } from './tmdb-match';
import type { TmdbShowSummary } from './tmdb-types';

const result = (
  id: number,
  name: string,
  firstAirDate: string | null,
  originalName: string | null = null,
): TmdbShowSummary => ({
  id,
  name,
  originalName,
  overview: null,
  firstAirDate,
  posterPath: `/p${id}.jpg`,
  backdropPath: null,
});
const poster = (path: string | null) => (path ? `https://img${path}` : null);

describe('matching a series to TMDB by title and year', () => {
  const stern = {
    name: 'Sternenwanderer',
    altTitles: ['Star Wanderer', 'Hoshi no Tabibito'],
    year: 2019,
  };

  it('takes an exact title of the right year that nothing rivals', () => {
    const { certain, ranked } = rankTmdbResults(
      stern,
      [result(1, 'Sternenwanderer', '2019-04-07'), result(2, 'Sternenfahrer', '2001-01-01')],
      poster,
    );
    expect(certain).toMatchObject({
      tmdb_id: 1,
      confidence: 1,
      year: 2019,
      poster_url: 'https://img/p1.jpg',
    });
    expect(ranked.map((c) => c.tmdb_id)).toEqual([1, 2]);
  });

  it('matches an alternative title against the original name too', () => {
    expect(tmdbConfidence(stern, result(3, 'Wanderers', '2019-01-01', 'Hoshi no Tabibito'))).toBe(
      1,
    );
  });

  it('never guesses between namesakes of the same year', () => {
    const notruf = { name: '112: Notruf', altTitles: ['112: Emergency'], year: 2022 };
    const { certain, ranked } = rankTmdbResults(
      notruf,
      [result(95002, '112: Notruf', '2022-04-07'), result(95902, '112: Notruf', '2022-02-03')],
      poster,
    );
    expect(certain).toBeNull();
    expect(ranked.map((c) => [c.tmdb_id, c.confidence])).toEqual([
      [95002, 1],
      [95902, 1],
    ]);
  });

  it('lowers a title match of another decade below certainty, and keeps it as a candidate', () => {
    const { certain, ranked } = rankTmdbResults(
      stern,
      [result(4, 'Sternenwanderer', '1987-01-01')],
      poster,
    );
    expect(certain).toBeNull();
    expect(ranked[0].confidence).toBe(0.6);
  });

  it('lists nothing for no results, and one entry per TMDB id', () => {
    expect(rankTmdbResults(stern, [], poster)).toEqual({ ranked: [], certain: null });
    const twice = [
      result(1, 'Sternenwanderer', '2019-04-07'),
      result(1, 'Sternenwanderer', '2019-04-07'),
    ];
    expect(rankTmdbResults(stern, twice, poster).ranked).toHaveLength(1);
    expect(rankTmdbResults(stern, twice, poster).certain?.tmdb_id).toBe(1);
  });
});
