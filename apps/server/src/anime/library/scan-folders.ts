import { join } from 'node:path';
import type { UnmatchedFolder } from '@aniworld/contracts';
import { type DiskSlot, type DiskState, episodeSlot } from '../episode.repository';
import type { FolderContents, FolderListing } from './folder-reader';
import type { KnownFolder } from './library-folder.repository';

/**
 * What a library scan carries from folder to folder, and its pure steps: the scan itself, with
 * its batches and writes, is `library-scan.service.ts`.
 */

/** Who owns what at the start of a scan: live series ids, and the folders series claim. */
export interface Owners {
  ids: Set<number>;
  /** Folder → the live series that claims it. */
  byFolder: Map<string, number>;
}

/** What a scan knows before it reads any folder: the last scan's rows and answers, the owners. */
export interface ScanContext {
  known: Map<string, KnownFolder>;
  owners: Owners;
  /** The last scan's unmatched folders, with their search results. */
  searched: Map<string, UnmatchedFolder>;
}

export interface FolderOutcome {
  /** Nothing the scan records changed (the fingerprint may have). */
  unchanged: boolean;
  unmatched?: UnmatchedFolder;
}

/** A folder read past its fingerprint, waiting to be identified. */
export interface ReadFolder {
  folder: string;
  contents: FolderContents;
  fingerprint: string | null;
  known?: KnownFolder;
  searched?: UnmatchedFolder;
}

/** A folder of a known series, whose files are to be compared with the database. */
export interface MatchedFolder {
  folder: string;
  seriesId: number;
  contents: FolderContents;
  fingerprint: string | null;
  known?: KnownFolder;
}

/** The fingerprint to keep: none while it is too young to vouch for the folder. */
export function usable(listing: FolderListing): string | null {
  return listing.racy ? null : listing.fingerprint;
}

/** The files and `.strm` files the folder holds for the series' episodes, by episode slot. */
export function onDiskOf(
  root: string,
  { folder, contents }: MatchedFolder,
  episodes: readonly DiskSlot[],
): DiskState {
  const byAbsolute = new Map(
    episodes.filter((e) => e.absoluteNumber !== null).map((e) => [e.absoluteNumber as number, e]),
  );
  const slots = (numbered: [number, number, string][], absolute: [number, string][]) => {
    const out = new Map<string, string>();
    for (const [season, episode, rel] of numbered)
      out.set(episodeSlot(season, episode), join(root, folder, rel));
    for (const [number, rel] of absolute) {
      const episode = byAbsolute.get(number);
      if (episode)
        out.set(episodeSlot(episode.season, episode.episodeNumber), join(root, folder, rel));
    }
    return out;
  };
  return {
    files: slots(contents.episodes, contents.absolute),
    strm: slots(contents.strm, contents.absoluteStrm),
  };
}

/** `work` over every item with at most `limit` running at once; results in input order. */
export async function mapBounded<T, R>(
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
