import { healthView } from './provider-health';

const NOW = Date.parse('2026-01-01T12:00:00Z');
const at = (minutesAgo: number) => new Date(NOW - minutesAgo * 60_000).toISOString();
const failure = (minutesAgo: number) => ({
  at: at(minutesAgo),
  code: 'VIDEO_GONE',
  message: 'gone',
});

describe('provider health from both outcomes', () => {
  it('is working when the last success came after the last failure', () => {
    const view = healthView({ last_success_at: at(5), last_failure: failure(60) }, NOW);
    expect(view).toMatchObject({ state: 'ok', text: 'working, last failure 1 hour ago' });
    expect(view.detail).toContain('VIDEO_GONE: gone');
  });

  it('is failing when the last failure is the newest', () => {
    expect(healthView({ last_success_at: at(90), last_failure: failure(3) }, NOW)).toMatchObject({
      state: 'failing',
      text: 'failing since 3 minutes ago, worked 1 hour ago',
    });
    expect(healthView({ last_success_at: null, last_failure: failure(3) }, NOW).state).toBe(
      'failing',
    );
  });

  it('says so when it was not used yet', () => {
    expect(healthView({ last_success_at: null, last_failure: null }, NOW)).toMatchObject({
      state: 'unknown',
      text: 'not used yet',
    });
  });
});
