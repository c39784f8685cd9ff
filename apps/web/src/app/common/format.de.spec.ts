import { speakGerman } from '../testing/german';
import { languageLabel, readableFailure } from './failure-text';
import { formatAgo, formatBytes, formatEta, formatSpeed } from './format';

describe('formats and failure texts in German', () => {
  beforeAll(() => speakGerman());

  it('speeds in MB/s with a decimal comma', () => {
    expect(formatSpeed(2.5)).toBe('2,50 MB/s');
    expect(formatSpeed(12.345)).toBe('12,3 MB/s');
    expect(formatSpeed(1234.5)).toBe('1234,5 MB/s');
  });

  it('sizes and durations', () => {
    expect(formatBytes(1536)).toBe('1,5 KiB');
    expect(formatBytes(20e6)).toBe('19,1 MiB');
    expect(formatEta(42)).toBe('42 s');
    expect(formatEta(185)).toBe('3 min 05 s');
    expect(formatEta(3720)).toBe('1 h 02 min');
  });

  it('relative times, one and many', () => {
    const now = Date.parse('2026-01-02T12:00:00Z');
    expect(formatAgo('2026-01-02T11:59:50Z', now)).toBe('jetzt');
    expect(formatAgo('2026-01-02T11:59:00Z', now)).toBe('vor 1 Minute');
    expect(formatAgo('2026-01-02T11:55:00Z', now)).toBe('vor 5 Minuten');
    expect(formatAgo('2026-01-01T12:00:00Z', now)).toBe('gestern');
    expect(formatAgo('2025-12-29T12:00:00Z', now)).toBe('vor 4 Tagen');
  });

  it('names the languages as the glossary does', () => {
    expect(
      ['german-dub', 'german-sub', 'english-sub', 'english-dub', 'klingon'].map(languageLabel),
    ).toEqual(['Deutsch (Dub)', 'Deutsch (Sub)', 'Englisch (Sub)', 'Englisch (Dub)', 'klingon']);
  });

  it('says why a download failed', () => {
    expect(
      readableFailure('x', [
        { hoster: 'VOE', language: 'german-dub', error_code: 'VIDEO_GONE', error: 'x', at: '' },
        { hoster: 'Filemoon', language: null, error_code: 'NETWORK', error: 'y', at: '' },
      ]),
    ).toBe(
      'Kein Hoster hat die Folge geliefert: VOE in Deutsch (Dub): das Video wurde entfernt; Filemoon: nicht erreichbar.',
    );
    expect(readableFailure('sto: HTTP 503 from http://x/y', [])).toBe('Die Seite: HTTP 503 from …');
    expect(readableFailure(null, [])).toBe('Ohne Angabe eines Grundes fehlgeschlagen.');
  });
});
