import { fallbackFrom, languageCodeOf, upgradeLanguage } from './languages';

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

describe('fallbackFrom', () => {
  const preference = ['german-dub', 'german-sub', 'english-sub'] as const;
  it('names the first wanted language when the file is in another one', () => {
    expect(fallbackFrom('english-sub', preference)).toBe('german-dub');
    expect(fallbackFrom('german-dub', preference)).toBeNull();
    expect(fallbackFrom(null, preference)).toBeNull();
  });
});

describe('upgradeLanguage', () => {
  const preference = ['german-dub', 'german-sub', 'english-sub'] as const;
  it('is the best offered language ranked before the file’s one', () => {
    expect(upgradeLanguage('english-sub', ['german-sub', 'english-sub'], preference)).toBe(
      'german-sub',
    );
    expect(upgradeLanguage('german-sub', ['german-sub', 'english-sub'], preference)).toBeNull();
    expect(upgradeLanguage('german-sub', ['german-dub'], preference)).toBe('german-dub');
    expect(upgradeLanguage(null, ['german-dub'], preference)).toBeNull();
  });

  it('treats a file in a language outside the preference as worse than every one in it', () => {
    expect(upgradeLanguage('english-dub', ['english-sub'], preference)).toBe('english-sub');
  });
});
