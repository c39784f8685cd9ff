import type { Sandbox } from '@aniworld/sandbox';
import { readFileSync } from 'node:fs';
import {
  type ReleaseIdentity,
  releaseInfoHash,
  releaseMagnet,
  releaseTitle,
} from '@aniworld/release';
import { QbitTestClient } from './qbit';
import { FAST_PROVIDERS, startTestApp, type TestApp } from './test-app';

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

/**
 * Twenty episodes (as ` [STRM]` identities over {@link strmRelease}) whose first working hoster
 * in the default order covers every kind of stream the sandbox has: MP4 (Doodstream), HLS with
 * relative and absolute URIs (VOE, Vidmoly), AES-128 with the IV in the tag and from the sequence
 * (Filemoon, Luluvdo), byte ranges (LoadX), and hosters that are gone (rotation).
 */
export const TWENTY_EPISODES: Partial<ReleaseIdentity>[] = [
  { season: 0, episode: 1 },
  { season: 0, episode: 1, language: 'german-sub' },
  { season: 0, episode: 2, language: 'german-sub' },
  { episode: 1 },
  { episode: 1, language: 'german-sub' },
  { episode: 1, language: 'english-sub' },
  { episode: 1, language: 'english-dub' },
  { episode: 3 },
  { season: 2, episode: 1, language: 'english-sub' },
  { season: 2, episode: 3, language: 'german-sub' },
  { seriesKey: 'maedchen-und-drachen', season: 0, language: 'german-sub' },
  { seriesKey: 'maedchen-und-drachen', language: 'english-dub' },
  { seriesKey: 'dot-dot-etc', language: 'german-sub' },
  { seriesKey: 'kleine-katze-kuro', language: 'english-sub' },
  { seriesKey: 'kleine-katze-kuro', episode: 2, language: 'english-sub' },
  { seriesKey: 'kleine-katze-kuro', episode: 2, language: 'german-sub' },
  { site: 'sto', seriesKey: 'die-nordwache' },
  { site: 'sto', seriesKey: 'die-nordwache', season: 2, episode: 2 },
  { site: 'sto', seriesKey: '112-notruf', language: 'english-dub' },
  { site: 'sto', seriesKey: '112-notruf' },
];

export interface StrmTestApp {
  t: TestApp;
  /** A logged-in API client. */
  api: ReturnType<TestApp['api']>;
  /** The qBittorrent surface, logged in, as Sonarr uses it. */
  qb: QbitTestClient;
  /** `PUT /api/config` of `providers.hoster_order`: which hosters new resolutions may use. */
  useHosters(...hosterOrder: string[]): Promise<unknown>;
}

/** The server against the sandbox, set up, with its download client logged in. */
export async function startStrmApp(
  sandbox: Sandbox,
  env: Record<string, string>,
  settings: Record<string, unknown> = {},
): Promise<StrmTestApp> {
  const t = await startTestApp(
    {
      ANIWORLD_BASE_URL: `${sandbox.baseUrl}/aniworld`,
      STO_BASE_URL: `${sandbox.baseUrl}/sto`,
      ...env,
    },
    { settings: { ...FAST_PROVIDERS, ...settings } },
  );
  const api = t.api(await t.setUp());
  const password = (await api.get('/api/arr/credentials').expect(200)).body.qbittorrent.password;
  const qb = new QbitTestClient(t.url, 'admin', password);
  const login = await qb.login();
  if (login.text !== 'Ok.') throw new Error(`qBittorrent login: ${login.text}`);
  return {
    t,
    api,
    qb,
    useHosters: (...hoster_order) =>
      api.put('/api/config').send({ providers: { hoster_order } }).expect(200),
  };
}
