import { join, resolve, sep } from 'node:path';
import { DEFAULT_NAMING_TEMPLATE } from '@aniworld/contracts';
import { episodePath, type NamingInput, renderFileName } from './episode-path';
import {
  MAX_COMPONENT_BYTES,
  pathInside,
  sanitizeComponent,
  seriesFolderName,
  truncateBytes,
} from '../../common/path-safety';

const HOSTILE = '../../etc\u0001 "Böse" <Serie>: Teil/2 *?|\u001b[31m';

const input = (over: Partial<NamingInput> = {}): NamingInput => ({
  series: 'Sternenwanderer',
  year: 2019,
  folder: null,
  key: 'sternenwanderer',
  season: 1,
  episode: 2,
  absolute: 2,
  titleDe: 'Die Karte der Welt',
  titleEn: 'The Map of the World',
  language: 'german-dub',
  quality: null,
  hoster: 'VOE',
  ext: 'mp4',
  ...over,
});

describe('sanitizeComponent', () => {
  it.each([
    ['../../etc', '-..-etc'],
    ['..', 'Unnamed'],
    ['.hidden', 'hidden'],
    ['name. . .', 'name'],
    ['a<b>c"d|e?f*g', 'abcdefg'],
    ['Teil: Zwei', 'Teil - Zwei'],
    ['back\\slash', 'back-slash'],
    ['tab\tand\nnewline\u0007bell', 'tab and newlinebell'],
    ['CON', 'CON_'],
    ['con.txt', 'con_.txt'],
    ['nul', 'nul_'],
    ['COM1', 'COM1_'],
    ['LPT9.mp4', 'LPT9_.mp4'],
    ['Console', 'Console'],
    ['', 'Unnamed'],
    ['\u0001\u0002', 'Unnamed'],
    ['   ', 'Unnamed'],
  ])('%j → %j', (raw, expected) => {
    expect(sanitizeComponent(raw)).toBe(expected);
  });

  it('turns the hostile sandbox title into one harmless component', () => {
    const name = sanitizeComponent(HOSTILE);
    expect(name).not.toMatch(/[/\\<>:"|?*]/);
    expect([...name].some((c) => c.charCodeAt(0) < 32)).toBe(false);
    expect(name.startsWith('.')).toBe(false);
    expect(name).toContain('Böse');
  });

  it('keeps components within the byte limit without splitting characters', () => {
    const long = 'ä'.repeat(300);
    const out = sanitizeComponent(long);
    expect(Buffer.byteLength(out)).toBeLessThanOrEqual(MAX_COMPONENT_BYTES);
    expect(out).toBe('ä'.repeat(MAX_COMPONENT_BYTES / 2));
    expect(truncateBytes('a😀b', 4)).toBe('a');
  });
});

describe('renderFileName', () => {
  it('renders the default template with padding', () => {
    expect(renderFileName(DEFAULT_NAMING_TEMPLATE, input())).toBe(
      'Sternenwanderer - S01E02 - Die Karte der Welt.mp4',
    );
  });

  it('falls back to the English title, then "Episode N"', () => {
    expect(renderFileName('{title}.{ext}', input({ titleDe: ' ' }))).toBe(
      'The Map of the World.mp4',
    );
    expect(renderFileName('{title}.{ext}', input({ titleDe: null, titleEn: null }))).toBe(
      'Episode 2.mp4',
    );
  });

  it('fills every placeholder', () => {
    expect(
      renderFileName(
        '{key} {year} {absolute:000} {language} {quality} {hoster} E{episode}.{ext}',
        input({ quality: 720 }),
      ),
    ).toBe('sternenwanderer 2019 002 german-dub 720p VOE E2.mp4');
  });

  it('drops the separators of empty placeholders', () => {
    const template = '{series} - S{season:00}E{episode:00} - {quality} - {title} [{quality}].{ext}';
    expect(renderFileName(template, input())).toBe(
      'Sternenwanderer - S01E02 - Die Karte der Welt.mp4',
    );
    expect(
      renderFileName('{series} - {absolute:000} - {title}.{ext}', input({ absolute: null })),
    ).toBe('Sternenwanderer - Die Karte der Welt.mp4');
    expect(renderFileName(template, input({ quality: 1080 }))).toBe(
      'Sternenwanderer - S01E02 - 1080p - Die Karte der Welt [1080p].mp4',
    );
  });

  it('sanitizes titles from hostile pages and keeps the extension within the limit', () => {
    const name = renderFileName(
      DEFAULT_NAMING_TEMPLATE,
      input({ titleDe: '../../../tmp/x\u0007' }),
    );
    expect(name).toBe('Sternenwanderer - S01E02 - ..-..-..-tmp-x.mp4');
    const long = renderFileName('{title}.{ext}', input({ titleDe: 'x'.repeat(500) }));
    expect(long.endsWith('.mp4')).toBe(true);
    expect(Buffer.byteLength(long)).toBeLessThanOrEqual(MAX_COMPONENT_BYTES);
  });
});

describe('episodePath', () => {
  const root = resolve('/anime');

  it('builds <root>/<Name (Year)>/Season NN/<file>', () => {
    expect(episodePath(root, DEFAULT_NAMING_TEMPLATE, input())).toBe(
      join(
        root,
        'Sternenwanderer (2019)',
        'Season 01',
        'Sternenwanderer - S01E02 - Die Karte der Welt.mp4',
      ),
    );
    expect(seriesFolderName({ folder: 'Custom', series: 'x', year: 1 })).toBe('Custom');
    expect(seriesFolderName({ folder: null, series: 'No Year', year: null })).toBe('No Year');
  });

  it('never leaves the library, whatever the series, folder and title say', () => {
    for (const hostile of [HOSTILE, '../..', '..', '/etc/passwd', 'C:\\Windows', 'CON', '.']) {
      const path = episodePath(
        root,
        DEFAULT_NAMING_TEMPLATE,
        input({ series: hostile, folder: hostile, titleDe: hostile, titleEn: hostile }),
      );
      expect(path.startsWith(root + sep)).toBe(true);
      expect(path.split(sep).slice(root.split(sep).length)).toHaveLength(3);
    }
  });

  it('pathInside refuses traversal that was not sanitized', () => {
    expect(() => pathInside(root, '..', 'etc')).toThrow(/outside the anime directory/);
    expect(() => pathInside(root, '')).toThrow(/outside/);
    expect(pathInside(root, 'a', 'b')).toBe(join(root, 'a', 'b'));
  });
});
