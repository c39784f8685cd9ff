import { promises as fs } from 'node:fs';
import { basename, dirname, extname, join } from 'node:path';
import type { StreamDescriptor } from '@aniworld/contracts';
import { locateMediaTool } from './media/binaries';
import { muxerFor, probe } from './media/ffmpeg';

/**
 * The engine's file layout: every file a download writes next to its target before the atomic
 * rename. It is named here once, so that whoever cleans up after a cancelled download, or scans
 * a directory, asks the engine instead of guessing names.
 *
 *   <target>.part                  the stream as fetched when no remux is needed, and the remux output
 *   <target>.<ts|mp4>.part         the stream as fetched when the target's container differs
 *   <part>.json, <part>.json.tmp   resume state and its atomic-write temporary
 *   <part>.seg<N>[p<M>]            HLS spill files: segments (or pieces) finished out of order
 */

/** Paths of one download: where bytes land, what gets remuxed, what the caller finally sees. */
export interface DownloadPaths {
  /** The stream as fetched (TS for HLS, MP4 for mp4), resumable, with `<part>.json` beside it. */
  part: string;
  state: string;
  /** Container the stream is fetched in. */
  native: 'ts' | 'mp4';
  /** Container the caller asked for (from the target extension). */
  requested: string;
  needsRemux: boolean;
}

export function planPaths(kind: StreamDescriptor['kind'], target: string): DownloadPaths {
  const native = kind === 'hls' ? 'ts' : 'mp4';
  const requested = extname(target).slice(1).toLowerCase();
  const muxer = muxerFor(requested);
  const needsRemux = muxer !== undefined && muxer !== muxerFor(native);
  const part = needsRemux ? `${target}.${native}.part` : `${target}.part`;
  return { part, state: stateFileOf(part), native, requested, needsRemux };
}

export function stateFileOf(part: string): string {
  return `${part}.json`;
}

export function spillPathFor(part: string, index: number, piece: number): string {
  return `${part}.seg${index}${piece ? `p${piece}` : ''}`;
}

const SPILL = /\.part\.seg\d+(?:p\d+)?$/;
const PARTIAL = /\.part(?:\.json(?:\.tmp)?)?$/;

/** Whether a file name (or path) is one of the engine's unfinished files. */
export function isPartialFile(name: string): boolean {
  return PARTIAL.test(name) || SPILL.test(name);
}

/** Removes the spill files of one part file (a crash can leave some behind). */
export async function removeSpillFiles(part: string): Promise<void> {
  const prefix = `${basename(part)}.seg`;
  const names = await fs.readdir(dirname(part)).catch(() => [] as string[]);
  await Promise.all(
    names
      .filter((n) => n.startsWith(prefix) && /^\d+(p\d+)?$/.test(n.slice(prefix.length)))
      .map((n) => fs.rm(join(dirname(part), n), { force: true }).catch(() => undefined)),
  );
}

/**
 * Deletes everything an unfinished download to `target` left behind, whichever stream kind and
 * container it had; the target itself and unrelated files stay. For a download that will not be
 * resumed (a removed queue item): a resumable one needs these files.
 */
export async function discardPartials(target: string): Promise<void> {
  for (const part of [`${target}.part`, `${target}.ts.part`, `${target}.mp4.part`]) {
    for (const file of [part, stateFileOf(part), `${stateFileOf(part)}.tmp`])
      await fs.rm(file, { force: true }).catch(() => undefined);
    await removeSpillFiles(part);
  }
}

/**
 * Whether `path` holds a complete video, e.g. a file found at the target after a crash that
 * happened after the rename: ffprobe must read it and find a video stream. Without ffprobe a
 * non-empty file is trusted (the engine only ever renames complete files onto a target).
 */
export async function isCompleteVideo(
  path: string,
  ffprobePath: string | null = locateMediaTool('ffprobe'),
): Promise<boolean> {
  const size = await fs.stat(path).then(
    (s) => (s.isFile() ? s.size : 0),
    () => 0,
  );
  if (size === 0) return false;
  if (!ffprobePath) return true;
  try {
    return (await probe(ffprobePath, path)).hasVideo;
  } catch {
    return false;
  }
}
