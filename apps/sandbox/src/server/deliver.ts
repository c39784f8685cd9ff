import { createReadStream } from 'node:fs';
import type { ServerResponse } from 'node:http';
import { gzipSync } from 'node:zlib';
import { gzipBomb } from './hostile';
import { readFile } from 'node:fs/promises';
import { ownsSocket, pacerFor } from './connection-pacer';
import type { FaultSpec } from './faults';
import type { FileBody, Reply } from './http-types';

/** A tiny valid PNG (signature + 1×1 IHDR + IEND); hosters disguise TS segments behind such headers. */
export const FAKE_PNG_HEADER = Buffer.from(
  '89504e470d0a1a0a0000000d4948445200000001000000010806000000' + '1f15c4890000000049454e44ae426082',
  'hex',
);

/** Time source for the pacing faults; tests inject a virtual clock so no assertion depends on real time. */
export interface Timing {
  now(): number;
  pause(ms: number, res: ServerResponse): Promise<void>;
}

export const realTiming: Timing = { now: () => Date.now(), pause };

export interface DeliveryOptions {
  faults: FaultSpec;
  timing: Timing;
  /** Whether `drop` applies to this request (false once `dropFirst` requests were dropped). */
  dropActive: boolean;
  head: boolean;
  onBytes(n: number): void;
}

/** Resolves after `ms`, or earlier when the response closes (so shutdown never waits on a fault). */
export function pause(ms: number, res: ServerResponse): Promise<void> {
  if (ms <= 0 || res.destroyed) return Promise.resolve();
  return new Promise((resolve) => {
    const done = (): void => {
      clearTimeout(timer);
      res.off('close', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    res.on('close', done);
  });
}

function isFileBody(body: Reply['body']): body is FileBody {
  return typeof body === 'object' && body !== null && !Buffer.isBuffer(body);
}

async function materialize(body: Reply['body']): Promise<Buffer> {
  if (body === undefined) return Buffer.alloc(0);
  if (typeof body === 'string') return Buffer.from(body, 'utf8');
  if (Buffer.isBuffer(body)) return body;
  const all = await readFile(body.file);
  return all.subarray(body.start, body.end + 1);
}

async function* chunks(body: Buffer | FileBody, size: number): AsyncGenerator<Buffer> {
  if (Buffer.isBuffer(body)) {
    for (let i = 0; i < body.length; i += size) yield body.subarray(i, i + size);
    return;
  }
  if (body.end < body.start) return;
  const stream = createReadStream(body.file, {
    start: body.start,
    end: body.end,
    highWaterMark: size,
  });
  for await (const chunk of stream) yield chunk as Buffer;
}

function dropAt0(opts: DeliveryOptions): boolean {
  return opts.dropActive && opts.faults.drop === 0;
}

function write(res: ServerResponse, chunk: Buffer): Promise<void> {
  if (res.write(chunk)) return Promise.resolve();
  return new Promise((resolve) => {
    const done = (): void => {
      res.off('drain', done);
      res.off('close', done);
      resolve();
    };
    res.on('drain', done);
    res.on('close', done);
  });
}

/**
 * Writes a reply, applying the body-level faults: gzip, fakeHeader, ttfb, rate, stall and drop.
 * Request-level faults (latency, status, challenge, expired) are decided before the handler runs.
 */
export async function deliver(
  res: ServerResponse,
  reply: Reply,
  opts: DeliveryOptions,
): Promise<void> {
  const { faults } = opts;
  const headers: Record<string, string | number | string[]> = { ...(reply.headers ?? {}) };
  let body: Buffer | FileBody =
    reply.body === undefined || typeof reply.body === 'string'
      ? Buffer.from(reply.body ?? '', 'utf8')
      : reply.body;

  if (reply.segment && faults.fakeHeader === 'png') {
    body = Buffer.concat([FAKE_PNG_HEADER, await materialize(body)]);
    headers['content-type'] = 'image/png';
  }
  if (faults.gzip && reply.segment && reply.status === 200) {
    body = gzipSync(await materialize(body));
    headers['content-encoding'] = 'gzip';
  }
  if (faults.bomb && reply.status === 200) {
    body = gzipBomb(faults.bomb);
    headers['content-encoding'] = 'gzip';
  }
  const length = isFileBody(body) ? Math.max(0, body.end - body.start + 1) : body.length;
  headers['content-length'] = length;
  if (faults.pad && !opts.head) {
    delete headers['content-length'];
    res.writeHead(reply.status, headers);
    await padded(res, await materialize(body), faults.pad, opts.onBytes);
    return;
  }

  res.writeHead(reply.status, headers);
  if (dropAt0(opts) && !opts.head) res.flushHeaders();
  if (opts.head || length === 0) {
    res.end();
    return;
  }
  if (faults.ttfb) await opts.timing.pause(faults.ttfb, res);

  const rate = faults.rate && faults.rate > 0 ? faults.rate : undefined;
  const chunkSize = rate ? Math.max(256, Math.min(64 * 1024, Math.floor(rate / 10))) : 64 * 1024;
  const dropAt = opts.dropActive && faults.drop !== undefined ? faults.drop : undefined;
  const stallAt = faults.stall ? Math.floor(length / 2) : undefined;
  let stalled = false;
  let sent = 0;
  const socket = res.req.socket;
  if (rate) await ownsSocket(res, socket);
  const pacer = rate ? pacerFor(socket) : undefined;

  let wait = 0;
  for await (const piece of chunks(body, chunkSize)) {
    let chunk = piece;
    while (chunk.length > 0) {
      if (res.destroyed) return;
      let limit = chunk.length;
      if (dropAt !== undefined) limit = Math.min(limit, dropAt - sent);
      if (stallAt !== undefined && !stalled && sent < stallAt)
        limit = Math.min(limit, stallAt - sent);
      if (limit > 0) {
        const part = chunk.subarray(0, limit);
        const last = dropAt !== undefined && sent + part.length >= dropAt;
        if (last) await new Promise<void>((resolve) => res.write(part, () => resolve()));
        else await write(res, part);
        sent += part.length;
        opts.onBytes(part.length);
        chunk = chunk.subarray(limit);
        if (rate && pacer) wait = pacer.charge(part.length, rate, opts.timing.now());
      }
      if (dropAt !== undefined && sent >= dropAt) {
        // What was promised has reached the kernel; now cut the connection like a crashed edge node.
        res.socket?.destroy();
        res.destroy();
        return;
      }
      if (stallAt !== undefined && !stalled && sent >= stallAt) {
        stalled = true;
        await opts.timing.pause(faults.stall ?? 0, res);
      }
      if (wait > 0) {
        await opts.timing.pause(wait, res);
        wait = 0;
      }
    }
  }
  res.end();
}

/** The body, then filler up to `total` bytes, as fast as the client reads; stops when it hangs up. */
async function padded(
  res: ServerResponse,
  body: Buffer,
  total: number,
  onBytes: (n: number) => void,
): Promise<void> {
  await write(res, body);
  onBytes(body.length);
  const filler = Buffer.alloc(64 * 1024, ' ');
  for (let sent = body.length; sent < total; sent += filler.length) {
    if (res.destroyed) return;
    const part = filler.subarray(0, Math.min(filler.length, total - sent));
    await write(res, part);
    onBytes(part.length);
  }
  res.end();
}
