import type { TmdbCandidate } from '@aniworld/contracts';
import { AUTO_MATCH_CONFIDENCE, similarity } from '../../anime/library/title-match';
import { type TmdbShowSummary, yearOf } from './tmdb-types';

/** What the matcher knows of a library series. */
export interface SeriesForMatch {
  name: string;
  altTitles: readonly string[];
  year: number | null;
}

/** Candidates kept for the user to choose from. */
const KEEP = 5;

/**
 * How sure we are that a TMDB result is this series, 0..1: the best title similarity between
 * any of the series' titles (site title and alternatives) and the result's name or original
 * name, lowered when both years are known and more than a year apart (a remake, a namesake).
 * The same scale and rule as folder matching (`anime/library/title-match.ts`).
 */
export function tmdbConfidence(series: SeriesForMatch, result: TmdbShowSummary): number {
  const ours = [series.name, ...series.altTitles].filter(Boolean);
  const theirs = [result.name, result.originalName].filter((t): t is string => !!t);
  let best = 0;
  for (const a of ours) for (const b of theirs) best = Math.max(best, similarity(a, b));
  const year = yearOf(result.firstAirDate);
  if (series.year !== null && year !== null && Math.abs(series.year - year) > 1) best *= 0.6;
  return Math.round(best * 1000) / 1000;
}

/**
 * Ranks TMDB's search results and says whether one is certain. Never a guess: only a (near) exact
 * title match with a fitting year that no other result rivals is taken; two series of the same
 * name and year (a namesake, a documentary about it) leave the choice to the user.
 */
export function rankTmdbResults(
  series: SeriesForMatch,
  results: readonly TmdbShowSummary[],
  posterUrl: (path: string | null) => string | null,
): { ranked: TmdbCandidate[]; certain: TmdbCandidate | null } {
  const seen = new Set<number>();
  const ranked = results
    .filter((r) => !seen.has(r.id) && seen.add(r.id))
    .map((r): TmdbCandidate => ({
      tmdb_id: r.id,
      name: r.name,
      original_name: r.originalName,
      year: yearOf(r.firstAirDate),
      overview: r.overview,
      poster_url: posterUrl(r.posterPath),
      confidence: tmdbConfidence(series, r),
    }))
    .sort((a, b) => b.confidence - a.confidence)
    .slice(0, KEEP);
  const top = ranked[0];
  if (!top || top.confidence < AUTO_MATCH_CONFIDENCE) return { ranked, certain: null };
  const rival = ranked.find((c) => c !== top && c.confidence > top.confidence - 0.05);
  return { ranked, certain: rival ? null : top };
}
