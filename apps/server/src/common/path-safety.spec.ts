import { pathInside, safePathComponent, seriesFolderName } from './path-safety';

describe('path safety', () => {
  it.each([
    ['../../etc', '-..-etc'],
    ['..', 'untitled'],
    ['CON', '_CON'],
    ['nul.txt', '_nul.txt'],
    ['a/b\\c', 'a-b-c'],
    ['What? <Yes>: "No" | *', 'What Yes No'],
    ['bell\u0007 and \u001b[31m escape', 'bell and [31m escape'],
    ['trailing dots...', 'trailing dots'],
    ['  spaced  out  ', 'spaced out'],
  ])('%j → %j', (raw, safe) => {
    expect(safePathComponent(raw)).toBe(safe);
  });

  it('keeps umlauts and caps long names at 200 bytes without splitting a character', () => {
    expect(safePathComponent('Mädchen & Drachen')).toBe('Mädchen & Drachen');
    const long = safePathComponent('ä'.repeat(300));
    expect(Buffer.byteLength(long)).toBeLessThanOrEqual(200);
    expect(long).toBe('ä'.repeat(100));
  });

  it('builds series folder names and never leaves the root', () => {
    expect(seriesFolderName('../../etc\u0001 "Böse" <Serie>: Teil/2 *?|', 2024)).toBe(
      '-..-etc Böse Serie Teil-2 (2024)',
    );
    expect(pathInside('/anime', 'Show (2020)', 'Season 01')).toBe('/anime/Show (2020)/Season 01');
    expect(() => pathInside('/anime', '..', 'etc')).toThrow('outside');
    expect(() => pathInside('/anime', '')).toThrow('outside');
  });
});
