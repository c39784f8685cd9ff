import { createHash } from 'node:crypto';
import { constants, type Dirent, promises as fs } from 'node:fs';
import { join } from 'node:path';
import { parseEpisodeFile, parseStrmFile, seasonOfFolder } from './filename-parser';

export interface LegacyInfo {
  key: string | null;
  site: string | null;
  name: string | null;
}

export interface FolderContents {
  /**
   * Hash of the relative path and kind of every entry, and of the legacy files' text: what the
   * scan reads out of a folder. Equal means the scan would find the same (docs/SCALE.md).
   */
  signature: string;
  /** `[season, episode, relative path]` */
  episodes: [number, number, string][];
  /** `[absolute number, relative path]` for files numbered across seasons. */
  absolute: [number, string][];
  /** `.strm` files named like episode files, as {@link episodes} (docs/strm.md, "In the library"). */
  strm: [number, number, string][];
  /** `.strm` files numbered across seasons, as {@link absolute}. */
  absoluteStrm: [number, string][];
  legacy: LegacyInfo | null;
}

/** Series folders directly under the anime directory (hidden ones skipped). */
export async function listSeriesFolders(root: string): Promise<string[]> {
  const entries = await fs.readdir(root, { withFileTypes: true });
  return entries
    .filter((e) => e.isDirectory() && !e.name.startsWith('.'))
    .map((e) => e.name)
    .sort((a, b) => a.localeCompare(b));
}

/**
 * A directory mtime or ctime this close to the time of the listing (or later) does not vouch for
 * the listing: another change in the same clock tick, or under a clock that runs a little behind
 * the file server's, would leave the times as they are. Such a fingerprint is not kept, so the
 * next scan reads the files (the "racy" case git knows from its index).
 */
export const RACY_MS = 3_000;

/** One directory the reader visits: the series folder (`''`) or one of its season folders. */
interface ListedDirectory {
  rel: string;
  season: number | null;
  entries: Dirent[];
  /** Subfolders visited (only those of the series folder itself). */
  children: Map<string, ListedDirectory>;
}

/** A series folder's directories, listed without looking at a single episode file. */
export interface FolderListing {
  /**
   * Hash of each visited directory's device, inode, mtime, ctime and entry names and kinds, and
   * of the legacy `key`/`data` files' size and times: what changes when a file is added, removed,
   * renamed or replaced by another (see docs/SCALE.md, "Library scan").
   */
  fingerprint: string;
  /** The fingerprint is too young to be trusted next time ({@link RACY_MS}). */
  racy: boolean;
  root: ListedDirectory;
}

const LEGACY_FILES = ['key', 'data'];

/**
 * Lists a series folder and its season folders (one level, hidden ones skipped) and fingerprints
 * them. Each directory's times are read before its entries, so a change during the listing can
 * only make the fingerprint older than the entries, never newer: the next scan sees a change.
 * `now` is the scanner's clock, for the racy check.
 */
export async function listFolderTree(
  root: string,
  folder: string,
  now: number,
): Promise<FolderListing> {
  const base = join(root, folder);
  let newestNs = 0n;
  const lines: string[] = [];
  const list = async (rel: string, season: number | null): Promise<ListedDirectory> => {
    const stat = await fs.stat(join(base, rel), { bigint: true });
    const entries = await fs.readdir(join(base, rel), { withFileTypes: true });
    entries.sort((a, b) => a.name.localeCompare(b.name));
    newestNs = max(newestNs, stat.mtimeNs, stat.ctimeNs);
    lines.push(`D\0${rel}\0${stat.dev}\0${stat.ino}\0${stat.mtimeNs}\0${stat.ctimeNs}`);
    for (const entry of entries) lines.push(`${kindOf(entry)}\0${entry.name}`);
    return { rel, season, entries, children: new Map() };
  };
  const top = await list('', null);
  for (const entry of top.entries) {
    if (!entry.isFile() || !LEGACY_FILES.includes(entry.name)) continue;
    // Read as content: an in-place edit (same inode, the folder's times unmoved) must count too.
    const stat = await fs.stat(join(base, entry.name), { bigint: true }).catch(() => null);
    if (!stat) continue;
    newestNs = max(newestNs, stat.mtimeNs, stat.ctimeNs);
    lines.push(`L\0${entry.name}\0${stat.size}\0${stat.mtimeNs}\0${stat.ctimeNs}`);
  }
  for (const entry of top.entries) {
    if (!entry.isDirectory() || entry.name.startsWith('.')) continue;
    top.children.set(entry.name, await list(entry.name, seasonOfFolder(entry.name)));
  }
  const hash = createHash('sha256');
  for (const line of lines) hash.update(`${line}\n`);
  return {
    fingerprint: hash.digest('hex'),
    racy: Number(newestNs / 1_000_000n) >= now - RACY_MS,
    root: top,
  };
}

/**
 * Reads a listed series folder: recognises episode files by name, in it and in its season
 * folders, from the listing alone, and reads the legacy files when there are any.
 *
 * No episode file is statted: the scan records which episode files exist and where, never their
 * size or times, so a stat per file (102,000 in a big library, the largest part of a first
 * scan's CPU) would feed nothing but the signature. The listing's entry kinds come from
 * `readdir` (a symlink is not a file, as before).
 */
export async function readListedFolder(
  root: string,
  folder: string,
  listing: FolderListing,
): Promise<FolderContents> {
  const base = join(root, folder);
  const hash = createHash('sha256');
  const episodes: [number, number, string][] = [];
  const absolute: [number, string][] = [];
  const strm: [number, number, string][] = [];
  const absoluteStrm: [number, string][] = [];
  const visit = (dir: ListedDirectory): void => {
    for (const entry of dir.entries) {
      const rel = dir.rel ? `${dir.rel}/${entry.name}` : entry.name;
      hash.update(`${kindOf(entry)}\0${rel}\n`);
      const child = dir.children.get(entry.name);
      if (child) visit(child);
      if (!entry.isFile()) continue;
      const video = parseEpisodeFile(entry.name, dir.season);
      if (video?.kind === 'episode') episodes.push([video.season, video.episode, rel]);
      else if (video?.kind === 'absolute') absolute.push([video.absolute, rel]);
      if (video) continue;
      const stream = parseStrmFile(entry.name, dir.season);
      if (stream?.kind === 'episode') strm.push([stream.season, stream.episode, rel]);
      else if (stream?.kind === 'absolute') absoluteStrm.push([stream.absolute, rel]);
    }
  };
  visit(listing.root);
  const hasLegacy = listing.root.entries.some((e) => e.isFile() && LEGACY_FILES.includes(e.name));
  const legacy = hasLegacy ? await readLegacy(base) : null;
  if (legacy) hash.update(`L\0${legacy.key}\0${legacy.site}\0${legacy.name}\n`);
  return { signature: hash.digest('hex'), episodes, absolute, strm, absoluteStrm, legacy };
}

/** Lists and reads one series folder in one go. */
export async function readSeriesFolder(
  root: string,
  folder: string,
  now: number,
): Promise<FolderContents & { listing: FolderListing }> {
  const listing = await listFolderTree(root, folder, now);
  return { ...(await readListedFolder(root, folder, listing)), listing };
}

function kindOf(entry: Dirent): string {
  if (entry.isFile()) return 'f';
  if (entry.isDirectory()) return 'd';
  if (entry.isSymbolicLink()) return 'l';
  return 'o';
}

function max(...values: bigint[]): bigint {
  return values.reduce((a, b) => (b > a ? b : a));
}

/** A legacy file is a line or a small JSON object; anything bigger is not one of ours. */
export const LEGACY_FILE_MAX_BYTES = 16 * 1024;

/**
 * The text of a regular file of at most `maxBytes`, else null. Opened non-blocking and judged by
 * the open handle (not by the name, which could be swapped meanwhile): a FIFO named `key` would
 * otherwise block the scan until someone writes to it, and a 1.5 GB `key` would be read whole.
 */
export async function readSmallRegularFile(
  path: string,
  maxBytes = LEGACY_FILE_MAX_BYTES,
): Promise<string | null> {
  let handle: fs.FileHandle;
  try {
    handle = await fs.open(path, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
  } catch {
    return null;
  }
  try {
    const stat = await handle.stat();
    if (!stat.isFile() || stat.size > maxBytes) return null;
    const buffer = Buffer.alloc(stat.size);
    const { bytesRead } = await handle.read(buffer, 0, stat.size, 0);
    return buffer.subarray(0, bytesRead).toString('utf8');
  } catch {
    return null;
  } finally {
    await handle.close();
  }
}

/**
 * The earlier Aniworld tool kept a `key` file (the series key, or its URL) and a `data` file (JSON with
 * `key`, `name`, `site`) in each folder. They are imported once; the database wins afterwards.
 */
async function readLegacy(base: string): Promise<LegacyInfo | null> {
  const text = (name: string) => readSmallRegularFile(join(base, name));
  const [keyFile, dataFile] = await Promise.all([text('key'), text('data')]);
  if (keyFile === null && dataFile === null) return null;
  let data: Record<string, unknown> = {};
  try {
    const parsed: unknown = dataFile ? JSON.parse(dataFile) : {};
    if (parsed && typeof parsed === 'object' && !Array.isArray(parsed))
      data = parsed as Record<string, unknown>;
  } catch {
    // an unreadable data file is ignored; the key file may still say enough
  }
  const str = (v: unknown) => (typeof v === 'string' && v.trim() ? v.trim() : null);
  const key = keyFromText(keyFile) ?? keyFromText(str(data['key']));
  const site =
    str(data['site']) ?? (keyFile && /serienstream|s\.to|\/serie\//.test(keyFile) ? 'sto' : null);
  return key ? { key, site, name: str(data['name']) } : null;
}

/** A bare slug, or the slug out of a series URL on either site. */
export function keyFromText(text: string | null): string | null {
  const line = text
    ?.split(/\r?\n/)
    .map((l) => l.trim())
    .find(Boolean);
  if (!line) return null;
  const fromUrl = /\/(?:anime\/stream|serie(?:\/stream)?)\/([A-Za-z0-9-]+)/.exec(line);
  const key = fromUrl ? fromUrl[1] : line;
  return /^[A-Za-z0-9][A-Za-z0-9-]{0,199}$/.test(key) ? key : null;
}
