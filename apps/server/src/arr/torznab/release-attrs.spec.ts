import {
  categoriesOf,
  codecName,
  estimateSize,
  languageAttrs,
  matchesCategories,
} from './release-attrs';

describe('release attributes', () => {
  it('tells a German dub from a German sub (Japanese audio on aniworld, English on s.to)', () => {
    expect(languageAttrs('aniworld', 'german-dub')).toEqual({ languages: ['German'], subs: [] });
    expect(languageAttrs('aniworld', 'german-sub')).toEqual({
      languages: ['Japanese'],
      subs: ['German'],
    });
    expect(languageAttrs('aniworld', 'english-sub')).toEqual({
      languages: ['Japanese'],
      subs: ['English'],
    });
    expect(languageAttrs('sto', 'german-sub')).toEqual({
      languages: ['English'],
      subs: ['German'],
    });
    expect(languageAttrs('sto', 'english-dub')).toEqual({ languages: ['English'], subs: [] });
  });

  it('puts aniworld under TV/Anime, s.to under TV/SD|HD, films under Movies', () => {
    expect(categoriesOf('aniworld', null, false)).toEqual([5000, 5070]);
    expect(categoriesOf('sto', null, false)).toEqual([5000]);
    expect(categoriesOf('sto', 1080, false)).toEqual([5000, 5040]);
    expect(categoriesOf('sto', 480, false)).toEqual([5000, 5030]);
    expect(categoriesOf('aniworld', 1080, true)).toEqual([2000]);
    expect(matchesCategories([5000, 5070], [5070])).toBe(true);
    expect(matchesCategories([5000, 5040], [5070])).toBe(false);
    expect(matchesCategories([5040], [5000])).toBe(true);
    expect(matchesCategories([2000], [5000, 5070])).toBe(false);
  });

  it('names the codec of an HLS variant as the release title writes it', () => {
    // From a real VOE master playlist.
    expect(codecName('avc1.4d4028,mp4a.40.2')).toBe('h264');
    expect(codecName('hvc1.1.6.L93.B0,mp4a.40.2')).toBe('hevc');
    expect(codecName('mp4a.40.2')).toBeNull();
    expect(codecName(undefined)).toBeNull();
  });

  it('estimates size from the probed bitrate and duration, else from height or a 720p guess', () => {
    expect(
      estimateSize({ bandwidth: 4_000_000, height: 1080, durationSec: 1440, film: false }),
    ).toBe(720_000_000);
    expect(estimateSize({ bandwidth: null, height: 1080, durationSec: null, film: false })).toBe(
      (4_500_000 * 1440) / 8,
    );
    expect(estimateSize({ bandwidth: null, height: null, durationSec: null, film: false })).toBe(
      (2_500_000 * 1440) / 8,
    );
    expect(estimateSize({ bandwidth: null, height: null, durationSec: null, film: true })).toBe(
      (2_500_000 * 6000) / 8,
    );
  });
});
