import { promises as fs } from 'node:fs';
import { writeAt } from '../core/write-at';
import type { FileHandle } from 'node:fs/promises';
import { retryOptions, type EngineContext, type StageResult } from '../core/context';
import { IncompleteDownload, InvalidMedia, mapFsError, NetworkError } from '../core/errors';
import { withRetry } from '../core/retry';
import { readState, StateSaver, STATE_VERSION, type Mp4State } from '../core/state-file';
import { headerValue, type OpenResponse } from '../http/client';
import { addInterval, coveredBytes, missingIntervals, planParts, type Interval } from './ranges';

/** Received bytes are written in blocks of this size: few syscalls, bounded memory per connection. */
const WRITE_BLOCK = 1024 * 1024;
const MIN_PART = 1024 * 1024;
/** Slow connections still flush this often, so a kill loses little of what arrived. */
const WRITE_MAX_DELAY_MS = 200;

interface Probe {
  size: number | null;
  ranges: boolean;
  etag?: string;
  lastModified?: string;
  /** Open 200 response to read as the single stream when the server ignores Range. */
  response?: OpenResponse;
}

/**
 * An open-ended ranged GET: its headers tell size and Range support, and its body is the first
 * part (or the single stream when the server ignores Range), so probing costs no extra round trip.
 */
export async function probeMp4(ctx: EngineContext, url: string, openEnded = true): Promise<Probe> {
  const range = openEnded ? { start: 0 } : { start: 0, end: 0 };
  const res = await withRetry('probe', () => ctx.http.open(url, { range }), retryOptions(ctx));
  const etag = headerValue(res.headers, 'etag');
  const lastModified = headerValue(res.headers, 'last-modified');
  if (res.status === 206) {
    const m = /^bytes 0-\d+\/(\d+)\s*$/.exec(headerValue(res.headers, 'content-range') ?? '');
    if (m && !openEnded) await res.consume(() => undefined);
    if (m)
      return {
        size: Number(m[1]),
        ranges: true,
        etag,
        lastModified,
        response: openEnded ? res : undefined,
      };
    // 206 without a total: read the file again as one stream.
    res.cancel();
    return { size: null, ranges: false, etag, lastModified };
  }
  const len = headerValue(res.headers, 'content-length');
  return { size: len ? Number(len) : null, ranges: false, etag, lastModified, response: res };
}

export async function downloadMp4(
  ctx: EngineContext,
  url: string,
  partPath: string,
): Promise<StageResult> {
  // Resuming: byte 0 is probably on disk, so a 1-byte probe wastes nothing on the wire.
  const resuming = (await readState(`${partPath}.json`))?.kind === 'mp4';
  const probe = await probeMp4(ctx, url, !resuming);
  if (!probe.ranges || probe.size === null) {
    ctx.logger.info('server does not support ranges; downloading as one stream');
    return downloadSingle(ctx, url, partPath, probe);
  }
  try {
    return await downloadRanged(ctx, url, partPath, { ...probe, size: probe.size });
  } finally {
    probe.response?.cancel();
  }
}

async function openPart(path: string, fresh: boolean): Promise<FileHandle> {
  try {
    return await fs.open(path, fresh ? 'w' : 'r+');
  } catch (err) {
    throw mapFsError(err, path);
  }
}

class Part {
  constructor(
    public pos: number,
    public end: number,
  ) {}
  get remaining(): number {
    return this.end - this.pos;
  }
}

async function downloadRanged(
  ctx: EngineContext,
  url: string,
  partPath: string,
  probe: Probe & { size: number },
): Promise<StageResult> {
  const statePath = `${partPath}.json`;
  const size = probe.size;
  const previous = await readState(statePath);
  const partExists = await fs.stat(partPath).then(
    () => true,
    () => false,
  );
  const sameSource =
    previous?.kind === 'mp4' &&
    previous.size === size &&
    (!previous.etag || !probe.etag || previous.etag === probe.etag);
  const done: Interval[] =
    sameSource && partExists ? previous.done.map(([s, e]) => [s, e] as Interval) : [];
  const resumedBytes = coveredBytes(done);
  if (resumedBytes > 0) ctx.logger.info('resuming', { resumedBytes, size });
  ctx.progress.setTotal(size);
  ctx.progress.addResumed(resumedBytes);
  ctx.progress.flush();

  const fh = await openPart(partPath, resumedBytes === 0);
  const saver = new StateSaver<Mp4State>(
    statePath,
    () => ({
      version: STATE_VERSION,
      kind: 'mp4',
      size,
      etag: probe.etag,
      lastModified: probe.lastModified,
      done: done.map(([s, e]) => [s, e]),
    }),
    () => fh.datasync(),
    ctx.stateIntervalMs,
  );
  const queue = planParts(missingIntervals(done, size), ctx.connections, MIN_PART).map(
    ([s, e]) => new Part(s, e),
  );
  const active = new Set<Part>();

  const write = async (chunks: Buffer[], pos: number, len: number): Promise<void> => {
    await writeAt(fh, chunks, pos, partPath);
    addInterval(done, pos, pos + len);
    saver.tick();
  };

  // A worker that runs out of work takes the back half of the largest part still running.
  const nextPart = (): Part | undefined => {
    const queued = queue.shift();
    if (queued) return queued;
    let biggest: Part | undefined;
    for (const p of active) if (!biggest || p.remaining > biggest.remaining) biggest = p;
    if (!biggest || biggest.remaining < 4 * MIN_PART) return undefined;
    const mid = biggest.pos + Math.floor(biggest.remaining / 2);
    const stolen = new Part(mid, biggest.end);
    biggest.end = mid;
    return stolen;
  };

  let opening = probe.response;
  if (!queue.some((p) => p.pos === 0)) {
    // Resuming with byte 0 on disk: release the probe's connection for the workers now.
    opening?.cancel();
    opening = undefined;
  }
  const worker = async (): Promise<void> => {
    for (let part = nextPart(); part; part = nextPart()) {
      active.add(part);
      // The probe's open body starts at byte 0: it serves the part that starts there.
      const initial = part.pos === 0 ? opening : undefined;
      if (initial) opening = undefined;
      try {
        await fetchPart(ctx, url, part, write, initial);
      } finally {
        active.delete(part);
      }
    }
  };

  try {
    const workers = Array.from(
      { length: Math.max(1, Math.min(ctx.connections, queue.length)) },
      () => worker(),
    );
    const results = await Promise.allSettled(workers);
    const failed = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
    if (failed) throw failed.reason;
    const stat = await fh.stat();
    if (coveredBytes(done) !== size || stat.size !== size)
      throw new IncompleteDownload(size, Math.min(stat.size, coveredBytes(done)));
    await fh.datasync();
    await fh.close();
    await saver.remove();
    return { bytes: size, resumedBytes };
  } catch (err) {
    await saver.flush().catch(() => undefined);
    await fh.close().catch(() => undefined);
    throw err;
  }
}

async function fetchPart(
  ctx: EngineContext,
  url: string,
  part: Part,
  write: (chunks: Buffer[], pos: number, len: number) => Promise<void>,
  initial?: OpenResponse,
): Promise<void> {
  let progressed = false;
  let reuse = initial;
  await withRetry(
    `bytes ${part.pos}-${part.end - 1}`,
    async () => {
      progressed = false;
      const res =
        reuse ??
        (part.remaining > 0
          ? await ctx.http.open(url, { range: { start: part.pos, end: part.end - 1 } })
          : null);
      reuse = undefined;
      if (!res) return;
      if (part.remaining <= 0) {
        res.cancel();
        return;
      }
      const start = Number(
        /bytes (\d+)-/.exec(headerValue(res.headers, 'content-range') ?? '')?.[1],
      );
      if (res.status !== 206 || start !== part.pos) {
        res.cancel();
        throw new InvalidMedia(`server answered a range request with ${res.status} from ${start}`);
      }
      let chunks: Buffer[] = [];
      let pendingLen = 0;
      let writePos = part.pos;
      let stopped = false;
      let lastFlush = performance.now();
      const flush = async (): Promise<void> => {
        if (pendingLen === 0) return;
        const c = chunks;
        const len = pendingLen;
        chunks = [];
        pendingLen = 0;
        lastFlush = performance.now();
        await write(c, writePos, len);
        writePos += len;
        progressed = true;
      };
      try {
        await res.consume((chunk) => {
          if (stopped) return undefined;
          // The end may have moved down (work stealing) while this request was running.
          const room = part.end - part.pos;
          const piece = chunk.length > room ? chunk.subarray(0, room) : chunk;
          chunks.push(piece);
          pendingLen += piece.length;
          part.pos += piece.length;
          ctx.progress.add(piece.length);
          if (part.pos >= part.end) {
            stopped = true;
            res.cancel();
          }
          return pendingLen >= WRITE_BLOCK || performance.now() - lastFlush > WRITE_MAX_DELAY_MS
            ? flush()
            : undefined;
        });
      } catch (err) {
        if (!stopped) {
          // What arrived before the break is valid: keep it, resume the part after it.
          await flush();
          throw err;
        }
      }
      await flush();
      if (part.pos < part.end)
        throw new NetworkError(
          url,
          new Error(`body ended at ${part.pos}, part ends at ${part.end}`),
        );
    },
    { ...retryOptions(ctx), madeProgress: () => progressed },
  );
}

async function downloadSingle(
  ctx: EngineContext,
  url: string,
  partPath: string,
  probe: Probe,
): Promise<StageResult> {
  ctx.progress.setTotal(probe.size);
  let first: OpenResponse | undefined = probe.response;
  await withRetry(
    'single stream',
    async () => {
      const res = first ?? (await ctx.http.open(url));
      first = undefined;
      const fh = await openPart(partPath, true);
      let pos = 0;
      let chunks: Buffer[] = [];
      let pending = 0;
      const flush = async (): Promise<void> => {
        const c = chunks;
        const len = pending;
        chunks = [];
        pending = 0;
        await writeAt(fh, c, pos, partPath);
        pos += len;
      };
      try {
        await res.consume((chunk) => {
          chunks.push(chunk);
          pending += chunk.length;
          ctx.progress.add(chunk.length);
          return pending >= WRITE_BLOCK ? flush() : undefined;
        });
        await flush();
      } catch (err) {
        ctx.progress.rollback(pos + pending);
        throw err;
      } finally {
        await fh.close();
      }
      if (probe.size !== null && pos !== probe.size) throw new IncompleteDownload(probe.size, pos);
    },
    retryOptions(ctx),
  );
  const { size } = await fs.stat(partPath);
  return { bytes: size, resumedBytes: 0 };
}
