import {
  DiskFull,
  errorForStatus,
  HttpStatusError,
  isRetryable,
  LinkExpired,
  mapFsError,
  mapNetworkError,
  NetworkError,
  PermissionDenied,
  redactUrl,
  StalledError,
} from './errors';

describe('error mapping', () => {
  it.each([403, 410])('%i on media means the link expired', (status) => {
    const e = errorForStatus('https://cdn/x.ts?token=secret', status);
    expect(e).toBeInstanceOf(LinkExpired);
    expect(e.code).toBe('LINK_EXPIRED');
    expect(e.retryable).toBe(false);
    expect(e.message).not.toContain('secret');
  });
  it.each([
    [500, true],
    [503, true],
    [429, true],
    [404, false],
    [401, false],
  ])('HTTP %i is retryable: %s', (status, retryable) => {
    const e = errorForStatus('u', status);
    expect(e).toBeInstanceOf(HttpStatusError);
    expect(isRetryable(e)).toBe(retryable);
  });
  it.each([
    ['ENOSPC', DiskFull],
    ['EDQUOT', DiskFull],
    ['EACCES', PermissionDenied],
    ['EPERM', PermissionDenied],
  ])('%s becomes %p', (code, type) => {
    expect(mapFsError(Object.assign(new Error(code), { code }), '/x')).toBeInstanceOf(type);
  });
  it('leaves other fs errors alone', () => {
    const e = Object.assign(new Error('x'), { code: 'EISDIR' });
    expect(mapFsError(e, '/x')).toBe(e);
  });
  it('network failures and stalls are retryable; typed errors pass through', () => {
    expect(mapNetworkError(new Error('socket hang up'), 'u')).toBeInstanceOf(NetworkError);
    expect(isRetryable(new StalledError('u', 100))).toBe(true);
    const typed = new LinkExpired('u', 403);
    expect(mapNetworkError(typed, 'u')).toBe(typed);
    expect(isRetryable(new Error('plain'))).toBe(false);
  });
  it('redacts query strings', () =>
    expect(redactUrl('https://h/p.ts?t=1')).toBe('https://h/p.ts?…'));
});
