import { DEFAULT_NAMING_TEMPLATE } from '@aniworld/contracts';
import { renderNamingTemplate } from './naming-preview';
import { episodeCode, formatBytes, formatEta, formatSpeed } from './format';

describe('renderNamingTemplate', () => {
  it('renders the default template with zero padding', () => {
    expect(renderNamingTemplate(DEFAULT_NAMING_TEMPLATE)).toEqual({
      text: 'Frieren - S01E05 - Phantoms of the Dead.mp4',
      unknown: [],
    });
  });

  it('pads to the number of zeros and leaves unknown placeholders visible', () => {
    expect(renderNamingTemplate('{series} {absolute:000} {bogus} [{hoster}].{ext}')).toEqual({
      text: 'Frieren 005 {bogus} [VOE].mp4',
      unknown: ['bogus'],
    });
  });
});

describe('format helpers', () => {
  it('formats bytes, ETA, speed and episode codes', () => {
    expect(formatBytes(512)).toBe('512 B');
    expect(formatBytes(1536)).toBe('1.5 KiB');
    expect(formatBytes(null)).toBe('–');
    expect(formatEta(42)).toBe('42s');
    expect(formatEta(185)).toBe('3m 05s');
    expect(formatEta(3720)).toBe('1h 02m');
    expect(formatEta(null)).toBe('–');
    expect(formatSpeed(2.5)).toBe('2.50 MB/s');
    expect(formatSpeed(12.34)).toBe('12.3 MB/s');
    expect(episodeCode(1, 5)).toBe('S01E05');
  });
});
