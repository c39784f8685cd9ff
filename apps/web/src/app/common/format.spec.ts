import { formatAgo, formatBytes, formatEta, formatSpeed } from './format';

describe('formats in English', () => {
  it('speeds in MB/s, never bytes, with two decimals below 10', () => {
    expect(formatSpeed(2.5)).toBe('2.50 MB/s');
    expect(formatSpeed(12.345)).toBe('12.3 MB/s');
    expect(formatSpeed(1234.5)).toBe('1234.5 MB/s');
    expect(formatSpeed(null)).toBe('–');
  });

  it('sizes in binary units', () => {
    expect(formatBytes(512)).toBe('512 B');
    expect(formatBytes(1536)).toBe('1.5 KiB');
    expect(formatBytes(20e6)).toBe('19.1 MiB');
    expect(formatBytes(undefined)).toBe('–');
  });

  it('durations', () => {
    expect(formatEta(42)).toBe('42s');
    expect(formatEta(185)).toBe('3m 05s');
    expect(formatEta(3720)).toBe('1h 02m');
    expect(formatEta(-1)).toBe('–');
  });

  it('relative times', () => {
    const now = Date.parse('2026-01-02T12:00:00Z');
    expect(formatAgo('2026-01-02T11:59:50Z', now)).toBe('now');
    expect(formatAgo('2026-01-02T11:55:00Z', now)).toBe('5 minutes ago');
    expect(formatAgo('2026-01-02T11:59:00Z', now)).toBe('1 minute ago');
    expect(formatAgo('2026-01-02T09:00:00Z', now)).toBe('3 hours ago');
    expect(formatAgo('2026-01-01T12:00:00Z', now)).toBe('yesterday');
    expect(formatAgo('2025-12-29T12:00:00Z', now)).toBe('4 days ago');
    expect(formatAgo('not a date', now)).toBe('');
  });
});
