import { failedPasswordRules } from './auth';

describe('failedPasswordRules', () => {
  it('accepts a password meeting every rule', () => {
    expect(failedPasswordRules('Str0ng!pass')).toEqual([]);
    expect(failedPasswordRules('Ärger#2026ü')).toEqual([]);
  });

  it.each([
    ['', ['min_length', 'uppercase', 'lowercase', 'digit', 'special']],
    ['short1!A', []],
    ['alllowercase', ['uppercase', 'digit', 'special']],
    ['NoDigits!!', ['digit']],
    ['NoSpecial123', ['special']],
    ['UPPER123!!', ['lowercase']],
    ['spaces 12 a', ['uppercase', 'special']],
  ])('%j breaks %j', (password, rules) => {
    expect(failedPasswordRules(password).map((r) => r.id)).toEqual(rules);
  });
});
