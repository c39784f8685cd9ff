import { createHash } from 'node:crypto';
import { constants, promises as fs } from 'node:fs';
import { join } from 'node:path';
import { parseEpisodeFile, seasonOfFolder } from './filename-parser';

export interface LegacyInfo {
  key: string | null;
  site: string | null;
  name: string | null;
}

export interface FolderContents {
  /** Hash of every entry's relative path, size and mtime: equal means nothing changed. */
  signature: string;
  /** `[season, episode, relative path]` */
  episodes: [number, number, string][];
  /** `[absolute number, relative path]` for files numbered across seasons. */
  absolute: [number, string][];
  legacy: LegacyInfo | null;
}

/** Files of one directory statted at the same time. */
const STAT_CONCURRENCY = 16;

/** `work` over every item with at most `limit` running at once; results in input order. */
async function mapBounded<T, R>(
  items: readonly T[],
  limit: number,
  work: (item: T) => Promise<R>,
): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const i = next++;
      results[i] = await work(items[i]);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}

/** Series folders directly under the anime directory (hidden ones skipped). */
export async function listSeriesFolders(root: string): Promise<string[]> {
  const entries = await fs.readdir(root, { withFileTypes: true });
  return entries
    .filter((e) => e.isDirectory() && !e.name.startsWith('.'))
    .map((e) => e.name)
    .sort((a, b) => a.localeCompare(b));
}

/** Reads one series folder: its episode files (in it and one level of season folders) and legacy files. */
export async function readSeriesFolder(root: string, folder: string): Promise<FolderContents> {
  const base = join(root, folder);
  const hash = createHash('sha256');
  const episodes: [number, number, string][] = [];
  const absolute: [number, string][] = [];
  const visit = async (relDir: string, depth: number, season: number | null): Promise<void> => {
    const entries = await fs.readdir(join(base, relDir), { withFileTypes: true });
    entries.sort((a, b) => a.name.localeCompare(b.name));
    // The files' stats at once (bounded), then hashed in name order: a folder of 100 episodes is
    // not 100 round trips to the disk one after another.
    const stats = await mapBounded(entries, STAT_CONCURRENCY, (entry) =>
      entry.isFile() ? fs.stat(join(base, relDir, entry.name)) : Promise.resolve(null),
    );
    for (const [i, entry] of entries.entries()) {
      const rel = relDir ? `${relDir}/${entry.name}` : entry.name;
      if (entry.isDirectory()) {
        if (depth === 0 && !entry.name.startsWith('.'))
          await visit(rel, 1, seasonOfFolder(entry.name));
        continue;
      }
      const stat = stats[i];
      if (!entry.isFile() || !stat) continue;
      hash.update(`${rel}\0${stat.size}\0${stat.mtimeMs}\n`);
      const match = parseEpisodeFile(entry.name, season);
      if (match?.kind === 'episode') episodes.push([match.season, match.episode, rel]);
      else if (match?.kind === 'absolute') absolute.push([match.absolute, rel]);
    }
  };
  await visit('', 0, null);
  return { signature: hash.digest('hex'), episodes, absolute, legacy: await readLegacy(base) };
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
