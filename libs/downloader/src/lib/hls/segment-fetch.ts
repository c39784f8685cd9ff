import { retryOptions, type EngineContext } from '../core/context';
import { HttpStatusError, InvalidMedia, NetworkError } from '../core/errors';
import { withRetry } from '../core/retry';
import { headerValue } from '../http/client';
import type { Segment } from './playlist';
import { MemoryBudget, SegmentBuffer } from './segment-buffer';
import { ivForSegment } from './segment-data';
import { segmentDecoder, type SegmentDecoder } from './segment-decoder';

export interface SegmentFetchDeps {
  ctx: EngineContext;
  budget: MemoryBudget;
  /** Temp file for the part of segment `index` (its piece starting at byte `piece`, 0 = the front) that does not fit the memory budget. */
  spillPath(index: number, piece: number): string;
  keyFor(url: string): Promise<Buffer>;
  /** Told about each attempt's buffer, so the segment next in line can stream into the .part. */
  arriving(index: number, data: SegmentBuffer): void;
}

/**
 * Bytes [start, end) of a clear segment's body, fetched as one Range request; the last waves of a
 * download are split in two like this so all connections finish together.
 */
export interface SegmentPiece {
  start: number;
  /** Exclusive; open-ended (to the segment's end) when absent. */
  end?: number;
}

export interface FetchedSegment {
  data: SegmentBuffer;
  /** Body bytes received (before decoding). */
  received: number;
  /** The server answers Range requests for this segment. */
  ranges: boolean;
  /** The body came with a Content-Encoding (gzip), or disguised behind a fake image header. */
  encoded: boolean;
}

/**
 * Fetches one segment, or one piece of it (retried with backoff; a failed attempt's bytes are
 * dropped and it starts over) and returns its decoded bytes, sealed and ready for the ordered writer.
 */
export function fetchSegment(
  deps: SegmentFetchDeps,
  seg: Segment,
  piece?: SegmentPiece,
): Promise<FetchedSegment> {
  const { ctx } = deps;
  const back = piece !== undefined && piece.start > 0;
  return withRetry(
    `segment ${seg.index}${piece ? ` from byte ${piece.start}` : ''}`,
    async () => {
      const range = piece
        ? { start: piece.start, end: piece.end === undefined ? undefined : piece.end - 1 }
        : seg.byteRange
          ? { start: seg.byteRange.offset, end: seg.byteRange.offset + seg.byteRange.length - 1 }
          : undefined;
      // The key request (once per key URI) runs alongside the segment request, not before it.
      const key = seg.key ? deps.keyFor(seg.key.url) : undefined;
      key?.catch(() => undefined);
      const data = new SegmentBuffer(deps.budget, deps.spillPath(seg.index, piece?.start ?? 0));
      let res;
      try {
        res = await ctx.http.open(seg.url, { range });
      } catch (err) {
        // A back piece beyond the end of a short segment is simply empty.
        if (back && err instanceof HttpStatusError && err.status === 416)
          return { data, received: 0, ranges: true, encoded: false };
        throw err;
      }
      // The front of the segment streams into the .part as soon as it is next in line.
      if (!back) deps.arriving(seg.index, data);
      const encoding = headerValue(res.headers, 'content-encoding');
      const ranges = res.status === 206 || headerValue(res.headers, 'accept-ranges') === 'bytes';
      let received = 0;
      let decoder: SegmentDecoder | undefined;
      try {
        if (piece && encoding)
          throw new InvalidMedia(
            `segment ${seg.index} came ${encoding}-encoded to a range request`,
          );
        const whole = res.status === 200;
        decoder = segmentDecoder(
          {
            contentEncoding: encoding,
            key: key ? await key : undefined,
            iv: seg.key ? ivForSegment(seg.key.iv, seg.sequence) : undefined,
            raw: back,
            slice:
              piece && whole
                ? {
                    start: piece.start,
                    length: (piece.end ?? Number.MAX_SAFE_INTEGER) - piece.start,
                  }
                : seg.byteRange && whole
                  ? { start: seg.byteRange.offset, length: seg.byteRange.length }
                  : undefined,
          },
          { write: (c) => data.append(c), end: () => data.seal() },
        );
        const sink = decoder;
        await res.consume((c) => {
          received += c.length;
          ctx.progress.add(c.length);
          return sink.write(c);
        });
        if (received === 0 && !back)
          throw new NetworkError(seg.url, new Error('empty segment body'));
        await sink.end();
        if (data.length === 0 && !back)
          throw new NetworkError(seg.url, new Error('empty segment body'));
      } catch (err) {
        res.cancel();
        decoder?.abort();
        ctx.progress.rollback(received);
        await data.discard();
        throw err;
      }
      return {
        data,
        received,
        ranges,
        encoded: encoding !== undefined || decoder.stripped || decoder.gunzipped,
      };
    },
    retryOptions(ctx),
  );
}
