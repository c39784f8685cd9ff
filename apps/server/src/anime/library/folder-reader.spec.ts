import { execFileSync } from 'node:child_process';
import {
  mkdirSync,
  mkdtempSync,
  promises,
  rmSync,
  statSync,
  truncateSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  LEGACY_FILE_MAX_BYTES,
  listFolderTree,
  RACY_MS,
  readSeriesFolder,
  readSmallRegularFile,
} from './folder-reader';

describe('legacy files in a series folder', () => {
  let root: string;
  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'aniworld-legacy-'));
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  it('reads a small regular key file', async () => {
    writeFileSync(join(root, 'key'), 'https://aniworld.to/anime/stream/kleine-katze-kuro\n');
    expect(await readSmallRegularFile(join(root, 'key'))).toContain('kleine-katze-kuro');
  });

  it('returns null at once for a FIFO (nobody writes to it)', async () => {
    execFileSync('mkfifo', [join(root, 'key')]);
    expect(await readSmallRegularFile(join(root, 'key'))).toBeNull();
  });

  it('does not read a file above the limit, however large it claims to be', async () => {
    writeFileSync(join(root, 'data'), '');
    truncateSync(join(root, 'data'), 1.5 * 1024 ** 3);
    expect(await readSmallRegularFile(join(root, 'data'))).toBeNull();
    writeFileSync(join(root, 'small'), 'x'.repeat(LEGACY_FILE_MAX_BYTES + 1));
    expect(await readSmallRegularFile(join(root, 'small'))).toBeNull();
  });

  it('ignores a directory or a missing file', async () => {
    expect(await readSmallRegularFile(root)).toBeNull();
    expect(await readSmallRegularFile(join(root, 'nothing'))).toBeNull();
  });

  it('reads a series folder whose key is a FIFO and whose data is huge, keeping its episodes', async () => {
    const folder = join(root, 'Serie');
    execFileSync('mkdir', ['-p', folder]);
    writeFileSync(join(folder, 'Serie - S01E02.mkv'), 'v');
    execFileSync('mkfifo', [join(folder, 'key')]);
    writeFileSync(join(folder, 'data'), '');
    truncateSync(join(folder, 'data'), 1.5 * 1024 ** 3);
    const contents = await readSeriesFolder(root, 'Serie', Date.now());
    expect(contents.legacy).toBeNull();
    expect(contents.episodes).toEqual([[1, 2, 'Serie - S01E02.mkv']]);
  });
});

describe('folder fingerprints', () => {
  let root: string;
  const later = () => Date.now() + RACY_MS + 60_000;
  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'aniworld-fingerprint-'));
    mkdirSync(join(root, 'Serie', 'Staffel 1'), { recursive: true });
    writeFileSync(join(root, 'Serie', 'Staffel 1', 'Serie - S01E01.mkv'), 'v');
  });
  afterEach(() => {
    jest.restoreAllMocks();
    rmSync(root, { recursive: true, force: true });
  });

  it('lists directories without statting a single episode file', async () => {
    const stat = jest.spyOn(promises, 'stat');
    const listing = await listFolderTree(root, 'Serie', later());
    expect(stat.mock.calls.map(([path]) => String(path)).sort()).toEqual([
      join(root, 'Serie'),
      join(root, 'Serie', 'Staffel 1'),
    ]);
    expect(listing.racy).toBe(false);
    expect((await listFolderTree(root, 'Serie', later())).fingerprint).toBe(listing.fingerprint);
  });

  it('counts a legacy key file edited in place, which moves no directory time', async () => {
    writeFileSync(join(root, 'Serie', 'key'), 'wrong-slug\n');
    const before = await listFolderTree(root, 'Serie', later());
    const dir = statSync(join(root, 'Serie'));
    writeFileSync(join(root, 'Serie', 'key'), 'kleine-katze-kuro\n');
    expect(statSync(join(root, 'Serie')).mtimeMs).toBe(dir.mtimeMs);
    expect((await listFolderTree(root, 'Serie', later())).fingerprint).not.toBe(before.fingerprint);
  });

  it('calls a listing racy when a directory changed within the window', async () => {
    expect((await listFolderTree(root, 'Serie', Date.now())).racy).toBe(true);
  });
});
