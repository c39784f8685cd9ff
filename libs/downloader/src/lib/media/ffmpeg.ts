import { spawn } from 'node:child_process';
import { Aborted, DiskFull, PermissionDenied, VerificationFailed } from '../core/errors';

interface RunResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

function run(bin: string, args: string[], signal?: AbortSignal): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    // C locale: write errors are recognised by their strerror text (see remuxFailure).
    const env = { ...process.env, LC_ALL: 'C' };
    const child = spawn(bin, args, { stdio: ['ignore', 'pipe', 'pipe'], signal, env });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => {
      // Keep the tail only: ffmpeg can be chatty on long inputs.
      stderr = (stderr + d).slice(-8000);
    });
    child.on('error', (err) => reject(signal?.aborted ? new Aborted() : err));
    child.on('close', (code) =>
      signal?.aborted ? reject(new Aborted()) : resolve({ code, stdout, stderr }),
    );
  });
}

const MUXER: Record<string, string> = {
  mp4: 'mp4',
  m4v: 'mp4',
  mov: 'mov',
  mkv: 'matroska',
  ts: 'mpegts',
};

export function muxerFor(container: string): string | undefined {
  return MUXER[container];
}

/** Stream copy into another container; no re-encoding, so it runs at disk speed. */
export async function remux(
  ffmpeg: string,
  input: string,
  output: string,
  container: string,
  signal?: AbortSignal,
): Promise<void> {
  const muxer = muxerFor(container);
  if (!muxer) throw new Error(`no muxer for .${container}`);
  // Data streams (ID3 timed metadata in TS) cannot go into MP4; video and audio are what matter.
  const args = [
    '-hide_banner',
    '-loglevel',
    'error',
    '-y',
    '-i',
    input,
    '-map',
    '0:v?',
    '-map',
    '0:a?',
  ];
  args.push('-c', 'copy', '-f', muxer, output);
  const r = await run(ffmpeg, args, signal);
  if (r.code !== 0) throw remuxFailure(r.stderr, output);
}

/**
 * A remux writes a second copy of the stream, so it is where a nearly full disk runs out: that is
 * the caller's disk (DiskFull, PermissionDenied), not bad media. ffmpeg only reports the errno text.
 */
export function remuxFailure(stderr: string, output: string): Error {
  if (/No space left on device|Disk quota exceeded/.test(stderr)) return new DiskFull(output);
  if (/Permission denied|Read-only file system|Operation not permitted/.test(stderr))
    return new PermissionDenied(output);
  return new VerificationFailed(`ffmpeg remux failed: ${stderr.trim().split('\n').pop() ?? ''}`);
}

export interface ProbeInfo {
  durationSec: number | null;
  hasVideo: boolean;
}

export async function probe(
  ffprobe: string,
  file: string,
  signal?: AbortSignal,
): Promise<ProbeInfo> {
  const r = await run(
    ffprobe,
    ['-v', 'error', '-show_entries', 'format=duration:stream=codec_type', '-of', 'json', file],
    signal,
  );
  if (r.code !== 0)
    throw new VerificationFailed(`ffprobe cannot read the file: ${r.stderr.trim()}`);
  const json = JSON.parse(r.stdout) as {
    format?: { duration?: string };
    streams?: { codec_type?: string }[];
  };
  const d = Number(json.format?.duration);
  return {
    durationSec: Number.isFinite(d) ? d : null,
    hasVideo: (json.streams ?? []).some((s) => s.codec_type === 'video'),
  };
}
