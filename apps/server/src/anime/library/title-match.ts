import type { MatchCandidate, SiteId } from '@aniworld/contracts';

/** Lower case, no accents, `&` as a word, punctuation as spaces. */
export function normalizeTitle(title: string): string {
  return title
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/&/g, ' and ')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/** Sørensen–Dice similarity of character bigrams: robust to word order and small differences. */
export function similarity(a: string, b: string): number {
  const x = normalizeTitle(a);
  const y = normalizeTitle(b);
  if (!x || !y) return 0;
  if (x === y) return 1;
  const grams = (s: string) => {
    const out = new Map<string, number>();
    const padded = ` ${s} `;
    for (let i = 0; i < padded.length - 1; i++) {
      const g = padded.slice(i, i + 2);
      out.set(g, (out.get(g) ?? 0) + 1);
    }
    return out;
  };
  const gx = grams(x);
  const gy = grams(y);
  let overlap = 0;
  let size = 0;
  for (const [g, n] of gx) {
    overlap += Math.min(n, gy.get(g) ?? 0);
    size += n;
  }
  for (const n of gy.values()) size += n;
  return (2 * overlap) / size;
}

export interface TitleCandidate {
  site: SiteId;
  key: string;
  name: string;
  altTitles?: string[];
  year?: number | null;
  /** The series on its site, and its cover there (served to browsers through the cover cache). */
  url?: string | null;
  coverUrl?: string | null;
}

/**
 * How sure we are that a folder (title, year) is this series, 0..1: the best similarity over
 * its titles, lowered when both years are known and disagree.
 */
export function confidence(title: string, year: number | null, candidate: TitleCandidate): number {
  const best = Math.max(
    similarity(title, candidate.name),
    ...(candidate.altTitles ?? []).map((alt) => similarity(title, alt)),
  );
  if (year !== null && candidate.year != null && Math.abs(year - candidate.year) > 1)
    return Math.round(best * 0.6 * 1000) / 1000;
  return Math.round(best * 1000) / 1000;
}

/** At or above this, and clearly ahead of the rest on its site, a match is taken without asking. */
export const AUTO_MATCH_CONFIDENCE = 0.95;

/**
 * Ranks candidates and decides whether one is certain. Never a silent guess: only a (near) exact
 * title match that no other candidate on the same site rivals is accepted; across sites aniworld
 * (the anime site) wins a tie.
 */
export function rankCandidates(
  title: string,
  year: number | null,
  candidates: TitleCandidate[],
): { ranked: MatchCandidate[]; certain: MatchCandidate | null } {
  const ranked = candidates
    .map((c) => ({
      site: c.site,
      key: c.key,
      name: c.name,
      confidence: confidence(title, year, c),
      year: c.year ?? null,
      url: c.url ?? null,
      cover_url: c.coverUrl ?? null,
    }))
    .sort(
      (a, b) =>
        b.confidence - a.confidence ||
        (a.site === 'aniworld' ? -1 : 1) - (b.site === 'aniworld' ? -1 : 1),
    );
  const top = ranked[0];
  if (!top || top.confidence < AUTO_MATCH_CONFIDENCE) return { ranked, certain: null };
  const rival = ranked.find(
    (c) => c !== top && c.site === top.site && c.confidence > top.confidence - 0.05,
  );
  return { ranked, certain: rival ? null : top };
}

/** "(2020 - 2024)" → 2020. */
export function startYearOf(years: string | null | undefined): number | null {
  const match = /(\d{4})/.exec(years ?? '');
  return match ? Number(match[1]) : null;
}
