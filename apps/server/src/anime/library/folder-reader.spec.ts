import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LEGACY_FILE_MAX_BYTES, readSeriesFolder, readSmallRegularFile } from './folder-reader';

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
    const contents = await readSeriesFolder(root, 'Serie');
    expect(contents.legacy).toBeNull();
    expect(contents.episodes).toEqual([[1, 2, 'Serie - S01E02.mkv']]);
  });
});
