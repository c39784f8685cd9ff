import { pathInside, sanitizeComponent, seriesFolderName } from './path-safety';

/** Sanitising itself is specified in queue/naming/naming.spec.ts; here: the series folder names. */
describe('series folder names', () => {
  it('keeps umlauts and makes a hostile site title one safe component', () => {
    expect(
      seriesFolderName({ folder: null, series: "Mädchen & Drachen: Ein 'Abenteuer'", year: 2021 }),
    ).toBe("Mädchen & Drachen - Ein 'Abenteuer' (2021)");
    const hostile = seriesFolderName({
      folder: null,
      series: '../../etc\u0001 "Böse" <Serie>: Teil/2 *?|',
      year: 2024,
    });
    expect(hostile).not.toMatch(/[/\\<>:"|?*\p{Cc}]|^\./u);
    expect(pathInside('/anime', hostile)).toBe(`/anime/${hostile}`);
  });

  it('never yields an empty or dot-only component', () => {
    expect(sanitizeComponent('..')).toBe('Unnamed');
    expect(seriesFolderName({ folder: null, series: '...', year: null })).toBe('Unnamed Series');
  });
});
