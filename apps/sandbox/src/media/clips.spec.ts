import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { ensureClip } from './clips';

jest.setTimeout(120_000);

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'sandbox-clips-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const tiny = () => ({
  name: 'tiny',
  durationSec: 4,
  heights: [144, 96],
  segmentSec: 2,
  mediaDir: dir,
});

describe('ensureClip', () => {
  it('generates real media once and reuses the cache', async () => {
    const clip = await ensureClip(tiny());
    expect(clip.variants.map((v) => v.height)).toEqual([144, 96]);
    expect(clip.variants[0].segments).toHaveLength(2);
    const probe = execFileSync('ffprobe', [
      '-v',
      'error',
      '-show_entries',
      'stream=codec_name,height',
      '-of',
      'csv=p=0',
      clip.variants[0].mp4,
    ]).toString();
    expect(probe).toContain('h264,144');
    expect(probe).toContain('aac');
    const manifest = path.join(clip.dir, 'clip.json');
    const before = statSync(manifest).mtimeMs;
    const again = await ensureClip(tiny());
    expect(again.dir).toBe(clip.dir);
    expect(statSync(manifest).mtimeMs).toBe(before);
    // No temp or lock directories left behind.
    expect(readdirSync(dir)).toEqual([path.basename(clip.dir)]);
  });

  it('takes over a lock whose owner process is gone', async () => {
    const opts = { ...tiny(), name: 'stale' };
    const hashDir = (await ensureClip({ ...opts, mediaDir: path.join(dir, 'probe') })).dir;
    const lock = path.join(dir, `${path.basename(hashDir)}.lock`);
    mkdirSync(lock);
    writeFileSync(path.join(lock, 'owner'), '999999999');
    const clip = await ensureClip(opts);
    expect(clip.variants).toHaveLength(2);
    expect(readdirSync(dir).some((f) => f.endsWith('.lock'))).toBe(false);
  });

  it('rejects names that are not URL-safe', async () => {
    await expect(ensureClip({ ...tiny(), name: '../x' })).rejects.toThrow(/clip name/);
  });
});
