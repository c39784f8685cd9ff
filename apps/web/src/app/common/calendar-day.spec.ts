import { formatDay } from './calendar-day';

describe('formatDay', () => {
  const short = { day: 'numeric', month: 'short', year: 'numeric' } as const;
  const long = { weekday: 'long', day: 'numeric', month: 'long' } as const;

  it('writes a calendar day in the chosen language', () => {
    expect(formatDay('2019-04-07', short, 'en')).toBe('7 Apr 2019');
    expect(formatDay('2019-04-07', short, 'de')).toBe('7. Apr. 2019');
    expect(formatDay('2026-09-28', long, 'en')).toBe('Monday 28 September');
    expect(formatDay('2026-09-28', long, 'de')).toBe('Montag, 28. September');
  });

  it('keeps the day as written, and leaves other text as it is', () => {
    // Read and written in UTC: no time zone of the browser moves the last day of a month.
    expect(formatDay('2026-03-31', short, 'de')).toBe('31. März 2026');
    expect(formatDay('not a date', short, 'en')).toBe('not a date');
    expect(formatDay('2026-13-45', short, 'en')).toBe('2026-13-45');
  });
});
