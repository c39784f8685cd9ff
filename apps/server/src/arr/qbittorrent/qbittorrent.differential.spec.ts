import { type Sandbox, startSandbox } from '@aniworld/sandbox';
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import request from 'supertest';
import { type ReleaseIdentity, releaseInfoHash, releaseMagnet } from '@aniworld/release';
import {
  FAST_PROVIDERS,
  startTestApp,
  tempDir,
  type TestApp,
} from '../../../test/helpers/test-app';
import { waitUntil } from '../../../test/helpers/wait';

/**
 * The same calls to the real qBittorrent (Debian's qbittorrent-nox, run here on loopback with
 * its own profile) and to our surface: status codes, content types, and the JSON field names and
 * types Sonarr reads (ARR-PROTOCOLS §1.4) must agree. Known, documented differences
 * (docs/arr-qbittorrent.md) are not compared: createCategory of an existing category (qB 409,
 * ours idempotent), delete without deleteFiles (qB 4.5 requires the field), an unknown route
 * without a session, category savePath "" vs the folder in use, and the version numbers.
 */
const BIN = (() => {
  try {
    return execFileSync('sh', ['-c', 'command -v qbittorrent-nox']).toString().trim() || null;
  } catch {
    return null;
  }
})();
if (!BIN && process.env['CI'])
  throw new Error('qbittorrent-nox is missing: CI must install it (.ci/run) for this test');
const describeIfQb = BIN ? describe : describe.skip;
if (!BIN) console.warn('qbittorrent-nox not installed: differential test skipped');

const PASSWORD = 'adminadmin';

/** Keys Sonarr reads from torrents/info, properties and preferences, with their JSON types. */
const INFO_KEYS = [
  'hash',
  'name',
  'size',
  'progress',
  'eta',
  'state',
  'category',
  'save_path',
  'content_path',
  'ratio',
  'ratio_limit',
  'seeding_time_limit',
  'last_activity',
  'seeding_time',
];
const PREFERENCE_KEYS = [
  'save_path',
  'max_ratio_enabled',
  'max_ratio',
  'max_seeding_time_enabled',
  'max_seeding_time',
  'max_ratio_act',
  'queueing_enabled',
  'dht',
];

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

function typesOf(obj: Record<string, unknown>, keys: string[]): Record<string, string> {
  return Object.fromEntries(keys.filter((k) => k in obj).map((k) => [k, typeof obj[k]]));
}

const kind = (res: request.Response) => (res.headers['content-type'] ?? '').split(';')[0];

class Side {
  cookie = '';
  constructor(readonly base: string) {}
  get(path: string, query: Record<string, string> = {}) {
    return request(this.base)
      .get(`/api/v2/${path}`)
      .query(query)
      .set('Cookie', this.cookie)
      .ok(() => true);
  }
  post(path: string, form: Record<string, string> = {}) {
    return request(this.base)
      .post(`/api/v2/${path}`)
      .type('form')
      .send(form)
      .set('Cookie', this.cookie)
      .ok(() => true);
  }
  async login(password: string) {
    const res = await this.post('auth/login', { username: 'admin', password });
    const set = res.headers['set-cookie'] as unknown as string[] | undefined;
    if (set?.length) this.cookie = set[0].split(';')[0];
    return res;
  }
}

describeIfQb('qBittorrent surface vs the real qbittorrent-nox (differential)', () => {
  let qbt: ChildProcess;
  let profile: string;
  let sandbox: Sandbox;
  let t: TestApp;
  let real: Side;
  let ours: Side;
  let sides: [string, Side][];
  const release: ReleaseIdentity = {
    site: 'aniworld',
    seriesKey: 'sternenwanderer',
    season: 1,
    episode: 2,
    language: 'german-dub',
    mode: 'download',
  };
  const hash = releaseInfoHash(release);
  const magnet = releaseMagnet(release, 'Sternenwanderer.S01E02.WEB.GER-ANIWORLD');

  beforeAll(async () => {
    profile = tempDir('aniworld-qbt-');
    const config = join(profile, 'qBittorrent', 'config');
    mkdirSync(config, { recursive: true });
    // Accept the legal notice in the profile; 4.5's default Web UI login is admin/adminadmin.
    writeFileSync(
      join(config, 'qBittorrent.conf'),
      '[LegalNotice]\nAccepted=true\n\n[BitTorrent]\nSession\\DHTEnabled=false\nSession\\LSDEnabled=false\nSession\\PeXEnabled=false\n',
    );
    const port = await freePort();
    qbt = spawn(BIN as string, [`--profile=${profile}`, `--webui-port=${port}`], {
      stdio: ['pipe', 'ignore', 'ignore'],
    });
    qbt.stdin?.end('y\n');
    real = new Side(`http://127.0.0.1:${port}`);
    await waitUntil(
      async () =>
        (
          await request(real.base)
            .get('/api/v2/app/webapiVersion')
            .ok(() => true)
            .catch(() => ({ status: 0 }))
        ).status === 403,
      'qbittorrent-nox to answer',
      30_000,
    );

    sandbox = await startSandbox({ port: 0 });
    const downloads = join(profile, 'ours');
    t = await startTestApp(
      {
        ANIWORLD_BASE_URL: `${sandbox.baseUrl}/aniworld`,
        STO_BASE_URL: `${sandbox.baseUrl}/sto`,
        ARR_DOWNLOAD_DIRECTORY: downloads,
        QBITTORRENT_PASSWORD: PASSWORD,
      },
      { settings: FAST_PROVIDERS },
    );
    ours = new Side(t.url);
    sides = [
      ['qbittorrent-nox', real],
      ['aniworld', ours],
    ];
  });

  afterAll(async () => {
    if (qbt && qbt.exitCode === null) {
      const exited = new Promise((r) => qbt.once('exit', r));
      qbt.kill('SIGTERM');
      await exited;
    }
    await t?.close();
    await sandbox?.close();
    rmSync(profile, { recursive: true, force: true });
  });

  /** Runs one call on both sides; returns [real, ours]. */
  async function both(
    call: (side: Side) => Promise<request.Response>,
  ): Promise<[request.Response, request.Response]> {
    return [await call(real), await call(ours)];
  }

  function expectSame(pair: [request.Response, request.Response], what: string): void {
    const [r, o] = pair;
    expect({ what, status: o.status, type: kind(o) }).toEqual({
      what,
      status: r.status,
      type: kind(r),
    });
  }

  it('agrees on the whole Sonarr sequence', async () => {
    expectSame(await both((s) => s.get('app/webapiVersion')), 'probe without a session');
    const bad = await both((s) => s.login('wrong-password'));
    expectSame(bad, 'bad login');
    expect(bad.map((r) => r.text)).toEqual(['Fails.', 'Fails.']);
    const login = await both((s) => s.login(PASSWORD));
    expectSame(login, 'login');
    expect(login.map((r) => r.text)).toEqual(['Ok.', 'Ok.']);
    expect(sides.map(([, s]) => s.cookie.split('=')[0])).toEqual(['SID', 'SID']);

    const version = await both((s) => s.get('app/webapiVersion'));
    expectSame(version, 'webapiVersion');
    for (const r of version) expect(r.text).toMatch(/^\d+\.\d+(\.\d+)?$/);
    expectSame(await both((s) => s.get('app/version')), 'version');

    const prefs = await both((s) => s.get('app/preferences'));
    expectSame(prefs, 'preferences');
    expect(typesOf(prefs[1].body, PREFERENCE_KEYS)).toEqual(
      typesOf(prefs[0].body, PREFERENCE_KEYS),
    );
    expect(Object.keys(typesOf(prefs[1].body, PREFERENCE_KEYS))).toEqual(PREFERENCE_KEYS);

    const noCats = await both((s) => s.get('torrents/categories'));
    expectSame(noCats, 'categories (none)');
    expect(noCats.map((r) => r.body)).toEqual([{}, {}]);
    expectSame(
      await both((s) => s.post('torrents/createCategory', { category: 'tv-sonarr' })),
      'createCategory',
    );
    const cats = await both((s) => s.get('torrents/categories'));
    expectSame(cats, 'categories');
    for (const r of cats)
      expect(typesOf(r.body['tv-sonarr'], ['name', 'savePath'])).toEqual({
        name: 'string',
        savePath: 'string',
      });

    const empty = await both((s) => s.get('torrents/info', { category: 'tv-sonarr' }));
    expectSame(empty, 'info (empty)');
    expect(empty.map((r) => r.body)).toEqual([[], []]);

    const add = await both((s) =>
      s.post('torrents/add', { urls: magnet, category: 'tv-sonarr', paused: 'true' }),
    );
    expectSame(add, 'add magnet');
    expect(add.map((r) => r.text)).toEqual(['Ok.', 'Ok.']);
    let info: [request.Response, request.Response] = [empty[0], empty[1]];
    await waitUntil(async () => {
      info = await both((s) => s.get('torrents/info', { category: 'tv-sonarr' }));
      return info.every((r) => Array.isArray(r.body) && r.body.length === 1);
    }, 'both to list the torrent');
    expectSame(info, 'info');
    const [realTorrent, ourTorrent] = info.map((r) => r.body[0] as Record<string, unknown>);
    expect(realTorrent.hash).toBe(hash);
    expect(ourTorrent.hash).toBe(hash);
    expect(ourTorrent.category).toBe(realTorrent.category);
    expect(typesOf(ourTorrent, INFO_KEYS)).toEqual(typesOf(realTorrent, INFO_KEYS));
    // Every key the real one has, ours has with the same JSON type (never null).
    for (const [key, value] of Object.entries(realTorrent))
      expect({ key, type: typeof ourTorrent[key] }).toEqual({ key, type: typeof value });

    const props = await both((s) => s.get('torrents/properties', { hash }));
    expectSame(props, 'properties');
    expect(typesOf(props[1].body, ['save_path', 'seeding_time'])).toEqual(
      typesOf(props[0].body, ['save_path', 'seeding_time']),
    );
    expectSame(
      await both((s) => s.get('torrents/properties', { hash: 'ab'.repeat(20) })),
      'properties of an unknown hash',
    );
    expectSame(
      await both((s) =>
        s.post('torrents/setShareLimits', {
          hashes: hash,
          ratioLimit: '-2',
          seedingTimeLimit: '-2',
        }),
      ),
      'setShareLimits',
    );
    expectSame(
      await both((s) => s.post('torrents/addTags', { hashes: hash, tags: 'anime' })),
      'addTags',
    );
    expectSame(
      await both((s) => s.post('torrents/createCategory', { category: 'tv-imported' })),
      'createCategory 2',
    );
    expectSame(
      await both((s) => s.post('torrents/setCategory', { hashes: hash, category: 'tv-imported' })),
      'setCategory',
    );
    expectSame(
      await both((s) => s.post('torrents/setCategory', { hashes: hash, category: 'no-such' })),
      'setCategory to a missing category',
    );
    const files = await both((s) => s.get('torrents/files', { hash }));
    expectSame(files, 'files');
    expectSame(await both((s) => s.get('sync/maindata', { rid: '0' })), 'maindata');
    expectSame(await both((s) => s.get('torrents/nope')), 'unknown route');
    expectSame(await both((s) => s.get('torrents/add')), 'wrong method');

    expectSame(
      await both((s) => s.post('torrents/delete', { hashes: hash, deleteFiles: 'false' })),
      'delete',
    );
    await waitUntil(
      async () => (await both((s) => s.get('torrents/info'))).every((r) => r.body.length === 0),
      'both to forget the torrent',
    );
    expectSame(await both((s) => s.post('auth/logout')), 'logout');
    expectSame(await both((s) => s.get('torrents/info')), 'after logout');
  });
});
