import type { StrmMode } from '@aniworld/contracts';
import type { ReleaseMode } from '@aniworld/release';

/**
 * The release modes the feed offers for each episode (docs/arr-torznab.md, "STRM variants"):
 * `arr.strm.mode` off → downloads, both → a download and a ` [STRM]` release, only → ` [STRM]`.
 */
export function offeredModes(mode: StrmMode): readonly ReleaseMode[] {
  if (mode === 'off') return ['download'];
  return mode === 'only' ? ['strm'] : ['download', 'strm'];
}

/** Every item once per mode, next to each other, in the items' order. */
export function withModes<T>(
  items: readonly T[],
  modes: readonly ReleaseMode[],
): (T & { mode: ReleaseMode })[] {
  return items.flatMap((item) => modes.map((mode) => ({ ...item, mode })));
}

/**
 * A page of a list stored one row per episode and offered once per mode: the rows that cover
 * items `offset … offset + limit`, expanded and cut to the page; the total counts items.
 */
export async function pageWithModes<T>(
  offset: number,
  limit: number,
  modes: readonly ReleaseMode[],
  rowsPage: (offset: number, limit: number) => Promise<[T[], number]>,
): Promise<[(T & { mode: ReleaseMode })[], number]> {
  const per = modes.length;
  const first = Math.floor(offset / per);
  const end = Math.ceil((offset + limit) / per);
  const [rows, total] = await rowsPage(first, end - first);
  const skip = offset - first * per;
  return [withModes(rows, modes).slice(skip, skip + limit), total * per];
}
