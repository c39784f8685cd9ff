import { confidence, normalizeTitle, rankCandidates, similarity, startYearOf } from './title-match';

describe('title matching', () => {
  it('normalises accents, ampersands and punctuation', () => {
    expect(normalizeTitle("Mädchen & Drachen: Ein 'Abenteuer'")).toBe(
      'madchen and drachen ein abenteuer',
    );
  });

  it('scores exact, close and unrelated titles', () => {
    expect(similarity('Sternenwanderer', 'sternenwanderer')).toBe(1);
    expect(similarity('Sternen Wanderer', 'Sternenwanderer')).toBeGreaterThan(0.8);
    expect(similarity('Kleine Katze Kuro', 'Sternenwanderer')).toBeLessThan(0.3);
  });

  it('uses alternative titles and penalises a contradicting year', () => {
    const candidate = {
      site: 'aniworld' as const,
      key: 'x',
      name: 'Shingeki no Kyojin',
      altTitles: ['Attack on Titan'],
      year: 2013,
    };
    expect(confidence('Attack on Titan', 2013, candidate)).toBe(1);
    expect(confidence('Attack on Titan', 2020, candidate)).toBeLessThan(0.7);
  });

  it('accepts only a certain match, preferring aniworld on a cross-site tie', () => {
    const both = [
      { site: 'sto' as const, key: 'stern', name: 'Sternenwanderer' },
      { site: 'aniworld' as const, key: 'stern', name: 'Sternenwanderer' },
    ];
    expect(rankCandidates('Sternenwanderer', 2019, both).certain).toMatchObject({
      site: 'aniworld',
      key: 'stern',
    });

    const ambiguous = [
      { site: 'aniworld' as const, key: 'a', name: 'Drachen' },
      { site: 'aniworld' as const, key: 'b', name: 'Drachen!' },
    ];
    expect(rankCandidates('Drachen', null, ambiguous).certain).toBeNull();
    expect(
      rankCandidates('Drache', null, [{ site: 'aniworld', key: 'a', name: 'Drachenreiter' }])
        .certain,
    ).toBeNull();
  });

  it('reads the start year of "(2020 - 2024)"', () => {
    expect(startYearOf('(2020 - 2024)')).toBe(2020);
    expect(startYearOf(null)).toBeNull();
  });
});
