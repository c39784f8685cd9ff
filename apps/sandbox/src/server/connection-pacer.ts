import type { ServerResponse } from 'node:http';
import type { Socket } from 'node:net';

const TIMER_SLACK_MS = 10;

/**
 * The `rate` fault caps a CONNECTION, as a CDN edge does, not each response: every response on one
 * keep-alive socket (pipelined ones included) draws from the same budget. The budget is a virtual
 * clock — the moment the socket has paid for everything sent so far — so an idle connection earns no
 * credit beyond the chunk being sent, and a response that follows another cannot burst.
 */
export class ConnectionPacer {
  private paidUntil = -Infinity;

  /** Charges `bytes` just sent at `rate` bytes/s; returns how many ms to pause before sending more. */
  charge(bytes: number, rate: number, now: number): number {
    // A timer fires a little late; while the socket sends back to back that lateness is not idle
    // time, so it must not lower the rate. After a real gap the connection starts afresh.
    const late = now - this.paidUntil;
    const from =
      late > 0 && late <= TIMER_SLACK_MS ? this.paidUntil : Math.max(this.paidUntil, now);
    this.paidUntil = from + (bytes / rate) * 1000;
    return this.paidUntil - now;
  }
}

const pacers = new WeakMap<Socket, ConnectionPacer>();

export function pacerFor(socket: Socket): ConnectionPacer {
  let pacer = pacers.get(socket);
  if (!pacer) {
    pacer = new ConnectionPacer();
    pacers.set(socket, pacer);
  }
  return pacer;
}

/**
 * Node's server runs pipelined requests' handlers at once but holds a later response's bytes in
 * memory until the earlier response ends, then assigns it the socket. Pacing must happen when bytes
 * really go to the socket, so a paced response waits for its turn (or for the connection to close).
 */
export function ownsSocket(res: ServerResponse, socket: Socket): Promise<void> {
  if (res.socket || res.destroyed || socket.destroyed) return Promise.resolve();
  return new Promise((resolve) => {
    const done = (): void => {
      res.off('socket', done);
      res.off('close', done);
      socket.off('close', done);
      resolve();
    };
    res.on('socket', done);
    res.on('close', done);
    socket.on('close', done);
  });
}
