import { languageCodeOf } from './languages';

describe('languageCodeOf', () => {
  it.each([
    [{ audio: 'german', subtitles: null }, 'german-dub'],
    [{ audio: 'japanese', subtitles: 'german' }, 'german-sub'],
    [{ audio: 'japanese', subtitles: 'english' }, 'english-sub'],
    [{ audio: 'english', subtitles: null }, 'english-dub'],
    [{ audio: 'english', subtitles: 'german' }, 'german-sub'],
  ] as const)('%j → %s', (pair, code) => {
    expect(languageCodeOf(pair)).toBe(code);
  });
});
