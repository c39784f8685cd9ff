import { episodeCode } from './episode-code';

describe('episodeCode', () => {
  it.each([
    [1, 2, 'S01E02'],
    [0, 7, 'S00E07'],
    [12, 101, 'S12E101'],
    [100, 1, 'S100E01'],
  ])('season %i, episode %i → %s', (season, episode, code) => {
    expect(episodeCode(season, episode)).toBe(code);
  });
});
