import {
  fromAbsolute,
  parseEpisodeParam,
  parseSeasonParam,
  splitQuery,
  toAbsolute,
} from './numbering';

const SEASONS = [
  { season: 0, episodes: [1, 2] },
  { season: 1, episodes: [1, 2, 3, 4] },
  { season: 2, episodes: [3, 1, 2] },
];

describe('numbering', () => {
  it('maps absolute numbers over the regular seasons in order, films left out', () => {
    expect(fromAbsolute(SEASONS, 1)).toEqual({ season: 1, episode: 1 });
    expect(fromAbsolute(SEASONS, 4)).toEqual({ season: 1, episode: 4 });
    expect(fromAbsolute(SEASONS, 5)).toEqual({ season: 2, episode: 1 });
    expect(fromAbsolute(SEASONS, 7)).toEqual({ season: 2, episode: 3 });
    expect(fromAbsolute(SEASONS, 8)).toBeNull();
    expect(fromAbsolute(SEASONS, 0)).toBeNull();
  });

  it('and back', () => {
    expect(toAbsolute(SEASONS, 2, 2)).toBe(6);
    expect(toAbsolute(SEASONS, 1, 1)).toBe(1);
    expect(toAbsolute(SEASONS, 0, 1)).toBeNull();
    expect(toAbsolute(SEASONS, 3, 1)).toBeNull();
  });

  it('splits the numbers Sonarr appends to q', () => {
    expect(splitQuery('Attack on Titan 05')).toEqual({ title: 'Attack on Titan', absolute: 5 });
    expect(splitQuery('Attack+on+Titan+05')).toEqual({ title: 'Attack on Titan', absolute: 5 });
    expect(splitQuery('05')).toEqual({ title: '', absolute: 5 });
    expect(splitQuery('Sternenwanderer S01E03')).toEqual({
      title: 'Sternenwanderer',
      season: 1,
      episode: 3,
    });
    expect(splitQuery('Sternenwanderer S02')).toEqual({ title: 'Sternenwanderer', season: 2 });
    expect(splitQuery('Kaiju No 8')).toEqual({ title: 'Kaiju No 8' });
    expect(splitQuery('Frieren')).toEqual({ title: 'Frieren' });
  });

  it('reads season and ep in the forms Torznab allows', () => {
    expect(parseSeasonParam('00')).toBe(0);
    expect(parseSeasonParam('S13')).toBe(13);
    expect(parseSeasonParam('2024')).toBeNull();
    expect(parseSeasonParam('x')).toBe('invalid');
    expect(parseEpisodeParam('E07')).toBe(7);
    expect(parseEpisodeParam('10/31')).toBeNull();
    expect(parseEpisodeParam('-1')).toBe('invalid');
  });
});
