import { type Sandbox, startSandbox } from '@aniworld/sandbox';
import { apiCall, waitFor } from '@aniworld/testing';
import type { AnimeDetail, SeriesMetadata } from '@aniworld/contracts';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, extname, join } from 'node:path';
import { queueSnapshot } from './support/queue';
import { type ServerProcess, setUpOwner, startServer } from './support/server-process';

const PASSWORD = 'Meta-Data-Passw0rd!';

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@',
  parseTagValue: false,
  alwaysCreateTextNode: true,
  isArray: (_name: string, _path: unknown, _leaf: boolean, isAttribute: boolean) => !isAttribute,
});
type Node = Record<string, { '#text'?: string; [attr: string]: unknown }[]>;

/** The root element of an NFO file, after checking it is well-formed. */
function nfo(path: string, root: string): Node {
  const text = readFileSync(path, 'utf8');
  expect(XMLValidator.validate(text)).toBe(true);
  return (parser.parse(text) as Record<string, Node[]>)[root][0];
}
const text = (node: Node, name: string) => node[name]?.[0]?.['#text'];
const ids = (node: Node) =>
  Object.fromEntries(
    (node['uniqueid'] ?? []).map((u) => [u['@type'], [u['#text'], u['@default'] ?? null]]),
  );
const isJpeg = (path: string) => readFileSync(path).subarray(0, 3).toString('hex') === 'ffd8ff';

/**
 * Metadata for media servers end to end: the built server with TMDB pointed at the sandbox adds
 * a series, downloads episodes, and the NFO files and artwork appear next to them in the layout
 * Jellyfin and Kodi read, with the sandbox's TMDB ids and titles. An uncertain match writes
 * nothing until the user picks the series.
 */
describe('NFO files and artwork against the built server and the sandbox', () => {
  let sandbox: Sandbox;
  let server: ServerProcess;
  let library: string;
  let token: string;

  const api = <T>(method: string, path: string, body?: unknown) =>
    apiCall<T>(server.url, token, method, path, body);
  const until = <T>(what: string, probe: () => Promise<T | null>) =>
    waitFor(probe, what, { timeoutMs: 150_000, intervalMs: 200 });

  const metadata = (key: string, ready: (m: SeriesMetadata) => boolean) =>
    until(`the metadata of ${key}`, async () => {
      const m = await api<SeriesMetadata>('GET', `/api/anime/${key}/metadata`);
      return ready(m) ? m : null;
    });

  async function download(key: string, episodes: { season: number; episode: number }[]) {
    await api('POST', '/api/queue/add', { serie_id: key, episodes, priority: 'NORMAL' });
    await until(`${key} to download`, async () => {
      const q = await queueSnapshot((path) => api('GET', path));
      const done = q.completed_downloads.filter((i) => i.serie_id === key).length;
      if (q.failed_downloads.length) throw new Error(JSON.stringify(q.failed_downloads));
      return done === episodes.length ? q : null;
    });
    return api<AnimeDetail>('GET', `/api/anime/${key}`);
  }

  beforeAll(async () => {
    sandbox = await startSandbox({ port: 0 });
    library = mkdtempSync(join(tmpdir(), 'aniworld-metadata-'));
    const dataDir = mkdtempSync(join(tmpdir(), 'aniworld-metadata-data-'));
    writeFileSync(
      join(dataDir, 'config.json'),
      JSON.stringify({
        security: { rate_limit_per_minute: 100000 },
        providers: { requests_per_second: 50, retries: 1 },
        downloads: { retry_backoff_seconds: 1 },
      }),
    );
    server = await startServer({
      DATA_DIR: dataDir,
      ANIME_DIRECTORY: library,
      ANIWORLD_BASE_URL: `${sandbox.baseUrl}/aniworld`,
      STO_BASE_URL: `${sandbox.baseUrl}/sto`,
      TMDB_BASE_URL: `${sandbox.baseUrl}/tmdb/3`,
      TMDB_IMAGE_BASE_URL: `${sandbox.baseUrl}/tmdb/t/p`,
      TMDB_API_KEY: '0123456789abcdef0123456789abcdef',
    });
    token = await setUpOwner(server, PASSWORD);
  }, 120_000);

  afterAll(async () => {
    await server?.stop();
    server?.cleanUp();
    await sandbox?.close();
    rmSync(library, { recursive: true, force: true });
  });

  it('writes tvshow.nfo, season.nfo, the episode NFOs and the artwork when episodes land', async () => {
    const health = await api<{ checks: Record<string, { status: string; message: string }> }>(
      'GET',
      '/health/detailed',
    );
    expect(health.checks['tmdb']).toMatchObject({ status: 'ok' });

    await api('POST', '/api/anime/add', { key: 'sternenwanderer', site: 'aniworld' });
    expect(await metadata('sternenwanderer', (m) => m.state !== null)).toMatchObject({
      state: 'matched',
      method: 'imdb',
      tmdb_id: 90227,
    });
    const detail = await download('sternenwanderer', [
      { season: 1, episode: 1 },
      { season: 0, episode: 1 },
    ]);
    const show = join(library, 'Sternenwanderer (2019)');
    const video = (season: number) =>
      detail.seasons.find((s) => s.season === season)?.episodes[0].file_path as string;
    const sidecar = (season: number, suffix: string) =>
      join(dirname(video(season)), `${basename(video(season), extname(video(season)))}${suffix}`);
    const expected = [
      join(show, 'tvshow.nfo'),
      join(show, 'poster.jpg'),
      join(show, 'fanart.jpg'),
      join(show, 'season01-poster.jpg'),
      join(show, 'season-specials-poster.jpg'),
      join(show, 'Season 01', 'season.nfo'),
      join(show, 'Season 00', 'season.nfo'),
      sidecar(1, '.nfo'),
      sidecar(1, '-thumb.jpg'),
      sidecar(0, '.nfo'),
      sidecar(0, '-thumb.jpg'),
    ];
    // Every file is renamed into place complete, so existing means written.
    await until('the metadata files', async () => (expected.every(existsSync) ? true : null));

    const tvshow = nfo(join(show, 'tvshow.nfo'), 'tvshow');
    expect(text(tvshow, 'title')).toBe('Sternenwanderer');
    expect(text(tvshow, 'originaltitle')).toBe('星の旅人');
    expect(text(tvshow, 'premiered')).toBe('2019-04-07');
    expect(tvshow['genre'].map((g) => g['#text'])).toEqual(['Abenteuer', 'Fantasy', 'Drama']);
    expect(ids(tvshow)).toEqual({
      tvdb: ['390227', 'true'],
      tmdb: ['90227', null],
      imdb: ['tt9000227', null],
    });
    expect(text(nfo(join(show, 'Season 01', 'season.nfo'), 'season'), 'seasonnumber')).toBe('1');
    expect(text(nfo(join(show, 'Season 00', 'season.nfo'), 'season'), 'title')).toBe('Specials');

    const episode = nfo(sidecar(1, '.nfo'), 'episodedetails');
    expect(text(episode, 'title')).toBe('Ein Stern fällt');
    expect([text(episode, 'season'), text(episode, 'episode')]).toEqual(['1', '1']);
    expect(text(episode, 'aired')).toBe('2019-04-07');
    expect(ids(episode)).toEqual({ tmdb: ['902270101', 'true'] });
    const special = nfo(sidecar(0, '.nfo'), 'episodedetails');
    expect([text(special, 'season'), text(special, 'title')]).toEqual(['0', 'Der erste Stern']);
    for (const image of expected.filter((p) => p.endsWith('.jpg')))
      expect(isJpeg(image)).toBe(true);
    // No temporary file is left behind.
    expect(readdirSync(show).filter((n) => n.endsWith('.tmp'))).toEqual([]);
  }, 240_000);

  it('lists an uncertain match and writes nothing for it until the user picks the series', async () => {
    await api('POST', '/api/anime/add', { key: '112-notruf', site: 'sto' });
    const uncertain = await metadata('112-notruf', (m) => m.state !== null);
    expect(uncertain.state).toBe('uncertain');
    expect(uncertain.candidates.map((c) => c.tmdb_id)).toEqual([95002, 95902]);
    const listed = await api<SeriesMetadata[]>('GET', '/api/metadata/matches');
    expect(listed.map((m) => m.key)).toEqual(['112-notruf']);

    const detail = await download('112-notruf', [{ season: 1, episode: 1 }]);
    const skipped = await metadata('112-notruf', (m) => m.last_write !== null);
    expect(skipped.last_write).toMatchObject({ outcome: 'skipped', season: 1, episode: 1 });
    expect(skipped.last_write?.reason).toMatch(/uncertain/);
    const show = join(library, detail.folder as string);
    const nfos = (dir: string): string[] =>
      readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
        e.isDirectory() ? nfos(join(dir, e.name)) : e.name.endsWith('.nfo') ? [e.name] : [],
      );
    expect(nfos(show)).toEqual([]);
    expect(existsSync(join(show, 'poster.jpg'))).toBe(false);

    await api('PUT', '/api/anime/112-notruf/metadata', { tmdb_id: 95002 });
    const refreshed = await api<{ written: string[]; episodes: number }>(
      'POST',
      '/api/anime/112-notruf/metadata/refresh',
    );
    expect(refreshed.episodes).toBe(1);
    expect(refreshed.written).toContain('tvshow.nfo');
    const tvshow = nfo(join(show, 'tvshow.nfo'), 'tvshow');
    expect(text(tvshow, 'title')).toBe('112: Notruf');
    expect(ids(tvshow)).toEqual({ tvdb: ['395002', 'true'], tmdb: ['95002', null] });
    expect(await api<SeriesMetadata[]>('GET', '/api/metadata/matches')).toEqual([]);
  }, 240_000);
});
