/**
 * Requests in flight per client address (docs/strm.md, "Safety"): a player keeps one or two
 * open, a media server a few per viewer; a client beyond the limit gets 429 instead of the
 * proxy opening ever more upstream connections for it.
 */
export class ClientLimiter {
  private readonly active = new Map<string, number>();

  /** A release function, or null when the client is at its limit. */
  acquire(client: string, limit: number): (() => void) | null {
    const count = this.active.get(client) ?? 0;
    if (count >= limit) return null;
    this.active.set(client, count + 1);
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const left = (this.active.get(client) ?? 1) - 1;
      if (left > 0) this.active.set(client, left);
      else this.active.delete(client);
    };
  }

  /** Requests in flight, all clients together. */
  get total(): number {
    let sum = 0;
    for (const n of this.active.values()) sum += n;
    return sum;
  }
}
