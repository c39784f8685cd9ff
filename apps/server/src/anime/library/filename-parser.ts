import { isPartialFile } from '@aniworld/downloader';
/** Containers the scanner counts as episode files. */
export const VIDEO_EXTENSIONS = new Set([
  'mkv',
  'mp4',
  'm4v',
  'avi',
  'ts',
  'webm',
  'mov',
  'wmv',
  'flv',
  'mpg',
  'mpeg',
  'ogm',
]);

/**
 * Downloads in progress or left behind by a crash: never an episode. Our own engine's files are
 * its to name (`isPartialFile`); these are other tools' (browsers, qBittorrent, yt-dlp, aria2).
 */
const FOREIGN_PARTIAL = /\.(part|tmp|temp|crdownload|download|!qb|ytdl|aria2)$/i;

export type EpisodeMatch =
  { kind: 'episode'; season: number; episode: number } | { kind: 'absolute'; absolute: number };

/**
 * Recognises the episode a file holds: `S01E02` (also `s1e2`, `S01E02E03` → the first,
 * `1x02`), `Episode 5` / `Folge 5` / `Ep. 5` (season from the folder, default 1), and the
 * absolute numbering of fansub releases (`Show - 05 [1080p].mkv`).
 */
export function parseEpisodeFile(
  fileName: string,
  seasonFromFolder: number | null = null,
): EpisodeMatch | null {
  return parseNamed(fileName, seasonFromFolder, (ext) => VIDEO_EXTENSIONS.has(ext));
}

/**
 * A `.strm` file named like an episode file (written by Aniworld or imported by Sonarr): the
 * episode it streams, by the rules of {@link parseEpisodeFile} (docs/strm.md, "In the library").
 */
export function parseStrmFile(
  fileName: string,
  seasonFromFolder: number | null = null,
): EpisodeMatch | null {
  return parseNamed(fileName, seasonFromFolder, (ext) => ext === 'strm');
}

function parseNamed(
  fileName: string,
  seasonFromFolder: number | null,
  takes: (ext: string) => boolean,
): EpisodeMatch | null {
  if (fileName.startsWith('.') || FOREIGN_PARTIAL.test(fileName) || isPartialFile(fileName))
    return null;
  const dot = fileName.lastIndexOf('.');
  if (dot <= 0) return null;
  if (!takes(fileName.slice(dot + 1).toLowerCase())) return null;
  const stem = fileName.slice(0, dot);

  const sxe =
    /(?:^|[^a-z0-9])s(\d{1,3})[ ._-]?e(\d{1,4})(?![0-9])/i.exec(stem) ??
    /(?:^|[^a-z0-9])(\d{1,2})x(\d{1,4})(?![0-9])/i.exec(stem);
  if (sxe) return { kind: 'episode', season: Number(sxe[1]), episode: Number(sxe[2]) };

  const named = /(?:^|[^a-z])(?:episode|folge|ep)\.?\s*(\d{1,4})(?![0-9])/i.exec(stem);
  if (named) return { kind: 'episode', season: seasonFromFolder ?? 1, episode: Number(named[1]) };

  const absolute = /\s-\s(\d{1,4})(?:v\d)?(?=$|[\s[(._])/.exec(stem);
  if (absolute) return { kind: 'absolute', absolute: Number(absolute[1]) };
  return null;
}

/** `Season 02`, `Staffel 2`, `S02`, `Specials` (0) → the season number; null for other folders. */
export function seasonOfFolder(folderName: string): number | null {
  if (/^(specials?|filme|films?|movies?|extras?)$/i.test(folderName.trim())) return 0;
  const match = /^(?:season|staffel|s)[ ._-]?(\d{1,3})$/i.exec(folderName.trim());
  return match ? Number(match[1]) : null;
}

/** `Attack on Titan (2013)` → title and year; a folder without a year keeps its whole name. */
export function parseSeriesFolder(folder: string): { title: string; year: number | null } {
  const match = /^(.*?)\s*\((\d{4})\)\s*$/.exec(folder);
  if (match && match[1].trim()) return { title: match[1].trim(), year: Number(match[2]) };
  return { title: folder.trim(), year: null };
}
