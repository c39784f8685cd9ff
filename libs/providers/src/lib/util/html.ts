import type { Cheerio } from 'cheerio';
import type { AnyNode } from 'domhandler';

/** Collapsed whitespace; cheerio already decodes entities. */
export function clean(text: string | undefined | null): string {
  return (text ?? '').replace(/\s+/g, ' ').trim();
}

export function textOf($el: Cheerio<AnyNode>): string {
  return clean($el.first().text());
}

export function attrOf($el: Cheerio<AnyNode>, name: string): string | undefined {
  const v = $el.first().attr(name);
  return v === undefined ? undefined : v.trim();
}

export function nullIfEmpty(s: string | undefined | null): string | null {
  const c = clean(s);
  return c ? c : null;
}

export function splitList(s: string | undefined | null): string[] {
  if (!s) return [];
  return s
    .split(',')
    .map((x) => clean(x))
    .filter((x) => x.length > 0);
}

export function toInt(s: string | undefined | null): number | null {
  const m = /\d+/.exec(s ?? '');
  return m ? Number.parseInt(m[0], 10) : null;
}

/** Decodes entities in strings that came from JSON or regexes rather than cheerio. */
export function decodeEntities(s: string): string {
  return s.replace(/&(#x[0-9a-f]+|#\d+|amp|lt|gt|quot|apos|nbsp);/gi, (whole, e: string) => {
    const lower = e.toLowerCase();
    if (lower.startsWith('#x')) return String.fromCodePoint(Number.parseInt(lower.slice(2), 16));
    if (lower.startsWith('#')) return String.fromCodePoint(Number.parseInt(lower.slice(1), 10));
    const named: Record<string, string> = {
      amp: '&',
      lt: '<',
      gt: '>',
      quot: '"',
      apos: "'",
      nbsp: ' ',
    };
    return named[lower] ?? whole;
  });
}

export function stripTags(s: string): string {
  return clean(decodeEntities(s.replace(/<[^>]*>/g, '')));
}
