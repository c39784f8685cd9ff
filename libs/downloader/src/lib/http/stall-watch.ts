import { StalledError } from '../core/errors';

/** What the watchdog knows about one request in flight. */
export interface Watched {
  /** When the last byte (or the headers, or the request itself) was seen. */
  last: number;
  /** False until the response headers arrived: the request may be queued behind another response. */
  answered: boolean;
  /** Held back by the bandwidth limit: not a stall. */
  paused: boolean;
  stalled: StalledError | null;
  controller: AbortController;
}

/**
 * Requests (in the order they were opened) that received nothing for `timeoutMs`; marks them stalled.
 *
 * A request without headers yet may be waiting behind another response on its pipelined connection,
 * or in the pool's queue, so it counts as alive while any request opened before it still makes
 * progress. A stalled predecessor is caught on its own; aborting it fails its connection and with it
 * the requests queued there, which then retry.
 */
export function findStalled(
  inOpeningOrder: Iterable<Watched>,
  now: number,
  timeoutMs: number,
): Watched[] {
  const stalled: Watched[] = [];
  let older = -Infinity;
  for (const w of inOpeningOrder) {
    const last = w.paused ? now : w.answered ? w.last : Math.max(w.last, older);
    older = Math.max(older, last);
    if (now - last > timeoutMs) {
      w.stalled = new StalledError('', Math.round(now - last));
      stalled.push(w);
    }
  }
  return stalled;
}
