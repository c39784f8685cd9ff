import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { browserLanguage } from './language';

/**
 * The committed message files agree with the code (docs/i18n.md): `messages.json` is what
 * `npm run i18n` extracts, German translates every message with the same placeholders, and every
 * marked text has a custom id so ids stay stable when the English changes.
 */
const LOCALE = join(__dirname, '..', '..', '..', 'locale');
const APP = join(__dirname, '..', '..');

function messages(name: string): Record<string, string> {
  return (
    JSON.parse(readFileSync(join(LOCALE, name), 'utf8')) as { translations: Record<string, string> }
  ).translations;
}

/** `{$NAME}` placeholders and ICU variables, sorted. */
function placeholders(text: string): string[] {
  const names = [...text.matchAll(/\{\$([\w.]+)\}|\{(VAR_[A-Z_0-9]+),/g)].map((m) => m[1] ?? m[2]);
  return [...new Set(names)].sort();
}

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sources(path);
    return /\.(ts|html)$/.test(name) && !name.endsWith('.spec.ts') ? [path] : [];
  });
}

describe('translations', () => {
  const english = messages('messages.json');
  const german = messages('messages.de.json');

  it('German has every message and no stale ones', () => {
    expect(Object.keys(german).filter((id) => !(id in english))).toEqual([]);
    expect(Object.keys(english).filter((id) => !(id in german))).toEqual([]);
  });

  it('German keeps the placeholders of every message', () => {
    const differing = Object.keys(english).filter(
      (id) => id in german && placeholders(english[id]).join() !== placeholders(german[id]).join(),
    );
    expect(differing).toEqual([]);
  });

  it('messages.json matches the ids in the code (run `npm run i18n` after changing text)', () => {
    const code = sources(APP).map((path) => readFileSync(path, 'utf8'));
    const ids = new Set(
      code.flatMap((text) => [...text.matchAll(/@@([\w.-]+)/g)].map((m) => m[1])),
    );
    expect([...ids].filter((id) => !(id in english)).sort()).toEqual([]);
    expect(Object.keys(english).filter((id) => !ids.has(id))).toEqual([]);
  });

  it('every marked text has a custom id', () => {
    const withoutId = sources(APP).flatMap((path) => {
      const text = readFileSync(path, 'utf8');
      const attributes = [...text.matchAll(/(?<=\s)i18n(?:-[\w.-]+)?(?:="([^"]*)")?(?=[\s/>])/g)]
        .filter((m) => !m[1]?.includes('@@'))
        .map((m) => `${path}: ${m[0]}`);
      const tagged = [...text.matchAll(/\$localize\s*`(?!:[^:`]*@@)/g)].map(
        () => `${path}: $localize`,
      );
      return [...attributes, ...tagged];
    });
    expect(withoutId).toEqual([]);
  });
});

describe('browserLanguage', () => {
  it('takes the first language the app speaks', () => {
    expect(browserLanguage(['fr-FR', 'de-AT', 'en'])).toBe('de');
    expect(browserLanguage(['en-GB', 'de'])).toBe('en');
  });

  it('falls back to English', () => {
    expect(browserLanguage(['ja'])).toBe('en');
    expect(browserLanguage([])).toBe('en');
  });
});
