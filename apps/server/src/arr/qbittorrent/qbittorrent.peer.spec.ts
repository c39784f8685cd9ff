import { QBittorrent } from '@ctrl/qbittorrent';
import { type Sandbox, startSandbox } from '@aniworld/sandbox';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import {
  type ReleaseIdentity,
  releaseInfoHash,
  releaseMagnet,
  releaseTorrentFile,
} from '@aniworld/release';
import {
  FAST_PROVIDERS,
  startTestApp,
  tempDir,
  type TestApp,
} from '../../../test/helpers/test-app';
import { waitUntil } from '../../../test/helpers/wait';

const id = (over: Partial<ReleaseIdentity> = {}): ReleaseIdentity => ({
  site: 'aniworld',
  seriesKey: 'sternenwanderer',
  season: 1,
  episode: 1,
  language: 'german-dub',
  mode: 'download',
  ...over,
});

/**
 * No anime directory on purpose: download client items need no library.
 *
 * `@ctrl/qbittorrent` 9.14.0, an independent client (it computes hashes itself with
 * @ctrl/magnet-link and @ctrl/torrent-file), drives the surface: docs/arr-qbittorrent.md.
 */
describe('qBittorrent surface driven by @ctrl/qbittorrent', () => {
  let sandbox: Sandbox;
  let t: TestApp;
  let client: QBittorrent;
  let downloads: string;

  beforeAll(async () => {
    sandbox = await startSandbox({ port: 0 });
    downloads = tempDir('aniworld-arr-');
    t = await startTestApp(
      {
        ANIWORLD_BASE_URL: `${sandbox.baseUrl}/aniworld`,
        STO_BASE_URL: `${sandbox.baseUrl}/sto`,
        ARR_DOWNLOAD_DIRECTORY: downloads,
        QBITTORRENT_PASSWORD: 'peer-secret',
      },
      { settings: { ...FAST_PROVIDERS, downloads: { concurrency: 1 } } },
    );
    // The library's default 5 s timeout is too short for a loaded CI machine; Sonarr's own is 100 s.
    client = new QBittorrent({
      baseUrl: `${t.url}/`,
      username: 'admin',
      password: 'peer-secret',
      timeout: 60_000,
    });
  }, 60_000);

  afterAll(async () => {
    await t.close();
    await sandbox.close();
    rmSync(downloads, { recursive: true, force: true });
  });

  it('logs in, reads versions and preferences, and manages categories', async () => {
    expect(await client.login()).toBe(true);
    expect(await client.getAppVersion()).toBe('v5.1.2');
    expect(await client.getApiVersion()).toBe('2.11.4');
    expect((await client.getPreferences()).save_path).toBe(downloads);
    expect(await client.createCategory('tv-sonarr')).toBe(true);
    expect(await client.getCategories()).toMatchObject({
      'tv-sonarr': { name: 'tv-sonarr', savePath: join(downloads, 'tv-sonarr') },
    });
    await expect(
      new QBittorrent({ baseUrl: `${t.url}/`, username: 'admin', password: 'nope' }).login(),
    ).rejects.toThrow();
  });

  it('adds a magnet and a .torrent under the hashes it computes itself, and removes them', async () => {
    const magnet = releaseMagnet(id({ episode: 2 }), 'Sternenwanderer.S01E02.WEB.GER-ANIWORLD');
    const added = await client.normalizedAddTorrent(magnet, {
      label: 'tv-sonarr',
      startPaused: true,
    });
    expect(added).toMatchObject({
      id: releaseInfoHash(id({ episode: 2 })),
      name: 'Sternenwanderer.S01E02.WEB.GER-ANIWORLD',
      label: 'tv-sonarr',
    });
    const file = releaseTorrentFile(id({ episode: 3 }), 'Sternenwanderer.S01E03.WEB.GER-ANIWORLD');
    const fromFile = await client.normalizedAddTorrent(new Uint8Array(file), {
      label: 'tv-sonarr',
      startPaused: true,
    });
    expect(fromFile.id).toBe(releaseInfoHash(id({ episode: 3 })));
    const listed = await client.listTorrents({ category: 'tv-sonarr' });
    expect(listed.map((x) => x.hash).sort()).toEqual([added.id, fromFile.id].sort());
    expect(listed.every((x) => x.state === 'stoppedDL')).toBe(true);
    expect((await client.getAllData()).torrents).toHaveLength(2);
    expect(await client.removeTorrent([added.id, fromFile.id], false)).toBe(true);
    expect(await client.listTorrents()).toEqual([]);
  });

  it('sees a download through to completion and reads its properties and files', async () => {
    const hash = releaseInfoHash(id());
    expect(
      await client.addMagnet(releaseMagnet(id(), 'Sternenwanderer.S01E01.WEB.GER-ANIWORLD'), {
        category: 'tv-sonarr',
      }),
    ).toBe(true);
    await waitUntil(
      async () => (await client.getTorrent(hash)).isCompleted,
      'the torrent to complete',
      60_000,
    );
    const torrent = await client.getTorrent(hash);
    expect(torrent).toMatchObject({ progress: 1, savePath: join(downloads, 'tv-sonarr') });
    expect((await client.torrentProperties(hash)).save_path).toBe(join(downloads, 'tv-sonarr'));
    expect((await client.torrentFiles(hash))[0].name).toBe(
      'Sternenwanderer.S01E01.WEB.GER-ANIWORLD.mp4',
    );
    expect(await client.setTorrentCategory(hash, '')).toBe(true);
    expect(await client.removeTorrent(hash, true)).toBe(true);
  }, 90_000);
});
