import { ERROR_CODES } from '@aniworld/contracts';
import {
  ChallengeRequired,
  EpisodeNotFound,
  HosterUnavailable,
  ParseFailed,
  ProviderError,
  SeriesNotFound,
  UnknownHoster,
  UpstreamError,
  VideoGone,
  isProviderError,
} from '../src';

describe('provider errors', () => {
  const cases: [ProviderError, string, Record<string, unknown>][] = [
    [
      new ChallengeRequired('http://x/r', 'turnstile', 403),
      'CHALLENGE_REQUIRED',
      { url: 'http://x/r', kind: 'turnstile', status: 403 },
    ],
    [
      new ParseFailed('aniworld', 'http://x/a', 'h4'),
      'PARSE_FAILED',
      { site: 'aniworld', page: 'http://x/a', missing: 'h4' },
    ],
    [
      new VideoGone('VOE', 'http://v/e/1', 'HTTP 404'),
      'VIDEO_GONE',
      { hoster: 'VOE', url: 'http://v/e/1' },
    ],
    [
      new HosterUnavailable('SpeedFiles', 'http://s/1', 'down'),
      'HOSTER_UNAVAILABLE',
      { hoster: 'SpeedFiles', reason: 'down' },
    ],
    [
      new UnknownHoster('Mystery', 'http://m/e/1'),
      'HOSTER_UNAVAILABLE',
      { hoster: 'Mystery', unknown: true },
    ],
    [new UpstreamError(503, 'http://x/y'), 'UPSTREAM_ERROR', { status: 503, url: 'http://x/y' }],
    [
      new SeriesNotFound('sto', 'nope', 'http://x/serie/nope'),
      'SERIES_NOT_FOUND',
      { site: 'sto', key: 'nope' },
    ],
    [new EpisodeNotFound('sto', 'http://x/e'), 'EPISODE_NOT_FOUND', { site: 'sto' }],
  ];

  it.each(cases)('%s carries a stable contracts code and its details', (error, code, details) => {
    expect(error).toBeInstanceOf(ProviderError);
    expect(error).toBeInstanceOf(Error);
    expect(isProviderError(error)).toBe(true);
    expect(error.code).toBe(code);
    expect(ERROR_CODES).toContain(error.code);
    expect(error.details).toMatchObject(details);
    expect(error.name).toBe(error.constructor.name);
    expect(error.message.length).toBeGreaterThan(0);
  });

  it('names site, page and missing element in the ParseFailed message', () => {
    const e = new ParseFailed('aniworld', '/anime/stream/x/staffel-1', 'tbody#season1 tr');
    expect(e.message).toContain('aniworld');
    expect(e.message).toContain('/anime/stream/x/staffel-1');
    expect(e.message).toContain('tbody#season1 tr');
  });

  it('reports a network failure as status 0 and keeps the cause', () => {
    const cause = new Error('ECONNRESET');
    const e = new UpstreamError(0, 'http://x', cause);
    expect(e.message).toMatch(/network/i);
    expect(e.cause).toBe(cause);
  });

  it('does not treat plain errors as provider errors', () => {
    expect(isProviderError(new Error('x'))).toBe(false);
  });
});
