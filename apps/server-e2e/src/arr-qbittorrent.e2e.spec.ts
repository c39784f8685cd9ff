import { type Sandbox, startSandbox } from '@aniworld/sandbox';
import { locateMediaTool } from '@aniworld/downloader';
import { releaseInfoHash, releaseMagnet, releaseTitle } from '@aniworld/release';
import { waitFor } from '@aniworld/testing';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type ServerProcess, startServer } from './support/server-process';

const QB_PASSWORD = 'sonarr-e2e-secret';

/**
 * What a Sonarr user does, against the built server and the sandbox: the download client's
 * Test, a grab (a long magnet, so multipart), polling until the torrent is completed, a
 * `content_path` that exists and plays, the import's setCategory, and the removal with its data.
 */
describe('Sonarr drives the qBittorrent surface of the built server', () => {
  let sandbox: Sandbox;
  let server: ServerProcess;
  let library: string;
  let downloads: string;
  let cookie = '';

  const qb = async (
    method: 'GET' | 'POST',
    path: string,
    form?: Record<string, string>,
    multipart = false,
  ): Promise<{ status: number; text: string; type: string }> => {
    let body: string | FormData | undefined;
    const headers: Record<string, string> = { cookie };
    if (form && multipart) {
      body = new FormData();
      for (const [k, v] of Object.entries(form)) body.append(k, v);
    } else if (form) {
      body = new URLSearchParams(form).toString();
      headers['content-type'] = 'application/x-www-form-urlencoded';
    }
    const res = await fetch(`${server.url}/api/v2/${path}`, { method, headers, body });
    const setCookie = res.headers.getSetCookie();
    if (setCookie.length) cookie = setCookie[0].split(';')[0];
    return {
      status: res.status,
      text: await res.text(),
      type: res.headers.get('content-type') ?? '',
    };
  };

  beforeAll(async () => {
    sandbox = await startSandbox({ port: 0 });
    library = mkdtempSync(join(tmpdir(), 'aniworld-arr-lib-'));
    downloads = mkdtempSync(join(tmpdir(), 'aniworld-arr-dl-'));
    server = await startServer({
      ANIME_DIRECTORY: library,
      ARR_DOWNLOAD_DIRECTORY: downloads,
      QBITTORRENT_PASSWORD: QB_PASSWORD,
      ANIWORLD_BASE_URL: `${sandbox.baseUrl}/aniworld`,
      STO_BASE_URL: `${sandbox.baseUrl}/sto`,
    });
  }, 120_000);

  afterAll(async () => {
    await server?.stop();
    await sandbox?.close();
    rmSync(library, { recursive: true, force: true });
    rmSync(downloads, { recursive: true, force: true });
  });

  it('tests, grabs, completes with a playable file, imports and removes', async () => {
    // Test: probe (403 without a session), login, version, preferences, categories, info.
    expect((await qb('GET', 'app/webapiVersion')).status).toBe(403);
    expect(
      (await qb('POST', 'auth/login', { username: 'admin', password: QB_PASSWORD })).text,
    ).toBe('Ok.');
    expect((await qb('GET', 'app/webapiVersion')).text).toBe('2.11.4');
    expect(JSON.parse((await qb('GET', 'app/preferences')).text)).toMatchObject({ dht: true });
    expect((await qb('POST', 'torrents/createCategory', { category: 'tv-sonarr' })).status).toBe(
      200,
    );
    expect(JSON.parse((await qb('GET', 'torrents/info?category=tv-sonarr')).text)).toEqual([]);

    // Grab: the magnet from the indexer, long enough that Sonarr sends it as multipart.
    const id = {
      site: 'aniworld',
      seriesKey: 'sternenwanderer',
      season: 1,
      episode: 1,
      language: 'german-dub',
      mode: 'download',
    } as const;
    const title = releaseTitle(id, { seriesTitle: 'Sternenwanderer', height: 1080, codec: 'h264' });
    const magnet = `${releaseMagnet(id, title, `${server.url}/announce`)}&tr=${'t'.repeat(1100)}`;
    const add = await qb(
      'POST',
      'torrents/add',
      { urls: magnet, category: 'tv-sonarr', stopped: 'False', sequentialDownload: 'True' },
      true,
    );
    expect([add.status, add.text]).toEqual([200, 'Ok.']);
    const hash = releaseInfoHash(id);
    expect((await qb('GET', `torrents/properties?hash=${hash}`)).status).toBe(200);

    // Polling until completed; on the way it is only ever queued or downloading.
    const torrent = await waitFor(
      async () => {
        const [t] = JSON.parse(
          (await qb('GET', 'torrents/info?category=tv-sonarr')).text,
        ) as Record<string, unknown>[];
        if (t?.state === 'stoppedUP') return t;
        expect(['queuedDL', 'downloading']).toContain(t?.state);
        return null;
      },
      'the torrent to complete',
      { timeoutMs: 120_000, intervalMs: 250 },
    );
    const contentPath = join(downloads, 'tv-sonarr', `${title}.mp4`);
    expect(torrent).toMatchObject({ hash, name: title, progress: 1, content_path: contentPath });
    expect(existsSync(contentPath)).toBe(true);
    const ffprobe = locateMediaTool('ffprobe') ?? 'ffprobe';
    const streams = execFileSync(ffprobe, [
      '-v',
      'error',
      '-show_entries',
      'stream=codec_type',
      '-of',
      'csv=p=0',
      contentPath,
    ]).toString();
    expect(streams.split(/\s+/)).toContain('video');

    // Import: setCategory to the imported category; then removal with its data.
    await qb('POST', 'torrents/createCategory', { category: 'tv-imported' });
    expect(
      (await qb('POST', 'torrents/setCategory', { hashes: hash, category: 'tv-imported' })).status,
    ).toBe(200);
    expect(
      (await qb('POST', 'torrents/delete', { hashes: hash, deleteFiles: 'true' })).status,
    ).toBe(200);
    expect(JSON.parse((await qb('GET', 'torrents/info')).text)).toEqual([]);
    expect(existsSync(contentPath)).toBe(false);
  });
});
