import { episodeFromId, episodeFromParams, episodeId, episodeParams } from './strm-episode';
import { signedQuery, verifyParams } from './strm-signature';

const SECRET = 'test-secret-0123456789abcdef';
const NOW = Date.UTC(2026, 0, 1);
const query = (text: string) => Object.fromEntries(new URLSearchParams(text));

describe('STRM signatures', () => {
  const ep = {
    site: 'aniworld',
    key: 'sternenwanderer',
    season: 1,
    episode: 2,
    language: 'german-dub',
  } as const;

  it('accepts what it signed, whatever the parameter order', () => {
    const signed = signedQuery(SECRET, 'stream', episodeParams(ep));
    const parsed = query(signed);
    const reordered = Object.fromEntries(Object.entries(parsed).reverse());
    const checked = verifyParams(SECRET, 'stream', reordered, NOW);
    expect(checked).toEqual({ params: episodeParams(ep) });
    expect(episodeFromParams((checked as { params: Record<string, string> }).params)).toEqual(ep);
  });

  it('refuses an altered, added or dropped parameter, another scope and another secret', () => {
    const parsed = query(signedQuery(SECRET, 'stream', episodeParams(ep)));
    const problem = (q: Record<string, unknown>, scope = 'stream', secret = SECRET) =>
      (verifyParams(secret, scope, q, NOW) as { problem?: string }).problem;
    expect(problem({ ...parsed, e: '3' })).toBe('invalid');
    expect(problem({ ...parsed, extra: '1' })).toBe('invalid');
    const { lang: _lang, ...dropped } = parsed;
    expect(problem(dropped)).toBe('invalid');
    expect(problem(parsed, 'proxy/x.ts')).toBe('invalid');
    expect(problem(parsed, 'stream', 'another-secret-0123456789')).toBe('invalid');
    expect(problem({ ...parsed, sig: parsed['sig'].slice(0, -1) })).toBe('invalid');
    expect(problem({ ...parsed, e: ['2', '3'] })).toBe('invalid');
    const { sig: _sig, ...unsigned } = parsed;
    expect(problem(unsigned)).toBe('missing');
  });

  it('refuses a signed expiry that has passed', () => {
    const params = { u: 'https://cdn/x.ts', exp: String(NOW / 1000 + 60) };
    const parsed = query(signedQuery(SECRET, 'proxy/x.ts', params));
    expect(verifyParams(SECRET, 'proxy/x.ts', parsed, NOW)).toEqual({ params });
    expect(verifyParams(SECRET, 'proxy/x.ts', parsed, NOW + 61_000)).toEqual({
      problem: 'expired',
    });
  });

  it('names an episode in one text and reads it back, refusing anything else', () => {
    const id = episodeId({ ...ep, key: 'a/b c' });
    expect(id).toBe('aniworld/a%2Fb%20c/1/2/german-dub');
    expect(episodeFromId(id)).toEqual({ ...ep, key: 'a/b c' });
    for (const bad of [
      'aniworld/x/1/2',
      'mars/x/1/2/german-dub',
      'aniworld/x/01/2/german-dub',
      'aniworld/x/1/2/klingon',
      'aniworld/%E0/1/2/german-dub',
    ])
      expect(episodeFromId(bad)).toBeNull();
  });
});
