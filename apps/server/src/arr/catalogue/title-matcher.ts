/**
 * Scored title matching for Torznab queries (docs/arr-torznab.md, "Title resolution").
 *
 * Sonarr sends `CleanSceneTitle` text: a leading "The " dropped, `&` as "and", apostrophes and
 * dots removed, every other non-word character a space, diacritics removed. Both sides are
 * folded the same way here, so "Mädchen & Drachen: Ein 'Abenteuer'" and Sonarr's
 * "Madchen and Drachen Ein Abenteuer" meet on one form.
 */

/** The folded form both queries and catalogue titles are compared in. */
export function foldTitle(text: string): string {
  const s = text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/ß/g, 'ss')
    .replace(/&/g, ' and ')
    .replace(/['.´’`]/g, '')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim()
    .replace(/\s+/g, ' ');
  return s.replace(/^the /, '');
}

/** Below this a candidate is not the series asked for; an empty feed is the honest answer. */
export const MATCH_THRESHOLD = 0.8;

/**
 * Both arguments folded. 1 for the same title, 0.97 when only spaces differ ("Dr Stone" /
 * "Dr. Stone"), otherwise the Dice coefficient of the word sets, so a short query does not
 * match every long title that contains one of its words.
 */
export function scoreFolded(query: string, title: string): number {
  if (!query || !title) return 0;
  if (query === title) return 1;
  if (query.replace(/ /g, '') === title.replace(/ /g, '')) return 0.97;
  const qw = new Set(query.split(' '));
  const tw = new Set(title.split(' '));
  let shared = 0;
  for (const w of qw) if (tw.has(w)) shared += 1;
  return (2 * shared) / (qw.size + tw.size);
}

export function scoreTitle(query: string, title: string): number {
  return scoreFolded(foldTitle(query), foldTitle(title));
}

export interface Scored<T> {
  value: T;
  score: number;
}

/**
 * An in-memory index of titles (main and alternative) folded once, with a word index so a query
 * only scores the entries that share a word with it: a warm lookup stays well under a millisecond
 * on a catalogue of ten thousand series.
 */
export class TitleIndex<T> {
  private readonly entries: { value: T; folded: string[] }[] = [];
  private readonly byWord = new Map<string, number[]>();
  private readonly byCompact = new Map<string, number[]>();

  add(value: T, titles: readonly string[]): void {
    const folded = [...new Set(titles.map(foldTitle).filter(Boolean))];
    const id = this.entries.push({ value, folded }) - 1;
    for (const f of folded) {
      push(this.byCompact, f.replace(/ /g, ''), id);
      for (const w of new Set(f.split(' '))) push(this.byWord, w, id);
    }
  }

  get size(): number {
    return this.entries.length;
  }

  /** Entries whose folded title is a whole-word prefix of the folded query, longest first. */
  prefixed(folded: string): Prefixed<T>[] {
    const out: (Prefixed<T> & { length: number })[] = [];
    for (const e of this.entries) {
      const title = e.folded
        .filter((f) => folded.length > f.length + 1 && folded.startsWith(`${f} `))
        .sort((a, b) => b.length - a.length)[0];
      if (title)
        out.push({ value: e.value, rest: folded.slice(title.length + 1), length: title.length });
    }
    return out.sort((a, b) => b.length - a.length).map(({ value, rest }) => ({ value, rest }));
  }

  /** Entries scoring at least `threshold`, best first (ties keep insertion order). */
  rank(query: string, threshold = MATCH_THRESHOLD): Scored<T>[] {
    const q = foldTitle(query);
    if (!q) return [];
    const ids = new Set<number>(this.byCompact.get(q.replace(/ /g, '')) ?? []);
    for (const w of new Set(q.split(' '))) for (const id of this.byWord.get(w) ?? []) ids.add(id);
    const out: (Scored<T> & { id: number })[] = [];
    for (const id of ids) {
      const e = this.entries[id];
      const score = Math.max(...e.folded.map((f) => scoreFolded(q, f)));
      if (score >= threshold) out.push({ value: e.value, score, id });
    }
    return out
      .sort((a, b) => b.score - a.score || a.id - b.id)
      .map(({ value, score }) => ({ value, score }));
  }
}

export interface Prefixed<T> {
  value: T;
  /** What follows the title in the query, folded (an episode title, say). */
  rest: string;
}

function push(map: Map<string, number[]>, key: string, id: number): void {
  const list = map.get(key);
  if (list) list.push(id);
  else map.set(key, [id]);
}
