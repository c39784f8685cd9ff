import { mapFsError } from './errors';

/** The part of a FileHandle that writeAt uses. */
export interface PositionalFile {
  writev(buffers: Buffer[], position: number): Promise<{ bytesWritten: number }>;
}

/**
 * Writes every byte of `chunks` at `position` of `file` (named `path` in errors).
 *
 * A write may be short without an error: the kernel writes what fits, which is what a disk about to
 * be full does. The rest is written again, so a full disk ends in ENOSPC, typed DiskFull, on the
 * next attempt instead of a silent hole in the file. Other failures are typed by mapFsError.
 */
export async function writeAt(
  file: PositionalFile,
  chunks: Buffer[],
  position: number,
  path: string,
): Promise<void> {
  let rest = chunks;
  let at = position;
  let left = chunks.reduce((n, c) => n + c.length, 0);
  try {
    while (left > 0) {
      const { bytesWritten } = await file.writev(rest, at);
      if (bytesWritten <= 0) {
        // No progress and no error: only a full device does that; looping would never end.
        throw Object.assign(new Error(`no byte of ${left} could be written`), { code: 'ENOSPC' });
      }
      at += bytesWritten;
      left -= bytesWritten;
      if (left > 0) rest = skipBytes(rest, bytesWritten);
    }
  } catch (err) {
    throw mapFsError(err, path);
  }
}

/** `chunks` without their first `n` bytes (views, no copies). */
export function skipBytes(chunks: Buffer[], n: number): Buffer[] {
  let skip = n;
  let i = 0;
  while (i < chunks.length && skip >= chunks[i].length) skip -= chunks[i++].length;
  const out = chunks.slice(i);
  if (skip > 0 && out.length > 0) out[0] = out[0].subarray(skip);
  return out;
}
