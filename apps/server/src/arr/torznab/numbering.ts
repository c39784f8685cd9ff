/**
 * Episode numbering between Sonarr and the sites (docs/arr-torznab.md, "Numbering").
 *
 * The sites number episodes per season (`staffel-N/episode-M`) and keep films and specials on a
 * separate `filme` page, numbered by order (`film-K`). Sonarr searches anime by absolute number
 * (`q=05`, `q=Title 05`); those numbers count the regular seasons (1, 2, …) in order, which is
 * how both sites list them. Films are season 0, `film-K` = S00EK.
 */

export interface SeasonEpisodes {
  season: number;
  /** Episode numbers of the season as the site lists them. */
  episodes: readonly number[];
}

export interface SiteEpisode {
  season: number;
  episode: number;
}

/** Regular seasons in order; season 0 (films) never counts towards absolute numbers. */
function regular(seasons: readonly SeasonEpisodes[]): SeasonEpisodes[] {
  return seasons.filter((s) => s.season > 0).sort((a, b) => a.season - b.season);
}

/** Absolute episode `n` (1-based) → the site's season and episode; null past the last one. */
export function fromAbsolute(seasons: readonly SeasonEpisodes[], n: number): SiteEpisode | null {
  if (!Number.isInteger(n) || n < 1) return null;
  let left = n;
  for (const s of regular(seasons)) {
    const sorted = [...s.episodes].sort((a, b) => a - b);
    if (left <= sorted.length) return { season: s.season, episode: sorted[left - 1] };
    left -= sorted.length;
  }
  return null;
}

/** The absolute number of a site episode; null for films and unknown episodes. */
export function toAbsolute(
  seasons: readonly SeasonEpisodes[],
  season: number,
  episode: number,
): number | null {
  if (season < 1) return null;
  let before = 0;
  for (const s of regular(seasons)) {
    const sorted = [...s.episodes].sort((a, b) => a - b);
    if (s.season === season) {
      const i = sorted.indexOf(episode);
      return i < 0 ? null : before + i + 1;
    }
    before += sorted.length;
  }
  return null;
}

export interface SplitQuery {
  /** The title part, possibly empty (`q=05`). */
  title: string;
  absolute?: number;
  season?: number;
  episode?: number;
}

/**
 * Reads the numbers Sonarr appends to `q`: `Title 05` (absolute, at least two digits as Sonarr
 * formats them, so "Kaiju No 8" stays a title), `05` alone, and `Title S01E05` / `Title S01`.
 * The caller still tries the whole text as a title first ("Mob Psycho 100").
 */
export function splitQuery(q: string): SplitQuery {
  const text = q.replace(/\+/g, ' ').trim().replace(/\s+/g, ' ');
  const se = /^(.*?)\s*\bS(\d{1,3})(?:\s*E(\d{1,4}))?$/i.exec(text);
  if (se) {
    return {
      title: se[1].trim(),
      season: Number(se[2]),
      ...(se[3] !== undefined ? { episode: Number(se[3]) } : {}),
    };
  }
  const abs = /^(?:(.*?)\s+)?(?:-\s*)?(\d{2,4})$/.exec(text);
  if (abs) return { title: (abs[1] ?? '').replace(/\s*-$/, '').trim(), absolute: Number(abs[2]) };
  return { title: text };
}

/**
 * `season` as Torznab allows it: `13`, `S13`, `00`. A year (`2024`, daily shows) is not a season
 * on these sites: null, which the caller answers with an empty feed rather than an error.
 */
export function parseSeasonParam(raw: string): number | null | 'invalid' {
  const m = /^s?(\d{1,4})$/i.exec(raw.trim());
  if (!m) return 'invalid';
  const n = Number(m[1]);
  return m[1].length === 4 && n >= 1900 ? null : n;
}

/** `ep` as Torznab allows it: `13`, `E13`; `MM/DD` (daily shows) → null (empty feed). */
export function parseEpisodeParam(raw: string): number | null | 'invalid' {
  const s = raw.trim();
  if (/^\d{1,2}\/\d{1,2}$/.test(s)) return null;
  const m = /^e?(\d{1,5})$/i.exec(s);
  return m ? Number(m[1]) : 'invalid';
}
