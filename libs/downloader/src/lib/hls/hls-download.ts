import { promises as fs } from 'node:fs';
import type { FileHandle } from 'node:fs/promises';
import { retryOptions, type EngineContext, type StageResult } from '../core/context';
import { Aborted, IncompleteDownload, mapFsError, NetworkError } from '../core/errors';
import { withRetry } from '../core/retry';
import { readState, StateSaver, STATE_VERSION, type HlsState } from '../core/state-file';
import { headerValue } from '../http/client';
import { OrderedWriter } from './ordered-writer';
import type { MediaPlaylist, Segment } from './playlist';
import { decryptAes128, gunzipIfNeeded, ivForSegment, stripFakeHeader } from './segment-data';

/** Reorder buffer cap: with 10 MB segments (high bitrate, 6 s) a count window alone would hold 160 MB. */
const MAX_BUFFERED_BYTES = 32 * 1024 * 1024;

export interface HlsStageOptions {
  fingerprint: string;
  /** Bits per second of the chosen variant, for the first size estimate. */
  bandwidth?: number;
}

/** Estimates the total size from the segments finished so far (bytes per second of media). */
class SizeEstimator {
  private bytes = 0;
  private seconds = 0;

  constructor(
    private readonly media: MediaPlaylist,
    private readonly bandwidth?: number,
  ) {}

  exact(): number | null {
    const segs = this.media.segments;
    return segs.every((s) => s.byteRange) ? segs.reduce((n, s) => n + (s.byteRange?.length ?? 0), 0) : null;
  }

  record(bytes: number, seconds: number): void {
    this.bytes += bytes;
    this.seconds += seconds;
  }

  estimate(): number | null {
    const total = this.media.totalDuration;
    if (this.seconds > 0 && this.bytes > 0) return Math.round((this.bytes / this.seconds) * total);
    if (this.bandwidth) return Math.round((this.bandwidth / 8) * total);
    return null;
  }
}

export async function downloadHls(
  ctx: EngineContext,
  media: MediaPlaylist,
  partPath: string,
  opts: HlsStageOptions,
): Promise<StageResult & { segments: number }> {
  const statePath = `${partPath}.json`;
  const segments = media.segments;
  const count = segments.length;
  const previous = await readState(statePath);
  const partSize = await fs.stat(partPath).then((s) => s.size, () => -1);
  const resumable =
    previous?.kind === 'hls' && previous.fingerprint === opts.fingerprint && partSize >= previous.offset;
  const start = resumable ? previous.nextIndex : 0;
  const offset = resumable ? previous.offset : 0;

  let fh: FileHandle;
  try {
    fh = await fs.open(partPath, resumable ? 'r+' : 'w');
    // Bytes past the last confirmed segment may be a half-written one: cut them off.
    if (resumable) await fh.truncate(offset);
  } catch (err) {
    throw mapFsError(err, partPath);
  }
  if (resumable && start > 0) ctx.logger.info('resuming HLS', { segment: start, of: count, offset });

  const estimator = new SizeEstimator(media, opts.bandwidth);
  const exact = estimator.exact();
  if (start > 0 && offset > 0) {
    estimator.record(offset, segments.slice(0, start).reduce((s, seg) => s + seg.duration, 0));
  }
  ctx.progress.setTotal(exact ?? estimator.estimate(), exact === null);
  ctx.progress.addResumed(offset);
  ctx.progress.setSegments(start, count);
  ctx.progress.flush();

  const window = Math.max(ctx.connections * 2, ctx.connections + 4);
  let saver: StateSaver<HlsState> | undefined = undefined;
  const writer = new OrderedWriter(
    {
      write: async (data, position) => {
        try {
          await fh.write(data, 0, data.length, position);
        } catch (err) {
          throw mapFsError(err, partPath);
        }
      },
    },
    start,
    offset,
    window,
    (next) => {
      ctx.progress.setSegments(next, count);
      saver?.tick();
    },
    MAX_BUFFERED_BYTES,
  );
  saver = new StateSaver<HlsState>(
    statePath,
    () => ({
      version: STATE_VERSION,
      kind: 'hls',
      fingerprint: opts.fingerprint,
      nextIndex: writer.nextIndex,
      offset: writer.bytesWritten,
    }),
    () => fh.datasync(),
    ctx.stateIntervalMs,
  );

  const keys = new Map<string, Promise<Buffer>>();
  const keyFor = (url: string): Promise<Buffer> => {
    let p = keys.get(url);
    if (!p) {
      p = withRetry('key', async () => (await ctx.http.fetchBuffer(url)).data, retryOptions(ctx));
      // A failed key fetch must not poison later segments that use the same key.
      p.catch(() => keys.delete(url));
      keys.set(url, p);
    }
    return p;
  };

  let nextFetch = start;
  let firstError: unknown = null;
  const worker = async (): Promise<void> => {
    while (firstError === null) {
      const i = nextFetch++;
      if (i >= count) return;
      await writer.waitForSlot(i);
      const seg = segments[i];
      const { data, received } = await fetchSegment(ctx, seg, keyFor);
      writer.put(i, data);
      estimator.record(received, seg.duration);
      if (exact === null) ctx.progress.setTotal(estimator.estimate(), true);
    }
  };
  const guarded = async (): Promise<void> => {
    try {
      await worker();
    } catch (err) {
      if (firstError === null || (firstError instanceof Aborted && !(err instanceof Aborted))) firstError = err;
      writer.fail(err);
      ctx.abortAll();
    }
  };

  try {
    await Promise.all(Array.from({ length: Math.min(ctx.connections, Math.max(1, count - start)) }, guarded));
    if (firstError !== null) throw firstError;
    await writer.flush();
    if (writer.nextIndex !== count) throw new IncompleteDownload(count, writer.nextIndex);
    await fh.datasync();
    await fh.close();
    await saver.remove();
    return { bytes: writer.bytesWritten, resumedBytes: offset, segments: count };
  } catch (err) {
    await writer.flush().catch(() => undefined);
    await saver.flush().catch(() => undefined);
    await fh.close().catch(() => undefined);
    throw err;
  }
}

async function fetchSegment(
  ctx: EngineContext,
  seg: Segment,
  keyFor: (url: string) => Promise<Buffer>,
): Promise<{ data: Buffer; received: number }> {
  return withRetry(
    `segment ${seg.index}`,
    async () => {
      const range = seg.byteRange
        ? { start: seg.byteRange.offset, end: seg.byteRange.offset + seg.byteRange.length - 1 }
        : undefined;
      const res = await ctx.http.open(seg.url, { range });
      // With a Content-Length the body is copied into one buffer as it arrives: no chunk list
      // plus concatenated copy held at the same time.
      const declared = Number(headerValue(res.headers, 'content-length'));
      const into = Number.isSafeInteger(declared) && declared > 0 ? Buffer.allocUnsafe(declared) : null;
      const chunks: Buffer[] = [];
      let received = 0;
      try {
        await res.consume((c) => {
          if (into) {
            if (received + c.length > into.length) throw new NetworkError(seg.url, new Error('body longer than Content-Length'));
            c.copy(into, received);
          } else {
            chunks.push(c);
          }
          received += c.length;
          ctx.progress.add(c.length);
        });
      } catch (err) {
        ctx.progress.rollback(received);
        throw err;
      }
      let data: Buffer = into ? into.subarray(0, received) : Buffer.concat(chunks, received);
      if (seg.byteRange && res.status === 200) {
        // The server ignored Range and sent the whole file.
        data = data.subarray(seg.byteRange.offset, seg.byteRange.offset + seg.byteRange.length);
      }
      if (data.length === 0) throw new NetworkError(seg.url, new Error('empty segment body'));
      data = await gunzipIfNeeded(data, headerValue(res.headers, 'content-encoding'), !seg.key);
      if (seg.key) data = decryptAes128(data, await keyFor(seg.key.url), ivForSegment(seg.key.iv, seg.sequence));
      return { data: stripFakeHeader(data), received };
    },
    retryOptions(ctx),
  );
}
