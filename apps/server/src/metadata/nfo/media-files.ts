import { randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import { basename, dirname, extname, join, relative, resolve, sep } from 'node:path';
import { writtenByUs } from './nfo-writer';

/**
 * Where the files of one episode go, in the layout Jellyfin and Kodi read (docs/metadata.md,
 * "Files"): series files in the series folder, `season.nfo` in the season folder the video lies
 * in (none when the video sits in the series folder itself), and the episode's files beside the
 * video with its base name.
 */
export interface EpisodeLayout {
  seriesDir: string;
  seasonDir: string | null;
  episodeNfo: string;
  episodeThumb: string;
}

export function episodeLayout(seriesDir: string, videoPath: string): EpisodeLayout | null {
  const series = resolve(seriesDir);
  const video = resolve(videoPath);
  const rel = relative(series, video);
  if (!rel || rel.startsWith(`..${sep}`) || rel === '..' || resolve(series, rel) !== video)
    return null;
  const dir = dirname(video);
  const stem = join(dir, basename(video, extname(video)));
  return {
    seriesDir: series,
    seasonDir: dir === series ? null : dir,
    episodeNfo: `${stem}.nfo`,
    episodeThumb: `${stem}-thumb.jpg`,
  };
}

/** `season01-poster.jpg`; specials are `season-specials-poster.jpg`, the name both servers read. */
export function seasonPosterName(season: number): string {
  return season === 0
    ? 'season-specials-poster.jpg'
    : `season${String(season).padStart(2, '0')}-poster.jpg`;
}

export type FileOutcome = 'written' | 'kept' | 'unchanged';

/**
 * Writes a file so that a reader (a media server scanning the folder) sees the old content or
 * the new, never half: a hidden temporary file in the same folder, flushed, then renamed over.
 */
export async function atomicWrite(path: string, data: string | Buffer): Promise<void> {
  const tmp = join(dirname(path), `.${basename(path)}.${randomBytes(4).toString('hex')}.tmp`);
  const handle = await fs.open(tmp, 'w', 0o644);
  try {
    await handle.writeFile(data);
    await handle.sync();
  } finally {
    await handle.close();
  }
  try {
    await fs.rename(tmp, path);
  } catch (error) {
    await fs.rm(tmp, { force: true });
    throw error;
  }
}

async function readExisting(path: string): Promise<Buffer | null> {
  try {
    return await fs.readFile(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
}

/**
 * An NFO: written when absent or one of ours (it carries the marker); a file written by the user
 * or another tool is kept unless `overwrite` (`metadata.overwrite_nfo`).
 */
export async function writeNfoFile(
  path: string,
  text: string,
  overwrite: boolean,
): Promise<FileOutcome> {
  const existing = await readExisting(path);
  if (existing !== null) {
    const old = existing.toString('utf8');
    if (old === text) return 'unchanged';
    if (!overwrite && !writtenByUs(old)) return 'kept';
  }
  await atomicWrite(path, text);
  return 'written';
}

/**
 * Artwork: written when absent. An image already there (the user's choice, or ours from an
 * earlier write) is kept unless `overwrite`; images carry no marker to tell them apart.
 */
export async function writeImageFile(
  path: string,
  bytes: Buffer,
  overwrite: boolean,
): Promise<FileOutcome> {
  const existing = await readExisting(path);
  if (existing !== null) {
    if (existing.equals(bytes)) return 'unchanged';
    if (!overwrite) return 'kept';
  }
  await atomicWrite(path, bytes);
  return 'written';
}

/** Whether a file exists (images are fetched only for files that will be written). */
export async function exists(path: string): Promise<boolean> {
  return fs.stat(path).then(
    () => true,
    () => false,
  );
}
