import { ArtworkUrls } from './artwork-urls';
import type { ConfigService } from '../config/config.service';

describe('signed artwork URLs', () => {
  let now = Date.UTC(2026, 0, 1, 10, 30);
  const config = { jwtSecret: 'x'.repeat(43) } as ConfigService;
  const urls = new ArtworkUrls(config, { now: () => now });

  const parse = (url: string) => {
    const u = new URL(url, 'http://host');
    return {
      path: u.pathname,
      size: u.searchParams.get('size'),
      exp: Number(u.searchParams.get('exp')),
      sig: u.searchParams.get('sig') as string,
    };
  };

  it('opens exactly the image it was made for until it expires', () => {
    const url = urls.url('sternenwanderer', 'poster-small', 'abc123') as string;
    const { path, size, exp, sig } = parse(url);
    expect(path).toBe('/api/anime/sternenwanderer/poster');
    expect(size).toBe('small');
    expect(url).toContain('v=abc123');
    expect(urls.verify('sternenwanderer', 'poster-small', exp, sig)).toBe(true);
    expect(urls.verify('sternenwanderer', 'poster', exp, sig)).toBe(false);
    expect(urls.verify('other-series', 'poster-small', exp, sig)).toBe(false);
    expect(urls.verify('sternenwanderer', 'poster-small', exp + 3600, sig)).toBe(false);
    expect(urls.verify('sternenwanderer', 'poster-small', exp, `${sig.slice(0, -1)}A`)).toBe(false);
    now = exp * 1000;
    expect(urls.verify('sternenwanderer', 'poster-small', exp, sig)).toBe(false);
  });

  it('hands out the same URL within an hour, valid for one to two hours', () => {
    now = Date.UTC(2026, 0, 1, 10, 0);
    const a = urls.url('k', 'fanart', 'v1') as string;
    now = Date.UTC(2026, 0, 1, 10, 59);
    expect(urls.url('k', 'fanart', 'v1')).toBe(a);
    expect(parse(a).exp * 1000 - now).toBeGreaterThanOrEqual(3600_000);
    expect(parse(a).exp * 1000 - Date.UTC(2026, 0, 1, 10, 0)).toBeLessThanOrEqual(7200_000);
    expect(parse(a).path).toBe('/api/anime/k/fanart');
    expect(urls.url('k', 'poster', null)).toBeNull();
  });

  it('depends on the server secret', () => {
    const other = new ArtworkUrls({ jwtSecret: 'y'.repeat(43) } as ConfigService, {
      now: () => now,
    });
    const { exp, sig } = parse(urls.url('k', 'poster', 'v') as string);
    expect(other.verify('k', 'poster', exp, sig)).toBe(false);
  });
});
