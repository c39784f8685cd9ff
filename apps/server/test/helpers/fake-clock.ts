import type { Clock } from '../../src/common/clock';

/** Real time plus an offset the test moves forward. */
export class FakeClock implements Clock {
  private offset = 0;

  now(): number {
    return Date.now() + this.offset;
  }

  advance(ms: number): void {
    this.offset += ms;
  }
}
