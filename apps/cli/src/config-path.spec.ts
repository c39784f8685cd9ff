import type { AppConfig } from '@aniworld/contracts';
import { parseValue, updateFor, valueAt } from './config-path';
import { CliError, EXIT } from './errors';

const config = {
  anime_directory: null,
  downloads: { concurrency: 2, bandwidth_limit: null, naming_template: '{series}.{ext}' },
  providers: { hoster_order: ['VOE', 'Filemoon'] },
  logging: { level: 'info' },
} as unknown as AppConfig;

describe('config paths', () => {
  it('reads a value at a dotted path', () => {
    expect(valueAt(config, 'downloads.concurrency')).toBe(2);
    expect(valueAt(config, 'anime_directory')).toBeNull();
    expect(valueAt(config, 'providers')).toEqual({ hoster_order: ['VOE', 'Filemoon'] });
  });

  it('says "not found" for a path the configuration does not have', () => {
    for (const path of ['downloads.nope', 'nope', 'downloads.concurrency.x']) {
      let code: number | undefined;
      try {
        valueAt(config, path);
      } catch (error) {
        code = (error as CliError).exitCode;
      }
      expect(code).toBe(EXIT.notFound);
    }
  });

  it('parses the text as the type the setting has', () => {
    expect(parseValue(2, '4')).toBe(4);
    expect(parseValue(2, 'null')).toBeNull();
    expect(parseValue('info', 'debug')).toBe('debug');
    expect(parseValue('{series}.{ext}', '123')).toBe('123');
    expect(parseValue(['VOE'], 'Vidmoly, VOE')).toEqual(['Vidmoly', 'VOE']);
    expect(parseValue(['VOE'], '["Vidmoly"]')).toEqual(['Vidmoly']);
    expect(parseValue(['VOE'], '')).toEqual([]);
    expect(parseValue(null, '/srv/anime')).toBe('/srv/anime');
    expect(parseValue(null, '5242880')).toBe(5242880);
    expect(parseValue(true, 'false')).toBe(false);
    expect(() => parseValue(2, 'two')).toThrow(CliError);
    expect(() => parseValue(true, 'yes')).toThrow(CliError);
    expect(() => parseValue({ a: 1 }, '1')).toThrow(CliError);
  });

  it('builds the nested update the server merges', () => {
    expect(updateFor('downloads.concurrency', 3)).toEqual({ downloads: { concurrency: 3 } });
    expect(updateFor('anime_directory', '/a')).toEqual({ anime_directory: '/a' });
  });
});
