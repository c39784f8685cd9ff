import { retryOptions, type EngineContext } from '../core/context';
import { NetworkError } from '../core/errors';
import { withRetry } from '../core/retry';
import { headerValue } from '../http/client';
import type { Segment } from './playlist';
import { MemoryBudget, SegmentBuffer } from './segment-buffer';
import { ivForSegment } from './segment-data';
import { segmentDecoder } from './segment-decoder';

export interface SegmentFetchDeps {
  ctx: EngineContext;
  budget: MemoryBudget;
  /** Temp file for the part of segment `index` that does not fit the memory budget. */
  spillPath(index: number): string;
  keyFor(url: string): Promise<Buffer>;
  /** Told about each attempt's buffer, so the segment next in line can stream into the .part. */
  arriving(index: number, data: SegmentBuffer): void;
}

/**
 * Fetches one segment (retried with backoff; a failed attempt's bytes are dropped and the segment
 * starts over) and returns its decoded bytes, sealed and ready for the ordered writer.
 */
export function fetchSegment(deps: SegmentFetchDeps, seg: Segment): Promise<{ data: SegmentBuffer; received: number }> {
  const { ctx } = deps;
  return withRetry(
    `segment ${seg.index}`,
    async () => {
      const range = seg.byteRange
        ? { start: seg.byteRange.offset, end: seg.byteRange.offset + seg.byteRange.length - 1 }
        : undefined;
      // The key request (once per key URI) runs alongside the segment request, not before it.
      const key = seg.key ? deps.keyFor(seg.key.url) : undefined;
      key?.catch(() => undefined);
      const res = await ctx.http.open(seg.url, { range });
      const data = new SegmentBuffer(deps.budget, deps.spillPath(seg.index));
      deps.arriving(seg.index, data);
      let received = 0;
      let decoder: ReturnType<typeof segmentDecoder> | undefined;
      try {
        decoder = segmentDecoder(
          {
            contentEncoding: headerValue(res.headers, 'content-encoding'),
            key: key ? await key : undefined,
            iv: seg.key ? ivForSegment(seg.key.iv, seg.sequence) : undefined,
            slice: seg.byteRange && res.status === 200 ? { start: seg.byteRange.offset, length: seg.byteRange.length } : undefined,
          },
          { write: (c) => data.append(c), end: () => data.seal() },
        );
        const sink = decoder;
        await res.consume((c) => {
          received += c.length;
          ctx.progress.add(c.length);
          return sink.write(c);
        });
        if (received === 0) throw new NetworkError(seg.url, new Error('empty segment body'));
        await sink.end();
        if (data.length === 0) throw new NetworkError(seg.url, new Error('empty segment body'));
      } catch (err) {
        res.cancel();
        decoder?.abort();
        ctx.progress.rollback(received);
        await data.discard();
        throw err;
      }
      return { data, received };
    },
    retryOptions(ctx),
  );
}
