import { escapeXml } from '../../common/xml';

/**
 * Kodi/Jellyfin NFO documents (docs/metadata.md, "NFO files"): `tvshow.nfo`, `season.nfo` and
 * one `<episodedetails>` per video, in the element names and nesting the media servers' parsers
 * read. Pure: data in, UTF-8 text out; the caller writes the files.
 */

/**
 * The second line of every NFO this server writes. A file without it was written by the user or
 * another tool (Jellyfin, Sonarr, tinyMediaManager) and is kept unless `metadata.overwrite_nfo`.
 */
export const NFO_MARKER =
  '<!-- Written by Aniworld from TMDB. Remove this line to keep your edits. -->';

const HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';

export interface NfoIds {
  tmdb: number;
  tvdb: number | null;
  imdb: string | null;
}

export interface ShowNfo {
  title: string;
  originalTitle: string | null;
  plot: string | null;
  /** `yyyy-MM-dd` */
  premiered: string | null;
  /** TMDB's status, written as Jellyfin's `Continuing` / `Ended`. */
  status: string | null;
  genres: readonly string[];
  studios: readonly string[];
  ids: NfoIds;
  posterUrl: string | null;
  fanartUrl: string | null;
  seasons: readonly { number: number; name: string | null; posterUrl: string | null }[];
}

export interface SeasonNfo {
  number: number;
  title: string | null;
  plot: string | null;
  premiered: string | null;
}

export interface EpisodeNfo {
  showTitle: string;
  title: string;
  /** 0 for specials. */
  season: number;
  episode: number;
  plot: string | null;
  aired: string | null;
  runtimeMinutes: number | null;
  /** TMDB's id of the episode. */
  tmdbId: number | null;
  thumbUrl: string | null;
}

type Attrs = Record<string, string | number | boolean>;

/** One element; nothing at all for an empty value, so optional fields simply do not appear. */
function el(name: string, value: string | number | null | undefined, attrs: Attrs = {}): string {
  if (value === null || value === undefined || value === '') return '';
  const attributes = Object.entries(attrs)
    .map(([k, v]) => ` ${k}="${escapeXml(String(v))}"`)
    .join('');
  return `  <${name}${attributes}>${escapeXml(String(value))}</${name}>\n`;
}

function document(root: string, body: string): string {
  return `${HEAD}${NFO_MARKER}\n<${root}>\n${body}</${root}>\n`;
}

/**
 * The ids as `uniqueid` elements. Exactly one is the default: TVDB when known (Kodi's and
 * Sonarr's habit, and what docs/metadata.md's conformance list asks of tvshow.nfo), else TMDB.
 */
function uniqueIds(ids: NfoIds): string {
  const tvdbDefault = ids.tvdb !== null;
  return (
    el('uniqueid', ids.tvdb, { type: 'tvdb', default: true }) +
    el('uniqueid', ids.tmdb, { type: 'tmdb', ...(tvdbDefault ? {} : { default: true }) }) +
    el('uniqueid', ids.imdb, { type: 'imdb' })
  );
}

function showStatus(status: string | null): string | null {
  if (!status) return null;
  return /ended|canceled|cancelled/i.test(status) ? 'Ended' : 'Continuing';
}

export function tvshowNfo(show: ShowNfo): string {
  const body =
    el('title', show.title) +
    el('originaltitle', show.originalTitle ?? show.title) +
    el('showtitle', show.title) +
    el('plot', show.plot) +
    el('premiered', show.premiered) +
    el('year', show.premiered?.slice(0, 4)) +
    el('status', showStatus(show.status)) +
    show.genres.map((g) => el('genre', g)).join('') +
    show.studios.map((s) => el('studio', s)).join('') +
    uniqueIds(show.ids) +
    el('thumb', show.posterUrl, { aspect: 'poster' }) +
    show.seasons
      .map((s) => el('thumb', s.posterUrl, { aspect: 'poster', type: 'season', season: s.number }))
      .join('') +
    (show.fanartUrl ? `  <fanart>\n  ${el('thumb', show.fanartUrl)}  </fanart>\n` : '') +
    show.seasons.map((s) => el('namedseason', s.name, { number: s.number })).join('');
  return document('tvshow', body);
}

export function seasonNfo(season: SeasonNfo): string {
  const body =
    el('title', season.title ?? (season.number === 0 ? 'Specials' : `Season ${season.number}`)) +
    el('plot', season.plot) +
    el('premiered', season.premiered) +
    el('year', season.premiered?.slice(0, 4)) +
    el('seasonnumber', season.number);
  return document('season', body);
}

export function episodeNfo(episode: EpisodeNfo): string {
  const body =
    el('title', episode.title) +
    el('showtitle', episode.showTitle) +
    el('season', episode.season) +
    el('episode', episode.episode) +
    el('plot', episode.plot) +
    el('aired', episode.aired) +
    el('premiered', episode.aired) +
    el('runtime', episode.runtimeMinutes) +
    el('uniqueid', episode.tmdbId, { type: 'tmdb', default: true }) +
    el('thumb', episode.thumbUrl);
  return document('episodedetails', body);
}

/** Whether a file's text is one of ours (see {@link NFO_MARKER}). */
export function writtenByUs(text: string): boolean {
  return text.slice(0, 300).includes(NFO_MARKER);
}
