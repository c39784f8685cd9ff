import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** A folder of the demo library and the episode files it starts with. */
export interface DemoFolder {
  folder: string;
  episodes: string[];
  /** What the demo shows with it. */
  why: string;
}

/**
 * The pre-filled library: series of the sandbox's catalog in the states a real library has. The
 * episode files are a real video (the sandbox's sample clip), so the web player plays them.
 */
export const DEMO_LIBRARY: readonly DemoFolder[] = [
  {
    folder: 'Sternenwanderer (2019)',
    episodes: ['Season 01/Sternenwanderer - S01E01 - Ein Stern fällt.mp4'],
    why: 'partly downloaded: S01E01 on disk, the rest missing',
  },
  {
    folder: 'Kleine Katze Kuro (2016)',
    episodes: [
      'Season 01/Kleine Katze Kuro - S01E01 - Auf dem Dach.mp4',
      'Season 01/Kleine Katze Kuro - S01E02 - Regen.mp4',
      'Season 01/Kleine Katze Kuro - S01E03 - Der Fischmarkt.mp4',
    ],
    why: 'complete',
  },
  { folder: 'Die Nordwache (2017)', episodes: [], why: 'an s.to series, nothing downloaded yet' },
  {
    folder: 'Drachen (2021)',
    episodes: ['Drachen - S01E01.mp4'],
    why: 'needs matching: the title is not certain (Library → Unmatched)',
  },
];

/** Writes the folders under `root` with `video` as every episode file. */
export function createLibrary(root: string, video: Buffer): void {
  for (const { folder, episodes } of DEMO_LIBRARY) {
    mkdirSync(join(root, folder), { recursive: true });
    for (const episode of episodes) {
      const path = join(root, folder, episode);
      mkdirSync(join(path, '..'), { recursive: true });
      writeFileSync(path, video);
    }
  }
}
