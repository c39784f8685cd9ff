import { readFileSync } from 'node:fs';
import {
  type ReleaseIdentity,
  releaseInfoHash,
  releaseMagnet,
  releaseTitle,
} from '@aniworld/release';
import type { QbitTestClient } from './qbit';

/** An identity of a ` [STRM]` release (mode `strm`), aniworld's Sternenwanderer S01E01 by default. */
export const strmRelease = (over: Partial<ReleaseIdentity> = {}): ReleaseIdentity => ({
  site: 'aniworld',
  seriesKey: 'sternenwanderer',
  season: 1,
  episode: 1,
  language: 'german-dub',
  mode: 'strm',
  ...over,
});

/**
 * Grabs a ` [STRM]` release the way Sonarr does (`torrents/add` with its magnet) and returns the
 * finished torrent and the URL its `.strm` file holds.
 */
export async function grabStrm(
  qb: QbitTestClient,
  id: ReleaseIdentity,
  category = 'tv-sonarr',
): Promise<{ torrent: Record<string, unknown>; url: string; title: string }> {
  const title = releaseTitle(id, { seriesTitle: id.seriesKey.replace(/-/g, ' ') });
  const add = await qb.post('torrents/add', { urls: releaseMagnet(id, title), category });
  if (add.text !== 'Ok.') throw new Error(`torrents/add: ${add.status} ${add.text}`);
  const info = await qb.get('torrents/info', { hashes: releaseInfoHash(id) });
  const [torrent] = info.body as Record<string, unknown>[];
  const lines = readFileSync(String(torrent['content_path']), 'utf8').split('\n');
  return { torrent, url: lines[0], title };
}
