import { setMaxListeners } from 'node:events';
import { promises as fs } from 'node:fs';
import { dirname, extname } from 'node:path';
import type { StreamDescriptor } from '@aniworld/contracts';
import type { EngineContext } from './core/context';
import { Aborted, LinkExpired, mapFsError, VerificationFailed } from './core/errors';
import { ProgressTracker } from './core/progress';
import { silentLogger, type DownloadOptions, type DownloadResult } from './core/types';
import { downloadHls } from './hls/hls-download';
import { fingerprint, resolveHls } from './hls/resolve';
import { HttpClient } from './http/client';
import { TokenBucket } from './http/token-bucket';
import { locateMediaTool } from './media/binaries';
import { probe, remux } from './media/ffmpeg';
import { planPaths, type DownloadPaths } from './layout';
import { downloadMp4 } from './mp4/mp4-download';

const DEFAULTS = {
  connections: 8,
  maxAttempts: 6,
  retryBaseDelayMs: 500,
  stallTimeoutMs: 20_000,
  minThroughput: { bytesPerSecond: 1024, windowMs: 60_000 },
  stateIntervalMs: 500,
  pipelining: 2,
  memoryBudget: 32 * 1024 * 1024,
};

/**
 * Downloads one stream to `targetPath`. Bytes go to a `.part` file next to it; the final name
 * only ever appears by an atomic rename of a complete, verified file.
 *
 * Failure policy: on `Aborted` and `LinkExpired` the `.part` and its state file stay so that the
 * next call (after re-resolving the link) resumes; a crash or kill leaves them too. Any other
 * failure removes them (the data is suspect or the disk is full), unless keepPartialOnFailure.
 */
export async function download(
  descriptor: StreamDescriptor,
  targetPath: string,
  options: DownloadOptions = {},
): Promise<DownloadResult> {
  const started = performance.now();
  const logger = options.logger ?? silentLogger;
  const connections = Math.max(1, Math.floor(options.connections ?? DEFAULTS.connections));
  const paths = planPaths(descriptor.kind, targetPath);
  const warnings: string[] = [];

  const internal = new AbortController();
  // Every request in flight listens on it (connections × pipelining of them, plus keys/playlists).
  setMaxListeners(0, internal.signal);
  const onAbort = (): void => internal.abort();
  if (options.signal?.aborted) throw new Aborted();
  options.signal?.addEventListener('abort', onAbort, { once: true });

  // Only HLS pipelines: an MP4 part is one long response, and a request queued behind it would wait
  // for the whole part instead of taking a free connection.
  const pipelining =
    descriptor.kind === 'hls'
      ? Math.max(1, Math.floor(options.pipelining ?? DEFAULTS.pipelining))
      : 1;
  const http = new HttpClient({
    headers: descriptor.headers ?? {},
    maxConnectionsPerHost: Math.max(1, options.maxConnectionsPerHost ?? connections),
    pipelining,
    stallTimeoutMs: options.stallTimeoutMs ?? DEFAULTS.stallTimeoutMs,
    minThroughput: minThroughputFor(options),
    bucket: options.bandwidthLimit ? new TokenBucket(options.bandwidthLimit) : undefined,
    signal: internal.signal,
  });
  const ctx: EngineContext = {
    http,
    logger,
    signal: internal.signal,
    progress: new ProgressTracker({ onProgress: options.onProgress }),
    retry: {
      maxAttempts: options.maxAttempts ?? DEFAULTS.maxAttempts,
      baseDelayMs: options.retryBaseDelayMs ?? DEFAULTS.retryBaseDelayMs,
    },
    connections,
    pipelining,
    hlsMemoryBudget: Math.max(1024 * 1024, options.memoryBudget ?? DEFAULTS.memoryBudget),
    abortAll: () => internal.abort(),
    stateIntervalMs: DEFAULTS.stateIntervalMs,
  };

  try {
    await fs.mkdir(dirname(targetPath), { recursive: true }).catch((err: unknown) => {
      throw mapFsError(err, dirname(targetPath));
    });
    let expectedDuration = options.expectedDurationSec;
    let stage: { bytes: number; resumedBytes: number; segments?: number };
    let variant: DownloadResult['variant'];
    if (descriptor.kind === 'hls') {
      const hls = await resolveHls(ctx, descriptor.url, options.preferredHeight);
      variant = {
        url: hls.mediaUrl,
        bandwidth: hls.variant?.bandwidth,
        height: hls.variant?.height,
      };
      expectedDuration ??= hls.media.totalDuration;
      stage = await downloadHls(ctx, hls.media, paths.part, {
        fingerprint: fingerprint(hls.media),
        bandwidth: hls.variant?.bandwidth,
      });
    } else {
      stage = await downloadMp4(ctx, descriptor.url, paths.part);
    }
    ctx.progress.flush();

    const finished = await finish(
      paths,
      targetPath,
      options,
      expectedDuration,
      warnings,
      internal.signal,
    );
    logger.info('download finished', { path: finished.path, bytes: finished.bytes });
    return {
      path: finished.path,
      kind: descriptor.kind,
      bytes: finished.bytes,
      durationMs: Math.round(performance.now() - started),
      container: finished.container,
      remuxed: finished.remuxed,
      resumed: stage.resumedBytes > 0,
      resumedBytes: stage.resumedBytes,
      variant,
      segments: stage.segments,
      verification: finished.verification,
      warnings,
    };
  } catch (err) {
    const error = options.signal?.aborted ? new Aborted() : err;
    const resumable = error instanceof Aborted || error instanceof LinkExpired;
    if (!resumable && !options.keepPartialOnFailure) await removeTemps(paths, targetPath);
    logger.warn('download failed', { error: (error as Error).message, keptPartial: resumable });
    throw error;
  } finally {
    options.signal?.removeEventListener('abort', onAbort);
    await http.close();
  }
}

async function finish(
  paths: DownloadPaths,
  target: string,
  options: DownloadOptions,
  expectedDuration: number | undefined,
  warnings: string[],
  signal: AbortSignal,
): Promise<{
  path: string;
  bytes: number;
  container: string;
  remuxed: boolean;
  verification: DownloadResult['verification'];
}> {
  let file = paths.part;
  let finalPath = target;
  let container = paths.requested || paths.native;
  let remuxed = false;
  if (paths.needsRemux) {
    const ffmpeg =
      options.ffmpegPath !== undefined ? options.ffmpegPath : locateMediaTool('ffmpeg');
    if (ffmpeg) {
      const out = `${target}.part`;
      await remux(ffmpeg, paths.part, out, paths.requested, signal);
      await fs.rm(paths.part, { force: true });
      file = out;
      remuxed = true;
    } else {
      finalPath = target.slice(0, target.length - extname(target).length) + `.${paths.native}`;
      container = paths.native;
      warnings.push(
        `ffmpeg not found: kept the .${paths.native} stream as ${finalPath} instead of .${paths.requested}`,
      );
    }
  }

  let verification: DownloadResult['verification'] = { status: 'skipped', reason: 'disabled' };
  if (options.verify !== false) {
    const ffprobe =
      options.ffprobePath !== undefined ? options.ffprobePath : locateMediaTool('ffprobe');
    if (!ffprobe) {
      verification = { status: 'skipped', reason: 'ffprobe not found' };
      warnings.push('ffprobe not found: the file was not verified');
    } else {
      const info = await probe(ffprobe, file, signal);
      if (!info.hasVideo) throw new VerificationFailed('no video stream');
      if (
        expectedDuration !== undefined &&
        info.durationSec !== null &&
        Math.abs(info.durationSec - expectedDuration) > 2
      ) {
        throw new VerificationFailed(
          `duration ${info.durationSec.toFixed(1)} s, expected ${expectedDuration.toFixed(1)} s`,
        );
      }
      verification = { status: 'passed', durationSec: info.durationSec ?? undefined };
    }
  }
  const { size } = await fs.stat(file);
  try {
    await fs.rename(file, finalPath);
  } catch (err) {
    throw mapFsError(err, finalPath);
  }
  return { path: finalPath, bytes: size, container, remuxed, verification };
}

async function removeTemps(paths: DownloadPaths, target: string): Promise<void> {
  for (const p of [paths.part, paths.state, `${paths.state}.tmp`, `${target}.part`]) {
    await fs.rm(p, { force: true }).catch(() => undefined);
  }
}

/** The throughput rule, never stricter than half the user's own bandwidth limit. */
function minThroughputFor(options: DownloadOptions): DownloadOptions['minThroughput'] {
  const rule = options.minThroughput === undefined ? DEFAULTS.minThroughput : options.minThroughput;
  if (!rule || !options.bandwidthLimit) return rule;
  return { ...rule, bytesPerSecond: Math.min(rule.bytesPerSecond, options.bandwidthLimit / 2) };
}
