import {
  applyCooldown,
  decide,
  type JobSchedule,
  nextRunAfter,
  periodMs,
  scheduleKey,
} from './schedule-rules';

const at = (iso: string) => Date.parse(iso);
const MIN = 60_000;
const HOUR = 60 * MIN;

describe('schedule rules (fake clock: "now" is an argument)', () => {
  const daily: JobSchedule = { kind: 'daily', time: '03:00', timezone: 'Europe/Berlin' };
  const hourly: JobSchedule = { kind: 'every', ms: HOUR };

  describe('nextRunAfter', () => {
    it('finds 03:00 local time in winter (UTC+1) and summer (UTC+2)', () => {
      expect(new Date(nextRunAfter(daily, at('2026-01-10T12:00:00Z'))).toISOString()).toBe(
        '2026-01-11T02:00:00.000Z',
      );
      expect(new Date(nextRunAfter(daily, at('2026-07-10T12:00:00Z'))).toISOString()).toBe(
        '2026-07-11T01:00:00.000Z',
      );
    });

    it('is later the same day when the time has not come yet, and strictly after `from`', () => {
      expect(new Date(nextRunAfter(daily, at('2026-01-10T01:59:00Z'))).toISOString()).toBe(
        '2026-01-10T02:00:00.000Z',
      );
      expect(new Date(nextRunAfter(daily, at('2026-01-10T02:00:00Z'))).toISOString()).toBe(
        '2026-01-11T02:00:00.000Z',
      );
    });

    it('uses the zone given (UTC here)', () => {
      const utc: JobSchedule = { kind: 'daily', time: '23:30', timezone: 'UTC' };
      expect(new Date(nextRunAfter(utc, at('2026-01-10T23:31:00Z'))).toISOString()).toBe(
        '2026-01-11T23:30:00.000Z',
      );
    });

    it('adds the interval to an interval schedule', () => {
      expect(nextRunAfter(hourly, 1_000)).toBe(1_000 + HOUR);
    });
  });

  describe('decide (misfire recovery)', () => {
    const slot = at('2026-01-10T02:00:00Z');

    it('waits before the slot', () => {
      expect(decide(daily, slot, slot - 1, 15_000)).toEqual({ action: 'wait' });
    });

    it('runs on time at the slot and within the tolerance', () => {
      expect(decide(daily, slot, slot, 15_000)).toEqual({ action: 'run', misfire: false });
      expect(decide(daily, slot, slot + 15_000, 15_000)).toEqual({ action: 'run', misfire: false });
    });

    it('runs once as a misfire when the server was down for less than a period', () => {
      expect(decide(daily, slot, slot + 6 * HOUR, 15_000)).toEqual({
        action: 'run',
        misfire: true,
      });
      expect(decide(hourly, 0, 59 * MIN, 15_000)).toEqual({ action: 'run', misfire: true });
    });

    it('skips to the next slot when a whole period or more was missed', () => {
      const now = slot + 30 * HOUR;
      expect(decide(daily, slot, now, 15_000)).toEqual({
        action: 'skip',
        next: at('2026-01-12T02:00:00Z'),
      });
      expect(decide(hourly, 0, HOUR, 15_000)).toEqual({ action: 'skip', next: 2 * HOUR });
    });

    it('has a period of a day for daily schedules', () => {
      expect(periodMs(daily)).toBe(24 * HOUR);
      expect(periodMs(hourly)).toBe(HOUR);
    });
  });

  it('keys schedules so that a change is noticed', () => {
    expect(scheduleKey(daily)).toBe('daily 03:00 Europe/Berlin');
    expect(scheduleKey(hourly)).toBe('every 60 min');
    expect(scheduleKey({ kind: 'every', ms: 1500 })).toBe('every 1500 ms');
    expect(scheduleKey({ ...daily, time: '04:00' })).not.toBe(scheduleKey(daily));
  });

  describe('applyCooldown', () => {
    const COOLDOWN = 5 * MIN;

    it('holds back what was queued less than five minutes ago', () => {
      const now = 10 * MIN;
      const { allowed } = applyCooldown(['a', 'b', 'c'], { a: now - 4 * MIN }, now, COOLDOWN);
      expect(allowed).toEqual(['b', 'c']);
    });

    it('lets it through again once the cooldown has passed, and forgets expired entries', () => {
      const now = 10 * MIN;
      const result = applyCooldown(['a'], { a: now - 5 * MIN, b: now - MIN }, now, COOLDOWN);
      expect(result.allowed).toEqual(['a']);
      expect(result.recent).toEqual({ b: now - MIN });
    });
  });
});
