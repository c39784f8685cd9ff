import { JsonLogger } from './json-logger';
import { RecentLogs } from './recent-logs';

const line = (fields: Record<string, unknown>) =>
  JSON.stringify({ time: '2026-01-01T00:00:00.000Z', level: 'info', msg: 'x', ...fields });

describe('RecentLogs', () => {
  it('keeps only the newest lines, oldest first, and filters by level', () => {
    const ring = new RecentLogs(3);
    for (const n of [1, 2, 3, 4, 5])
      ring.write(line({ msg: `m${n}`, level: n === 4 ? 'warn' : 'info' }));
    expect(ring.read().map((l) => l.msg)).toEqual(['m3', 'm4', 'm5']);
    expect(ring.read(2).map((l) => l.msg)).toEqual(['m4', 'm5']);
    expect(ring.read(10, 'warn').map((l) => l.msg)).toEqual(['m4']);
  });

  it('never shows a secret: by field name, and inside messages, errors and URLs', () => {
    const ring = new RecentLogs();
    ring.write(
      line({
        msg: 'login with Bearer abc.def-123 from eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.c2lnbmF0dXJl',
        context: 'Auth',
        password: 'hunter2',
        api_key: 'k',
        nested: { secret: 's', url: 'postgres://aniworld:topsecret@db:5432/x?token=t0k&page=2' },
        key: 'sternenwanderer',
        error: 'GET http://x/api?apikey=123&t=1 failed',
      }),
    );
    const [read] = ring.read();
    expect(read.msg).toBe('login with Bearer [redacted] from [redacted]');
    expect(read.context).toBe('Auth');
    expect(read.fields).toEqual({
      password: '[redacted]',
      api_key: '[redacted]',
      nested: {
        secret: '[redacted]',
        url: 'postgres://aniworld:[redacted]@db:5432/x?token=[redacted]&page=2',
      },
      key: 'sternenwanderer',
      error: 'GET http://x/api?apikey=[redacted]&t=1 failed',
    });
    expect(JSON.stringify(read)).not.toMatch(/hunter2|topsecret|t0k|abc\.def|c2lnbmF0dXJl/);
  });

  it('is fed by the logger', () => {
    const logger = new JsonLogger('info', []);
    logger.log({ msg: 'hello', item_id: 'i1' }, 'Queue');
    logger.debug('not at this level');
    expect(logger.recent.read()).toEqual([
      {
        time: expect.any(String) as string,
        level: 'info',
        msg: 'hello',
        context: 'Queue',
        fields: { item_id: 'i1' },
      },
    ]);
  });
});
