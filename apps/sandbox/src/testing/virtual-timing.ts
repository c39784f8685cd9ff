import type { Timing } from '../server/deliver';

/** A clock that never sleeps: pauses advance virtual time and are recorded for assertions. */
export class VirtualTiming implements Timing {
  readonly pauses: number[] = [];
  private t = 0;

  now(): number {
    return this.t;
  }

  pause(ms: number): Promise<void> {
    this.pauses.push(ms);
    this.t += ms;
    return Promise.resolve();
  }

  total(): number {
    return this.pauses.reduce((a, b) => a + b, 0);
  }

  reset(): void {
    this.pauses.length = 0;
  }
}
