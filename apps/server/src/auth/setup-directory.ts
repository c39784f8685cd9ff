import { constants as fsConstants, promises as fs } from 'node:fs';
import { basename, dirname, isAbsolute, join } from 'node:path';
import { ValidationFailedError } from '../common/errors';

/** The first words of the error when the directory is missing: the web app offers to create it. */
export const DIRECTORY_MISSING = 'does not exist';

/**
 * The library folder chosen at setup: absolute, writable, and existing unless `create` says to
 * make it. A missing one is refused, never created silently (a typo must not become a new empty
 * library), with the parent's folders of a similar name as suggestions.
 */
export async function prepareAnimeDirectory(dir: string, create: boolean): Promise<void> {
  const fail = (errors: string[], suggestions?: string[]) =>
    new ValidationFailedError(
      [{ field: 'anime_directory', errors, ...(suggestions ? { suggestions } : {}) }],
      `Anime directory ${dir}: ${errors.join('; ')}`,
    );
  if (!isAbsolute(dir)) throw fail(['must be an absolute path']);
  const stat = await fs.stat(dir).catch(() => null);
  if (stat && !stat.isDirectory()) throw fail(['is a file, not a directory']);
  if (!stat && !create) {
    const similar = await similarFolders(dir);
    throw fail(
      [
        `${DIRECTORY_MISSING}: check the spelling, or send create_directory: true to create it`,
        ...(similar.length ? [`similar existing folders: ${similar.join(', ')}`] : []),
      ],
      similar,
    );
  }
  try {
    if (!stat) await fs.mkdir(dir, { recursive: true });
    await fs.access(dir, fsConstants.W_OK);
  } catch (error) {
    throw fail([
      `cannot be ${stat ? 'written' : 'created or written'} (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`,
    ]);
  }
}

/** Folders beside a missing one whose names differ by at most two edits or only in case. */
async function similarFolders(dir: string): Promise<string[]> {
  const parent = dirname(dir);
  const wanted = basename(dir).toLowerCase();
  const entries = await fs.readdir(parent, { withFileTypes: true }).catch(() => []);
  return entries
    .filter((e) => e.isDirectory() && editDistance(e.name.toLowerCase(), wanted) <= 2)
    .map((e) => join(parent, e.name))
    .slice(0, 5);
}

/** Levenshtein distance, small strings only (folder names). */
export function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++)
      current[j] = Math.min(
        previous[j] + 1,
        current[j - 1] + 1,
        previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1),
      );
    previous = current;
  }
  return previous[b.length];
}
