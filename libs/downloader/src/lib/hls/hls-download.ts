import { promises as fs } from 'node:fs';
import type { FileHandle } from 'node:fs/promises';
import { retryOptions, type EngineContext, type StageResult } from '../core/context';
import { Aborted, IncompleteDownload, mapFsError } from '../core/errors';
import { writeAt } from '../core/write-at';
import { withRetry } from '../core/retry';
import { readState, StateSaver, STATE_VERSION, type HlsState } from '../core/state-file';
import { OrderedWriter } from './ordered-writer';
import type { FinishedSegment } from './ordered-writer';
import type { MediaPlaylist, Segment } from './playlist';
import { removeSpillFiles, spillPathFor } from '../layout';
import { JoinedSegment, MemoryBudget } from './segment-buffer';
import { fetchSegment, type FetchedSegment, type SegmentFetchDeps } from './segment-fetch';

/** Pieces per segment in the last waves: a quarter segment is the most a connection can idle at the end. */
const SPLIT_PIECES = 4;

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
    return segs.every((s) => s.byteRange)
      ? segs.reduce((n, s) => n + (s.byteRange?.length ?? 0), 0)
      : null;
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
  const partSize = await fs.stat(partPath).then(
    (s) => s.size,
    () => -1,
  );
  const resumable =
    previous?.kind === 'hls' &&
    previous.fingerprint === opts.fingerprint &&
    partSize >= previous.offset;
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
  if (resumable && start > 0)
    ctx.logger.info('resuming HLS', { segment: start, of: count, offset });

  const estimator = new SizeEstimator(media, opts.bandwidth);
  const exact = estimator.exact();
  if (start > 0 && offset > 0) {
    estimator.record(
      offset,
      segments.slice(0, start).reduce((s, seg) => s + seg.duration, 0),
    );
  }
  ctx.progress.setTotal(exact ?? estimator.estimate(), exact === null);
  ctx.progress.addResumed(offset);
  ctx.progress.setSegments(start, count);
  ctx.progress.flush();

  // Two requests per keep-alive connection (pipelining) hide each request's latency behind the
  // previous response's body; the writer's window leaves room for out-of-order completions on top.
  const workers = Math.max(1, Math.min(ctx.connections * ctx.pipelining, count - start));
  const window = 2 * workers;
  const budget = new MemoryBudget(ctx.hlsMemoryBudget);
  // Spill files only help the running download; a crash can leave some behind, so each run sweeps.
  await removeSpillFiles(partPath);
  let saver: StateSaver<HlsState> | undefined = undefined;
  const writer = new OrderedWriter(
    { write: (chunks, position) => writeAt(fh, chunks, position, partPath) },
    start,
    offset,
    window,
    (next) => {
      ctx.progress.setSegments(next, count);
      saver?.tick();
    },
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
  const deps: SegmentFetchDeps = {
    ctx,
    budget,
    keyFor,
    spillPath: (i, piece) => spillPathFor(partPath, i, piece),
    arriving: (i, data) => writer.arrivingInto(i, data),
  };

  // The last waves are fetched in pieces (Range requests, pipelined like the rest), so the
  // connections run out of work together: with whole segments the final wave leaves some of them
  // idle for up to a segment's time. Only for clear, unencoded segments of a server that answers
  // Range; the piece size is learned from the segments before.
  const splitFrom = count - 2 * ctx.connections;
  let pieceSize = 0;
  let canSplit = true;
  const learn = (r: FetchedSegment, seg: Segment): void => {
    canSplit &&= r.ranges && !r.encoded && !seg.key && !seg.byteRange;
    const size = Math.floor(r.received / SPLIT_PIECES);
    pieceSize = pieceSize === 0 ? size : Math.min(pieceSize, size);
  };
  type PieceTask = { run(): Promise<void>; cancel(err: unknown): void };
  const backPieces: PieceTask[] = [];

  let nextFetch = start;
  let firstError: unknown = null;
  const fail = async (err: unknown): Promise<void> => {
    if (firstError === null || (firstError instanceof Aborted && !(err instanceof Aborted)))
      firstError = err;
    ctx.abortAll();
    for (const piece of backPieces.splice(0)) piece.cancel(err);
    await writer.fail(err);
  };
  const finished = (
    i: number,
    seg: Segment,
    fetched: { data: FinishedSegment; received: number },
  ): void => {
    writer.put(i, fetched.data);
    estimator.record(fetched.received, seg.duration);
    if (exact === null) ctx.progress.setTotal(estimator.estimate(), true);
  };

  /**
   * Fetches the front piece of a split segment and queues the others for whichever worker is free
   * first (the owner included: every worker serves queued pieces before new segments). Resolves once
   * the front piece is in, with the join of all pieces still to come, so the owner goes back to work
   * at once: a worker that waited here for its back pieces would leave its connection's pipeline
   * empty, and each such gap costs a request's latency.
   */
  const startSplit = async (
    seg: Segment,
    size: number,
  ): Promise<{ joined: Promise<{ data: FinishedSegment; received: number }> }> => {
    const tasks: PieceTask[] = [];
    const backs = Array.from({ length: SPLIT_PIECES - 1 }, (_, k) => {
      const from = (k + 1) * size;
      const to = k === SPLIT_PIECES - 2 ? undefined : from + size;
      return new Promise<FetchedSegment>((resolve, reject) => {
        tasks.push({
          run: async () => {
            const piece = fetchSegment(deps, seg, { start: from, end: to });
            piece.then(resolve, reject);
            await piece;
          },
          cancel: reject,
        });
      });
    });
    for (const b of backs) b.catch(() => undefined);
    backPieces.push(...tasks);
    // Every piece either completes or rejects: queued ones are cancelled when the download fails.
    const discardAll = async (parts: Array<FetchedSegment | undefined>): Promise<void> => {
      for (const t of tasks) {
        const at = backPieces.indexOf(t);
        if (at >= 0) backPieces.splice(at, 1)[0].cancel(new Aborted());
      }
      await Promise.all(
        backs.map((b) =>
          b.then(
            (p) => p.data.discard(),
            () => undefined,
          ),
        ),
      );
      await Promise.all(parts.map((p) => p?.data.discard()));
    };
    let front: FetchedSegment;
    try {
      front = await fetchSegment(deps, seg, { start: 0, end: size });
    } catch (err) {
      await discardAll([]);
      throw err;
    }
    const joined = Promise.all(backs).then(
      (rest) => {
        const parts = [front, ...rest];
        return {
          data: new JoinedSegment(parts.map((p) => p.data)),
          received: parts.reduce((n, p) => n + p.received, 0),
        };
      },
      async (err: unknown) => {
        await discardAll([front]);
        throw err;
      },
    );
    // Wrapped: an async function would otherwise wait for the promise it returns.
    return { joined };
  };
  const joins: Promise<void>[] = [];
  const worker = async (): Promise<void> => {
    while (firstError === null) {
      const piece = backPieces.shift();
      if (piece) {
        await piece.run();
        continue;
      }
      const i = nextFetch++;
      if (i >= count) return;
      await writer.waitForSlot(i);
      const seg = segments[i];
      if (i >= splitFrom && canSplit && pieceSize > 0 && !seg.key && !seg.byteRange) {
        const { joined } = await startSplit(seg, pieceSize);
        joins.push(joined.then((f) => finished(i, seg, f)).catch(fail));
      } else {
        const whole = await fetchSegment(deps, seg);
        learn(whole, seg);
        finished(i, seg, whole);
      }
    }
  };
  const guarded = async (): Promise<void> => {
    try {
      await worker();
    } catch (err) {
      await fail(err);
    }
  };

  try {
    await Promise.all(Array.from({ length: workers }, guarded));
    // Workers return when nothing is left to start; pieces still arriving finish their segments here.
    await Promise.all(joins);
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
  } finally {
    await removeSpillFiles(partPath);
  }
}
