import { createHash, randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import * as path from 'node:path';
import type { ByteRangeSegment, Clip, ClipOptions, ClipVariant, SegmentInfo } from './clip-types';
import { runFfmpeg } from './ffmpeg';

/** The clip every sandbox serves: ≈24 s, 2 s segments, 360p and 240p. */
export const SAMPLE_CLIP: ClipOptions = {
  name: 'sample',
  durationSec: 24,
  heights: [360, 240],
  segmentSec: 2,
};

const MANIFEST = 'clip.json';
const LOCK_STALE_MS = 30 * 60 * 1000;
const inProcess = new Map<string, Promise<Clip>>();

export function defaultMediaDir(): string {
  const fromEnv = process.env['SANDBOX_MEDIA_DIR'];
  if (fromEnv) return path.resolve(fromEnv);
  let dir = __dirname;
  while (path.dirname(dir) !== dir) {
    if (existsSync(path.join(dir, 'nx.json'))) return path.join(dir, '.sandbox-cache', 'media');
    dir = path.dirname(dir);
  }
  return path.resolve('.sandbox-cache', 'media');
}

function widthFor(height: number): number {
  return Math.round((height * 16) / 9 / 2) * 2;
}

function defaultKbps(height: number): number {
  if (height >= 1080) return 4000;
  if (height >= 720) return 2500;
  if (height >= 480) return 1200;
  if (height >= 360) return 700;
  return 400;
}

function normalize(opts: ClipOptions): Required<Omit<ClipOptions, 'mediaDir'>> {
  if (!/^[a-z0-9-]+$/.test(opts.name))
    throw new Error(`clip name must match [a-z0-9-]+: ${opts.name}`);
  const heights = [...new Set(opts.heights)].sort((a, b) => b - a);
  if (heights.length === 0) throw new Error('a clip needs at least one height');
  return {
    name: opts.name,
    durationSec: opts.durationSec,
    heights,
    segmentSec: opts.segmentSec,
    fps: opts.fps ?? 25,
    videoKbps: opts.videoKbps ?? defaultKbps(heights[0]),
    preset: opts.preset ?? (opts.durationSec > 120 ? 'ultrafast' : 'veryfast'),
  };
}

/**
 * Generates a clip once per (name, options) into the media cache and returns its description.
 * Safe across parallel processes: one holds a lock directory, the others wait for its manifest;
 * the work happens in a private temp dir that is renamed into place, so nobody sees half a clip.
 */
export function ensureClip(options: ClipOptions): Promise<Clip> {
  let opts: ReturnType<typeof normalize>;
  try {
    opts = normalize(options);
  } catch (err) {
    return Promise.reject(err);
  }
  const mediaDir = options.mediaDir ? path.resolve(options.mediaDir) : defaultMediaDir();
  const hash = createHash('sha256').update(JSON.stringify(opts)).digest('hex').slice(0, 10);
  const finalDir = path.join(mediaDir, `${opts.name}-${hash}`);
  let pending = inProcess.get(finalDir);
  if (!pending) {
    pending = ensureOnDisk(finalDir, opts).catch((err: unknown) => {
      inProcess.delete(finalDir);
      throw err;
    });
    inProcess.set(finalDir, pending);
  }
  return pending;
}

async function ensureOnDisk(finalDir: string, opts: ReturnType<typeof normalize>): Promise<Clip> {
  await mkdir(path.dirname(finalDir), { recursive: true });
  const lockDir = `${finalDir}.lock`;
  for (;;) {
    const ready = await loadManifest(finalDir);
    if (ready) return ready;
    if (await tryLock(lockDir)) break;
    await new Promise((resolve) => setTimeout(resolve, 300));
  }
  try {
    const ready = await loadManifest(finalDir);
    if (ready) return ready;
    const tmpDir = `${finalDir}.tmp-${process.pid}-${randomBytes(4).toString('hex')}`;
    await mkdir(tmpDir, { recursive: true });
    try {
      await generate(tmpDir, opts);
      await rename(tmpDir, finalDir).catch(async (err: NodeJS.ErrnoException) => {
        // Someone else won the race despite the lock (stale-lock takeover): keep theirs.
        if (err.code !== 'ENOTEMPTY' && err.code !== 'EEXIST') throw err;
      });
    } finally {
      await rm(tmpDir, { recursive: true, force: true });
    }
    const clip = await loadManifest(finalDir);
    if (!clip) throw new Error(`clip ${opts.name} was generated but its manifest is missing`);
    return clip;
  } finally {
    await rm(lockDir, { recursive: true, force: true });
  }
}

async function tryLock(lockDir: string): Promise<boolean> {
  try {
    await mkdir(lockDir);
    await writeFile(path.join(lockDir, 'owner'), String(process.pid));
    return true;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
  }
  if (await isStale(lockDir)) await rm(lockDir, { recursive: true, force: true });
  return false;
}

async function isStale(lockDir: string): Promise<boolean> {
  try {
    const info = await stat(lockDir);
    if (Date.now() - info.mtimeMs > LOCK_STALE_MS) return true;
    const pid = Number(await readFile(path.join(lockDir, 'owner'), 'utf8'));
    if (!pid) return Date.now() - info.mtimeMs > 5000;
    process.kill(pid, 0);
    return false;
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    // ESRCH: the owner died; ENOENT: lock released or owner file not written yet.
    return code === 'ESRCH';
  }
}

interface StoredVariant extends Omit<ClipVariant, 'mp4' | 'segmentDir' | 'singleFile'> {
  mp4: string;
  segmentDir: string;
  singleFile: string;
}

async function loadManifest(dir: string): Promise<Clip | undefined> {
  let raw: string;
  try {
    raw = await readFile(path.join(dir, MANIFEST), 'utf8');
  } catch {
    return undefined;
  }
  const stored = JSON.parse(raw) as Omit<Clip, 'dir' | 'variants'> & { variants: StoredVariant[] };
  return {
    ...stored,
    dir,
    variants: stored.variants.map((v) => ({
      ...v,
      mp4: path.join(dir, v.mp4),
      segmentDir: path.join(dir, v.segmentDir),
      singleFile: path.join(dir, v.singleFile),
    })),
  };
}

async function generate(dir: string, opts: ReturnType<typeof normalize>): Promise<void> {
  const top = opts.heights[0];
  const topPixels = widthFor(top) * top;
  const gop = Math.max(1, Math.round(opts.fps * opts.segmentSec));
  const split = opts.heights.map((_, i) => `[s${i}]`).join('');
  const scales = opts.heights.map((h, i) => `[s${i}]scale=${widthFor(h)}:${h}[o${i}]`).join(';');
  const args = [
    '-f',
    'lavfi',
    '-i',
    `testsrc2=size=${widthFor(top)}x${top}:rate=${opts.fps}`,
    '-f',
    'lavfi',
    '-i',
    'sine=frequency=440:beep_factor=4:sample_rate=48000',
    '-filter_complex',
    `[0:v]split=${opts.heights.length}${split};${scales}`,
  ];
  for (const [i, h] of opts.heights.entries()) {
    const kbps = Math.max(150, Math.round((opts.videoKbps * widthFor(h) * h) / topPixels));
    args.push(
      '-map',
      `[o${i}]`,
      '-map',
      '1:a',
      '-t',
      String(opts.durationSec),
      '-c:v',
      'libx264',
      '-preset',
      opts.preset,
      '-pix_fmt',
      'yuv420p',
      '-b:v',
      `${kbps}k`,
      '-maxrate',
      `${kbps}k`,
      '-bufsize',
      `${kbps * 2}k`,
      '-g',
      String(gop),
      '-keyint_min',
      String(gop),
      '-sc_threshold',
      '0',
      '-force_key_frames',
      `expr:gte(t,n_forced*${opts.segmentSec})`,
      '-c:a',
      'aac',
      '-b:a',
      '96k',
      '-ac',
      '2',
      '-movflags',
      '+faststart',
      path.join(dir, `${h}p.mp4`),
    );
  }
  await runFfmpeg(args);

  const variants: StoredVariant[] = [];
  for (const h of opts.heights) {
    const mp4 = `${h}p.mp4`;
    const segmentDir = `${h}p`;
    await mkdir(path.join(dir, segmentDir));
    const hls = [
      '-i',
      path.join(dir, mp4),
      '-c',
      'copy',
      '-f',
      'hls',
      '-hls_time',
      String(opts.segmentSec),
    ];
    await runFfmpeg([
      ...hls,
      '-hls_playlist_type',
      'vod',
      '-hls_list_size',
      '0',
      '-hls_segment_filename',
      path.join(dir, segmentDir, 'seg_%03d.ts'),
      path.join(dir, segmentDir, 'ffmpeg.m3u8'),
    ]);
    await runFfmpeg([
      ...hls,
      '-hls_playlist_type',
      'vod',
      '-hls_list_size',
      '0',
      '-hls_flags',
      'single_file',
      path.join(dir, segmentDir, 'single.m3u8'),
    ]);
    const segments = parseSegments(
      await readFile(path.join(dir, segmentDir, 'ffmpeg.m3u8'), 'utf8'),
    );
    const byteRanges = parseByteRanges(
      await readFile(path.join(dir, segmentDir, 'single.m3u8'), 'utf8'),
    );
    const size = (await stat(path.join(dir, mp4))).size;
    variants.push({
      height: h,
      width: widthFor(h),
      bandwidth: Math.round(((size * 8) / opts.durationSec) * 1.2),
      mp4,
      segmentDir,
      segments,
      singleFile: path.join(segmentDir, 'single.ts'),
      byteRanges,
      targetDurationSec: Math.ceil(Math.max(...segments.map((s) => s.durationSec))),
    });
  }
  const manifest = {
    name: opts.name,
    durationSec: opts.durationSec,
    segmentSec: opts.segmentSec,
    variants,
  };
  await writeFile(path.join(dir, MANIFEST), JSON.stringify(manifest, null, 2));
}

function parseSegments(playlist: string): SegmentInfo[] {
  const out: SegmentInfo[] = [];
  let duration = 0;
  for (const line of playlist.split(/\r?\n/)) {
    if (line.startsWith('#EXTINF:')) duration = parseFloat(line.slice(8));
    else if (line && !line.startsWith('#')) out.push({ uri: line.trim(), durationSec: duration });
  }
  return out;
}

function parseByteRanges(playlist: string): ByteRangeSegment[] {
  const out: ByteRangeSegment[] = [];
  let duration = 0;
  let range: [number, number] = [0, 0];
  for (const line of playlist.split(/\r?\n/)) {
    if (line.startsWith('#EXTINF:')) duration = parseFloat(line.slice(8));
    else if (line.startsWith('#EXT-X-BYTERANGE:')) {
      const [len, off] = line.slice(17).split('@').map(Number);
      range = [len, off];
    } else if (line && !line.startsWith('#'))
      out.push({ durationSec: duration, length: range[0], offset: range[1] });
  }
  return out;
}
