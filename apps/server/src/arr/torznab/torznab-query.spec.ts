import { parseTorznabQuery, TorznabError } from './torznab-query';

function errorOf(q: Record<string, unknown>): number | undefined {
  try {
    parseTorznabQuery(q);
    return undefined;
  } catch (error) {
    return error instanceof TorznabError ? error.code : -1;
  }
}

describe('parseTorznabQuery', () => {
  it('reads parameter names case-insensitively and normalises values', () => {
    const r = parseTorznabQuery({
      T: 'tvsearch',
      ApiKey: 'k',
      Q: 'Title',
      season: 'S01',
      ep: 'E05',
      imdbid: 'tt0944947',
      cat: '5000,5070',
      offset: '100',
      limit: '500',
      extended: '1',
    });
    expect(r).toMatchObject({
      t: 'tvsearch',
      apikey: 'k',
      q: 'Title',
      season: 1,
      ep: 5,
      imdbid: '0944947',
      cats: [5000, 5070],
      offset: 100,
      limit: 100,
      extended: true,
    });
  });

  it('answers the Torznab error codes for missing, unknown and bad parameters', () => {
    expect(errorOf({})).toBe(200);
    expect(errorOf({ t: 'music' })).toBe(203);
    expect(errorOf({ t: 'bogus' })).toBe(202);
    expect(errorOf({ t: 'search', cat: '5000,abc' })).toBe(201);
    expect(errorOf({ t: 'search', offset: '-1' })).toBe(201);
    expect(errorOf({ t: 'search', limit: 'ten' })).toBe(201);
    expect(errorOf({ t: 'tvsearch', season: 'first' })).toBe(201);
    expect(errorOf({ t: 'tvsearch', tvdbid: '0' })).toBe(201);
    expect(errorOf({ t: 'search', extended: 'maybe' })).toBe(201);
    expect(errorOf({ t: 'caps' })).toBeUndefined();
  });

  it('gives the default page when limit is absent or 0', () => {
    expect(parseTorznabQuery({ t: 'search' }).limit).toBe(100);
    expect(parseTorznabQuery({ t: 'search', limit: '0' }).limit).toBe(100);
    expect(parseTorznabQuery({ t: 'search', limit: '25' }).limit).toBe(25);
  });
});
