import { type Sandbox, startSandbox } from '@aniworld/sandbox';
import type { AnimeDetail, ScanStatus } from '@aniworld/contracts';
import { mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { FakeClock } from '../../../test/helpers/fake-clock';
import {
  FAST_PROVIDERS,
  startTestApp,
  type TestApp,
  tempDir,
} from '../../../test/helpers/test-app';
import { scanToEnd as scanLibrary } from '../../../test/helpers/scan';
import { EpisodeRepository } from '../episode.repository';
import { EpisodesService } from '../episodes.service';
import { SeriesRepository } from '../series.repository';
import { LibraryFolderRepository } from './library-folder.repository';
import { RACY_MS } from './folder-reader';

/**
 * An unchanged rescan lists directories and reads no folder further; every way of changing a
 * season folder's files is still seen (docs/SCALE.md, "Library scan"). What a scan reads and
 * writes is counted, not timed.
 */
describe('library rescan: folder fingerprints', () => {
  let sandbox: Sandbox;
  let t: TestApp;
  let api: ReturnType<TestApp['api']>;
  let library: string;
  let clock: FakeClock;
  const STERN = 'Sternenwanderer (2019)';
  const s1 = (...parts: string[]) => join(library, STERN, 'Season 01', ...parts);
  const s2 = (...parts: string[]) => join(library, STERN, 'Season 02', ...parts);

  beforeAll(async () => {
    sandbox = await startSandbox({ port: 0 });
  }, 60_000);
  afterAll(async () => {
    await sandbox.close();
  });

  beforeEach(async () => {
    library = tempDir('aniworld-rescan-');
    mkdirSync(s1(), { recursive: true });
    mkdirSync(s2(), { recursive: true });
    writeFileSync(s1('Sternenwanderer - S01E01.mkv'), 'one');
    writeFileSync(s1('Sternenwanderer - S01E02.mkv'), 'two');
    writeFileSync(s2('Sternenwanderer - S02E01.mkv'), 'three');
    mkdirSync(join(library, 'Ganz Unbekannt (1999)', 'Extras'), { recursive: true });
    writeFileSync(join(library, 'Ganz Unbekannt (1999)', 'Episode 1.mkv'), 'x');
    clock = new FakeClock();
    t = await startTestApp(
      {
        ANIWORLD_BASE_URL: `${sandbox.baseUrl}/aniworld`,
        STO_BASE_URL: `${sandbox.baseUrl}/sto`,
        ANIME_DIRECTORY: library,
      },
      { settings: FAST_PROVIDERS, clock },
    );
    api = t.api(await t.setUp());
  });
  afterEach(async () => {
    jest.restoreAllMocks();
    await t.close();
    rmSync(library, { recursive: true, force: true });
  });

  const scanToEnd = () => scanLibrary(api);

  /**
   * Folders read past their fingerprint while `work` runs: a matched one is compared with the
   * episodes in the database (by series id, here Sternenwanderer's), an unmatched one gets its
   * row written again. A folder whose fingerprint held is listed and left at that.
   */
  async function folderReads(work: () => Promise<unknown>): Promise<string[]> {
    const compared = jest.spyOn(EpisodeRepository.prototype, 'diskSlotsOf');
    const written = [
      jest.spyOn(LibraryFolderRepository.prototype, 'save'),
      jest.spyOn(LibraryFolderRepository.prototype, 'setFingerprint'),
    ];
    try {
      await work();
      return [
        ...compared.mock.calls.map(() => STERN),
        ...written.flatMap((spy) =>
          spy.mock.calls
            .map(([row]) => (typeof row === 'string' ? row : row.folder))
            .filter((folder) => folder !== STERN),
        ),
      ];
    } finally {
      compared.mockRestore();
      for (const spy of written) spy.mockRestore();
    }
  }

  async function downloaded(): Promise<string[]> {
    const detail = (await api.get('/api/anime/sternenwanderer').expect(200)).body as AnimeDetail;
    return detail.seasons.flatMap((s) =>
      s.episodes.filter((e) => e.is_downloaded).map((e) => `S${s.season}E${e.episode}`),
    );
  }

  /** A first scan with the clock past the racy window, so its fingerprints are kept. */
  async function firstScan(): Promise<void> {
    await api.post('/api/anime/add').send({ key: 'sternenwanderer', site: 'aniworld' });
    clock.advance(RACY_MS + 60_000);
    expect(await scanToEnd()).toMatchObject({ state: 'completed', unmatched: 1 });
    expect(await downloaded()).toEqual(['S1E1', 'S1E2', 'S2E1']);
  }

  it('reads no untouched folder, matched or unmatched, and asks no site', async () => {
    await firstScan();
    sandbox.resetStats();
    let scan: ScanStatus | null = null;
    const read = await folderReads(async () => (scan = await scanToEnd()));
    expect(scan).toMatchObject({ state: 'completed', folders_unchanged: 2, unmatched: 1 });
    expect(read).toEqual([]);
    expect(Object.keys(sandbox.stats().by_path).filter((p) => /search/.test(p))).toEqual([]);
  });

  it('notices a file added, removed, renamed or replaced in a season folder', async () => {
    await firstScan();
    // [change, episodes on disk afterwards, folders the scan then finds unchanged]
    const changes: [string, () => void, string[], number][] = [
      [
        'added',
        () => writeFileSync(s1('Sternenwanderer - S01E03.mkv'), 'new'),
        ['S1E1', 'S1E2', 'S1E3', 'S2E1'],
        1,
      ],
      ['removed', () => rmSync(s1('Sternenwanderer - S01E02.mkv')), ['S1E1', 'S1E3', 'S2E1'], 1],
      [
        'renamed',
        () => renameSync(s2('Sternenwanderer - S02E01.mkv'), s2('Sternenwanderer - S02E02.mkv')),
        ['S1E1', 'S1E3', 'S2E2'],
        1,
      ],
      [
        // As a downloader or `mv` replaces a file: a new one renamed over the old name. The folder
        // is read again, and holds the same episodes at the same paths: nothing to record.
        'replaced',
        () => {
          writeFileSync(s1('.incoming'), 'a better copy');
          renameSync(s1('.incoming'), s1('Sternenwanderer - S01E01.mkv'));
        },
        ['S1E1', 'S1E3', 'S2E2'],
        2,
      ],
    ];
    for (const [what, change, expected, unchanged] of changes) {
      change();
      let scan: ScanStatus | null = null;
      const read = await folderReads(async () => (scan = await scanToEnd()));
      // The changed folder was read again; the unmatched one was not.
      expect({ what, scan }).toMatchObject({ what, scan: { folders_unchanged: unchanged } });
      expect({ what, read }).toEqual({ what, read: [STERN] });
      expect({ what, downloaded: await downloaded() }).toEqual({ what, downloaded: expected });
      // And the next scan, with nothing changed, is back to reading no folder at all.
      expect(await folderReads(scanToEnd)).toEqual([]);
    }
  });

  it('notices a downloaded file removed, though the folder is back to what the last scan saw', async () => {
    await firstScan();
    // A download after that scan: the file goes in and the episode is marked downloaded.
    const series = await t.app.get(SeriesRepository).findByKey('sternenwanderer');
    const episode = await t.app.get(EpisodeRepository).find(series?.id ?? 0, 1, 3);
    writeFileSync(s1('Sternenwanderer - S01E03.mkv'), 'downloaded');
    await t.app
      .get(EpisodesService)
      .markDownloaded(episode?.id ?? 0, s1('Sternenwanderer - S01E03.mkv'));
    expect(await downloaded()).toEqual(['S1E1', 'S1E2', 'S1E3', 'S2E1']);
    // The user deletes it: the folder holds what the first scan saw, the database does not.
    rmSync(s1('Sternenwanderer - S01E03.mkv'));
    await scanToEnd();
    expect(await downloaded()).toEqual(['S1E1', 'S1E2', 'S2E1']);
  });

  it('searches an unmatched folder again once its season folder changed', async () => {
    await firstScan();
    writeFileSync(join(library, 'Ganz Unbekannt (1999)', 'Extras', 'Episode 2.mkv'), 'y');
    sandbox.resetStats();
    expect(await scanToEnd()).toMatchObject({ folders_unchanged: 1, unmatched: 1 });
    expect(Object.keys(sandbox.stats().by_path).some((p) => /search/i.test(p))).toBe(true);
  });

  it('does not trust a fingerprint taken while the folder may still be changing', async () => {
    await api.post('/api/anime/add').send({ key: 'sternenwanderer', site: 'aniworld' });
    // A clock behind the file server's: every folder looks as young as the racy window, so no
    // fingerprint is kept and each scan reads the files again, although nothing changed.
    clock.advance(-60_000);
    await scanToEnd();
    expect(await folderReads(scanToEnd)).toContain(STERN);
    clock.advance(120_000 + RACY_MS);
    // Old enough now: this scan keeps the fingerprints, and the one after reads no folder.
    expect(await folderReads(scanToEnd)).toContain(STERN);
    expect(await folderReads(scanToEnd)).toEqual([]);
  });
});
