import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { STATE_VERSION, writeStateAtomic } from './core/state-file';
import {
  discardPartials,
  isCompleteVideo,
  isPartialFile,
  planPaths,
  spillPathFor,
  stateFileOf,
} from './layout';
import { locateMediaTool } from './media/binaries';

let dir: string;
beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'layout-'))));
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const touch = (name: string, content = 'x') => writeFileSync(join(dir, name), content);

describe('the file layout', () => {
  it('names every unfinished file of both layouts as partial, and nothing else', () => {
    const target = join(dir, 'Show - S01E02.mp4');
    const hls = planPaths('hls', target);
    const mp4 = planPaths('mp4', target);
    const mkvMp4 = planPaths('mp4', join(dir, 'Show - S01E02.mkv'));
    const partial = [
      hls.part,
      hls.state,
      `${hls.state}.tmp`,
      spillPathFor(hls.part, 7, 0),
      spillPathFor(hls.part, 12, 3),
      mp4.part,
      mp4.state,
      mkvMp4.part,
    ];
    expect(hls.part).toBe(`${target}.ts.part`);
    expect(partial.filter((p) => !isPartialFile(p))).toEqual([]);
    expect(
      [target, join(dir, 'Show - S01E02.ts'), join(dir, 'notes.json'), `${target}.segment`].filter(
        isPartialFile,
      ),
    ).toEqual([]);
  });

  it('discards what a download to one target left, spill files included, and nothing else', async () => {
    const target = join(dir, 'Show - S01E02.mp4');
    const hls = planPaths('hls', target);
    for (const p of [
      hls.part,
      stateFileOf(hls.part),
      `${stateFileOf(hls.part)}.tmp`,
      spillPathFor(hls.part, 3, 0),
      spillPathFor(hls.part, 4, 2),
      `${target}.part`,
      `${target}.part.json`,
      `${target}.mp4.part`,
    ])
      writeFileSync(p, 'x');
    touch('Show - S01E02.mp4', 'the finished file');
    touch('Show - S01E03.mp4.ts.part');
    touch('Show - S01E03.mp4.ts.part.seg3');
    touch('Show - S01E02.mp4.ts.part.segments.txt');

    await discardPartials(target);

    expect(readdirSync(dir).sort()).toEqual([
      'Show - S01E02.mp4',
      'Show - S01E02.mp4.ts.part.segments.txt',
      'Show - S01E03.mp4.ts.part',
      'Show - S01E03.mp4.ts.part.seg3',
    ]);
  });

  it('discards the state file the engine itself writes', async () => {
    const target = join(dir, 'Film.mp4');
    const { part, state } = planPaths('mp4', target);
    touch('Film.mp4.part');
    await writeStateAtomic(state, { version: STATE_VERSION, kind: 'mp4', size: 1, done: [[0, 1]] });
    expect(readdirSync(dir).filter(isPartialFile).sort()).toEqual(
      [part, state].map((p) => p.slice(dir.length + 1)).sort(),
    );
    await discardPartials(target);
    expect(readdirSync(dir)).toEqual([]);
  });
});

describe('isCompleteVideo', () => {
  const ffmpeg = locateMediaTool('ffmpeg');
  const ffprobe = locateMediaTool('ffprobe');

  it('needs a readable video stream when ffprobe is there', async () => {
    if (!ffmpeg || !ffprobe) throw new Error('ffmpeg and ffprobe are needed for this test');
    const video = join(dir, 'clip.mp4');
    execFileSync(ffmpeg, [
      '-v',
      'error',
      '-f',
      'lavfi',
      '-i',
      'testsrc=duration=1:size=64x48:rate=10',
      '-pix_fmt',
      'yuv420p',
      video,
    ]);
    touch('audio-only.txt', 'not a video at all');
    touch('empty.mp4', '');
    expect(await isCompleteVideo(video, ffprobe)).toBe(true);
    expect(await isCompleteVideo(join(dir, 'audio-only.txt'), ffprobe)).toBe(false);
    expect(await isCompleteVideo(join(dir, 'empty.mp4'), ffprobe)).toBe(false);
    expect(await isCompleteVideo(join(dir, 'missing.mp4'), ffprobe)).toBe(false);
    expect(await isCompleteVideo(dir, ffprobe)).toBe(false);
  });

  it('trusts a non-empty file without ffprobe, since only complete files are renamed onto targets', async () => {
    touch('file.mp4', 'bytes');
    touch('empty.mp4', '');
    expect(await isCompleteVideo(join(dir, 'file.mp4'), null)).toBe(true);
    expect(await isCompleteVideo(join(dir, 'empty.mp4'), null)).toBe(false);
  });
});
